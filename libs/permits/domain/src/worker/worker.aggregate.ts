import { SYSTEM_CALLER, type CallerIdentity } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import type { CalendarDate } from '../shared/calendar-date.value-object';
import { historyEntry, type HistoryEntry } from '../shared/history';
import { recordedCaller } from '../shared/recorded-caller';
import { assertId, iso, requireInstant, requireReason } from '../shared/validation';
import {
  duplicateBlockingKeys,
  type DuplicateCandidate,
  type DuplicateProfile,
} from './duplicates/duplicate-scoring.policy';
import {
  CORRECTABLE_FIELDS,
  flattenBiographical,
  validBiographicalData,
  type Biographical,
  type BiographicalData,
  type WorkerCorrections,
} from './biographical-data.value-object';
import type { IdentityDocument } from './identity-document.value-object';
import type { PersonName } from './person-name.value-object';
import type { Phone } from './phone.value-object';
import type { HomeAddress, PlaceOfBirth } from './places.value-object';
import { nextWorkerStatus, allowedWorkerActions, type WorkerAction } from './worker-lifecycle';
import { isPersonalDataField } from './worker-personal-data';
import { snapshotOfWorker, stateOfWorker } from './worker-snapshot.mapping';
import type { WorkerDomainEvent } from './worker.events';
import type { DuplicateResolution, PossibleDuplicate, WorkerSnapshot } from './worker.snapshot';
import type { WorkerState } from './worker.state';
import type { Sex, WorkerStatus } from './worker.types';

export interface RegisterWorker extends BiographicalData {
  readonly workerId: string;
}

interface Ctx {
  readonly now: Date;
  readonly actor: CallerIdentity;
  readonly action: WorkerAction | 'REGISTER';
  readonly reason: string | null;
  readonly relatedId?: string | null;
}

/**
 * A worker: the person a permit is issued to, with their biographical data (personal data, see
 * {@link personalDataPaths}), the possible duplicates flagged against other records and how
 * officers resolved them. The same identity document is always the same worker
 * ({@link Worker.documentKey}); a close match is a possible duplicate an officer merges or marks
 * distinct. A MERGED record is frozen and points at its survivor.
 *
 * Pure: the caller passes ids and `now`; every change is one command that increments `version`
 * once, records history (field paths, never personal values) and raises events.
 */
export class Worker {
  private events: WorkerDomainEvent[] = [];

  private constructor(
    private readonly s: WorkerState,
    /** The version this instance was loaded at (0 when new): the repository's expected version. */
    readonly persistedVersion: number,
  ) {}

  // ---------------------------------------------------------------- registration

  static register(command: RegisterWorker, registeredBy: CallerIdentity, now: Date): Worker {
    requireInstant(now);
    const id = assertId(command?.workerId, 'workerId');
    const actor = recordedCaller(registeredBy, 'registeredBy.id');
    const data = validBiographicalData(command, now);
    const worker = new Worker(
      {
        id,
        version: 0,
        status: 'ACTIVE',
        ...data,
        registered: { at: iso(now), by: actor, reason: null },
        merge: null,
        absorbed: [],
        possibleDuplicates: [],
        resolvedDuplicates: [],
        recordedHistory: [],
      },
      0,
    );
    worker.record({ now, actor, action: 'REGISTER', reason: null }, 'status', null, 'ACTIVE');
    worker.raise({
      type: 'WorkerRegistered',
      workerId: id,
      occurredAt: iso(now),
      nationality: data.nationality,
      sex: data.sex,
      birthYear: data.dateOfBirth.year,
    });
    worker.commit();
    return worker;
  }

  // ---------------------------------------------------------------- corrections

