import { AppError, ROLES } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { assertId } from '../shared/validation';
import { validBiographicalData } from './biographical-data.value-object';
import { WORKER_SNAPSHOT_SCHEMA_VERSION, type WorkerSnapshot } from './worker.snapshot';
import { copyCaller, type WorkerState } from './worker.state';
import { WORKER_STATUSES } from './worker.types';

/** The state as plain, JSON-safe data: copies, never shared references. */
export function snapshotOfWorker(s: WorkerState): WorkerSnapshot {
  const name = s.name.toProps();
  return {
    schemaVersion: WORKER_SNAPSHOT_SCHEMA_VERSION,
    id: s.id,
    version: s.version,
    status: s.status,
    givenNames: name.givenNames,
    surnames: { ...name.surnames },
    dateOfBirth: s.dateOfBirth.toString(),
    birthYear: s.dateOfBirth.year,
    sex: s.sex,
    nationality: s.nationality,
    identityDocument: s.identityDocument.toProps(),
    placeOfBirth: s.placeOfBirth.toProps(),
    homeAddress: s.homeAddress.toProps(),
    phone: s.phone?.value ?? null,
    photoReference: s.photoReference,
    registered: { ...s.registered, by: copyCaller(s.registered.by) },
    mergedInto: s.merge?.survivorId ?? null,
    merge: s.merge && { ...s.merge, by: copyCaller(s.merge.by) },
    absorbed: s.absorbed.map((a) => ({ ...a, by: copyCaller(a.by) })),
    hasPendingDuplicates: s.status === 'ACTIVE' && s.possibleDuplicates.length > 0,
    possibleDuplicates: s.possibleDuplicates.map((p) => ({ ...p })),
    resolvedDuplicates: s.resolvedDuplicates.map((r) => ({ ...r, by: copyCaller(r.by) })),
  };
}

function caller(value: unknown, problem: string) {
  const c = value as { id?: unknown; role?: unknown } | null;
  if (!c || typeof c !== 'object' || typeof c.id !== 'string' || !ROLES.includes(c.role as never)) {
    throw PermitErrors.WORKER_SNAPSHOT_INVALID.create({ problem });
  }
  return { id: c.id, role: c.role as (typeof ROLES)[number] };
}

/**
 * The state stored data describes, its invariants checked again (the date of birth is not re-dated
 * against today). Unreadable data raises WORKER.SNAPSHOT_INVALID (500: the store holds something the
 * domain never wrote).
 */
export function stateOfWorker(snapshot: WorkerSnapshot): WorkerState {
  const invalid = (problem: string) => PermitErrors.WORKER_SNAPSHOT_INVALID.create({ problem });
  if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
  if (snapshot.schemaVersion !== WORKER_SNAPSHOT_SCHEMA_VERSION) {
    throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
  }
  if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
    throw invalid('version must be an integer ≥ 1');
  try {
    const status = snapshot.status;
    if (!WORKER_STATUSES.includes(status)) throw invalid(`unknown status ${String(status)}`);
    if ((status === 'MERGED') !== (snapshot.merge !== null)) throw invalid('status and merge disagree');
    const data = validBiographicalData(
      {
        givenNames: snapshot.givenNames,
        surnames: snapshot.surnames,
        dateOfBirth: snapshot.dateOfBirth,
        sex: snapshot.sex,
        nationality: snapshot.nationality,
        identityDocument: snapshot.identityDocument,
        placeOfBirth: snapshot.placeOfBirth,
        homeAddress: snapshot.homeAddress,
        phone: snapshot.phone,
        photoReference: snapshot.photoReference,
      },
      null,
    );
    return {
      id: assertId(snapshot.id, 'id'),
      version: snapshot.version,
      status,
      ...data,
      registered: { ...snapshot.registered, by: caller(snapshot.registered?.by, 'registered.by') },
      merge: snapshot.merge && {
        ...snapshot.merge,
        survivorId: assertId(snapshot.merge.survivorId, 'merge.survivorId'),
        by: caller(snapshot.merge.by, 'merge.by'),
      },
      absorbed: snapshot.absorbed.map((a) => ({ ...a, by: caller(a.by, 'absorbed.by') })),
      possibleDuplicates: snapshot.possibleDuplicates.map((p) => ({ ...p })),
      resolvedDuplicates: snapshot.resolvedDuplicates.map((r) => ({
        ...r,
        by: caller(r.by, 'resolvedDuplicates.by'),
      })),
      recordedHistory: [],
    };
  } catch (error) {
    if (PermitErrors.WORKER_SNAPSHOT_INVALID.is(error)) throw error;
    if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
    throw invalid(error instanceof Error ? error.message : String(error));
  }
}