  /**
   * Corrects biographical data (an officer, or the employer for its own worker). Each given part
   * replaces the whole part. Returns the changed field paths; submitting current values again
   * changes nothing (no version, no event). A changed document changes {@link documentKey}: the
   * repository must check it is not another worker's.
   */
  correct(changes: WorkerCorrections, caller: CallerIdentity, reason: string, now: Date): string[] {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('CORRECT');
    const why = requireReason(reason);
    const given = CORRECTABLE_FIELDS.filter((field) => changes?.[field] !== undefined);
    if (given.length === 0) throw PermitErrors.WORKER_NO_CHANGES.create({ allowed: CORRECTABLE_FIELDS });
    const merged: Record<string, unknown> = { ...this.biographicalData() };
    for (const field of given) merged[field] = changes[field];
    const next = validBiographicalData(merged as unknown as BiographicalData, now);
    const before = flattenBiographical(this.currentBiographical());
    const after = flattenBiographical(next);
    const changedFields = Object.keys(after).filter((field) => before[field] !== after[field]);
    if (changedFields.length === 0) return [];
    const ctx: Ctx = { now, actor, action: 'CORRECT', reason: why };
    for (const field of changedFields) this.record(ctx, field, before[field], after[field]);
    Object.assign(this.s, next);
    this.raise({
      type: 'WorkerCorrected',
      workerId: this.id,
      occurredAt: iso(now),
      changedFields,
      nationality: next.nationality,
      sex: next.sex,
      birthYear: next.dateOfBirth.year,
    });
    this.commit();
    return changedFields;
  }

  // ---------------------------------------------------------------- duplicates

  /**
   * Records that `otherWorkerId` may be the same person (a score at or above the threshold, from
   * `scoreDuplicate`). Recorded by the system. Returns false, changing nothing, when the pair is
   * already pending or was already resolved (a pair marked distinct is never flagged again).
   */
  flagPossibleDuplicate(otherWorkerId: string, score: number, now: Date): boolean {
    requireInstant(now);
    this.transition('FLAG_POSSIBLE_DUPLICATE');
    const other = this.otherId(otherWorkerId, 'otherWorkerId');
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
      throw PermitErrors.WORKER_INVALID_DUPLICATE_SCORE.create({
        field: 'score',
        constraint: 'OUT_OF_RANGE',
        min: 0,
        max: 1,
      });
    }
    if (this.pending(other) || this.resolution(other)) return false;
    this.s.possibleDuplicates.push({ workerId: other, score, flaggedAt: iso(now) });
    this.record(
      { now, actor: SYSTEM_CALLER, action: 'FLAG_POSSIBLE_DUPLICATE', reason: null, relatedId: other },
      'possibleDuplicates',
      null,
      `${other} (${score})`,
    );
    this.raise({
      type: 'WorkerPossibleDuplicateFlagged',
      workerId: this.id,
      occurredAt: iso(now),
      otherWorkerId: other,
      score,
    });
    this.commit();
    return true;
  }

  /**
   * An officer decides a flagged pair are two different people; the pair is not flagged again.
   * Marking an already distinct pair again changes nothing (false).
   */
  markDistinct(otherWorkerId: string, officer: CallerIdentity, reason: string, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(officer, 'officer.id');
    this.transition('MARK_DISTINCT');
    const other = this.otherId(otherWorkerId, 'otherWorkerId');
    const why = requireReason(reason);
    if (this.resolution(other)?.resolution === 'DISTINCT') return false;
    if (!this.pending(other))
      throw PermitErrors.WORKER_DUPLICATE_NOT_FLAGGED.create({ otherWorkerId: other });
    this.resolve(other, 'DISTINCT', { now, actor, action: 'MARK_DISTINCT', reason: why, relatedId: other });
    this.commit();
    return true;
  }

  /**
   * An officer merges this record into `survivorId`: this record becomes MERGED (frozen, pointing at
   * the survivor, its history kept); the application moves its applications and permits to the
   * survivor and calls `absorbed` on it. Merging into the same survivor again changes nothing
   * (false); into another, 409 WORKER.MERGED.
   */
  mergeInto(survivorId: string, officer: CallerIdentity, reason: string, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(officer, 'officer.id');
    const survivor = this.otherId(survivorId, 'survivorId');
    if (this.s.status === 'MERGED' && this.s.merge?.survivorId === survivor) return false;
    const next = this.transition('MERGE_INTO');
    const why = requireReason(reason);
    const ctx: Ctx = { now, actor, action: 'MERGE_INTO', reason: why, relatedId: survivor };
    if (this.pending(survivor)) this.resolve(survivor, 'MERGED', ctx);
    this.record(ctx, 'status', this.s.status, next);
    this.s.status = next;
    this.s.merge = { survivorId: survivor, at: iso(now), by: actor, reason: why };
    this.raise({
      type: 'WorkerMerged',
      workerId: this.id,
      occurredAt: iso(now),
      mergedId: this.id,
      survivorId: survivor,
      actorId: actor.id,
    });
    this.commit();
    return true;
  }

  /** The survivor of a merge records the record it absorbed. Idempotent per merged id. */
  absorbed(mergedId: string, officer: CallerIdentity, reason: string, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(officer, 'officer.id');
    this.transition('ABSORB');
    const merged = this.otherId(mergedId, 'mergedId');
    const why = requireReason(reason);
    if (this.s.absorbed.some((a) => a.workerId === merged)) return false;
    const ctx: Ctx = { now, actor, action: 'ABSORB', reason: why, relatedId: merged };
    if (this.pending(merged)) this.resolve(merged, 'MERGED', ctx);
    this.s.absorbed.push({ workerId: merged, at: iso(now), by: actor, reason: why });
    this.record(ctx, 'absorbed', null, merged);
    this.commit();
    return true;
  }

  // ---------------------------------------------------------------- keys and profiles

  /** `type|number|issuingCountry`: the normalised input of the document's blind index (unique). */
  documentKey(): string {
    return this.s.identityDocument.key();
  }

  /** The normalised phone (input of its blind index), or null without a phone. */
  phoneKey(): string | null {
    return this.s.phone?.key() ?? null;
  }

  /** The normalised strings of the duplicate-candidate lookups (see duplicateBlockingKeys). */
  duplicateBlockingKeys(): string[] {
    return duplicateBlockingKeys(this.duplicateProfile());
  }

  /** What duplicate scoring compares; personal data, for in-memory use only. */
  duplicateProfile(): DuplicateProfile {
    return {
      givenNames: this.s.name.givenNames,
      firstSurname: this.s.name.firstSurname,
      secondSurname: this.s.name.secondSurname,
      dateOfBirth: this.s.dateOfBirth.toString(),
      nationality: this.s.nationality,
    };
  }

  duplicateCandidate(): DuplicateCandidate {
    return { ...this.duplicateProfile(), documentKey: this.documentKey() };
  }

  /** What the eligibility policy needs of the worker. */
  eligibilityFacts(): { nationality: string; dateOfBirth: string } {
    return { nationality: this.s.nationality, dateOfBirth: this.s.dateOfBirth.toString() };
  }

  /** The biographical data as submitted values (personal data: for authorised reads only). */
  biographicalData(): BiographicalData {
    return {
      ...this.s.name.toProps(),
      dateOfBirth: this.s.dateOfBirth.toString(),
      sex: this.s.sex,
      nationality: this.s.nationality,
      identityDocument: this.s.identityDocument.toProps(),
      placeOfBirth: this.s.placeOfBirth.toProps(),
      homeAddress: this.s.homeAddress.toProps(),
      phone: this.s.phone?.value ?? null,
      photoReference: this.s.photoReference,
    };
  }

  // ---------------------------------------------------------------- getters

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get status(): WorkerStatus {
    return this.s.status;
  }
  get name(): PersonName {
    return this.s.name;
  }
  /** "J. L. P. L.": what public verification shows of the worker. */
  get initials(): string {
    return this.s.name.initials();
  }
  get dateOfBirth(): CalendarDate {
    return this.s.dateOfBirth;
  }
  get birthYear(): number {
    return this.s.dateOfBirth.year;
  }
  get sex(): Sex {
    return this.s.sex;
  }
  get nationality(): string {
    return this.s.nationality;
  }
  get identityDocument(): IdentityDocument {
    return this.s.identityDocument;
  }
  get placeOfBirth(): PlaceOfBirth {
    return this.s.placeOfBirth;
  }
  get homeAddress(): HomeAddress {
    return this.s.homeAddress;
  }
  get phone(): Phone | null {
    return this.s.phone;
  }
  get photoReference(): string | null {
    return this.s.photoReference;
  }
  get registeredAt(): string {
    return this.s.registered.at;
  }
  /** The surviving record, once merged. */
  get mergedInto(): string | null {
    return this.s.merge?.survivorId ?? null;
  }
  get absorbedIds(): string[] {
    return this.s.absorbed.map((a) => a.workerId);
  }
  /** Flagged pairs an officer has not resolved yet. */
  get possibleDuplicates(): readonly PossibleDuplicate[] {
    return this.s.possibleDuplicates.map((p) => ({ ...p }));
  }
  get hasPendingDuplicates(): boolean {
    return this.s.status === 'ACTIVE' && this.s.possibleDuplicates.length > 0;
  }
  get resolvedDuplicates(): readonly DuplicateResolution[] {
    return this.s.resolvedDuplicates.map((r) => ({ ...r, by: { ...r.by } }));
  }
  /** Whether an officer decided `otherWorkerId` is another person (then the pair is never flagged again). */
  isKnownDistinctFrom(otherWorkerId: string): boolean {
    return this.resolution(otherWorkerId)?.resolution === 'DISTINCT';
  }
  get allowedActions(): WorkerAction[] {
    return allowedWorkerActions(this.s.status);
  }
  /** History entries recorded since loaded (or built): what the repository appends with the write. */
  get recordedHistory(): readonly HistoryEntry[] {
    return [...this.s.recordedHistory];
  }

  pullEvents(): WorkerDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  // ---------------------------------------------------------------- persistence

  toSnapshot(): WorkerSnapshot {
    return snapshotOfWorker(this.s);
  }

  /** Rebuilds a worker from stored data; unreadable data raises WORKER.SNAPSHOT_INVALID (500). */
  static fromSnapshot(snapshot: WorkerSnapshot): Worker {
    const state = stateOfWorker(snapshot);
    return new Worker(state, state.version);
  }

  // ---------------------------------------------------------------- internals

  private currentBiographical(): Biographical {
    const { name, dateOfBirth, sex, nationality, identityDocument, placeOfBirth, homeAddress } = this.s;
    return {
      name,
      dateOfBirth,
      sex,
      nationality,
      identityDocument,
      placeOfBirth,
      homeAddress,
      phone: this.s.phone,
      photoReference: this.s.photoReference,
    };
  }

  private transition(action: WorkerAction): WorkerStatus {
    return nextWorkerStatus(action, this.s.status, {
      workerId: this.s.id,
      survivorId: this.s.merge?.survivorId ?? null,
    });
  }

  private otherId(value: string, field: string): string {
    const id = assertId(value, field);
    if (id === this.s.id) throw PermitErrors.WORKER_DUPLICATE_SELF.create({ field });
    return id;
  }

  private pending(otherWorkerId: string): PossibleDuplicate | undefined {
    return this.s.possibleDuplicates.find((p) => p.workerId === otherWorkerId);
  }

  private resolution(otherWorkerId: string): DuplicateResolution | undefined {
    return this.s.resolvedDuplicates.find((r) => r.workerId === otherWorkerId);
  }

  private resolve(other: string, resolution: 'DISTINCT' | 'MERGED', ctx: Ctx): void {
    this.s.possibleDuplicates = this.s.possibleDuplicates.filter((p) => p.workerId !== other);
    this.s.resolvedDuplicates.push({
      workerId: other,
      resolution,
      at: iso(ctx.now),
      by: ctx.actor,
      reason: ctx.reason ?? '',
    });
    this.record(ctx, 'possibleDuplicates', other, resolution);
    this.raise({
      type: 'WorkerDuplicateResolved',
      workerId: this.id,
      occurredAt: iso(ctx.now),
      otherWorkerId: other,
      resolution,
      actorId: ctx.actor.id,
    });
  }

  private record(ctx: Ctx, field: string, from: string | null, to: string | null): void {
    this.s.recordedHistory.push(
      historyEntry({ ...ctx, version: this.s.version + 1 }, field, from, to, isPersonalDataField(field)),
    );
  }

  private raise(event: WorkerDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}
