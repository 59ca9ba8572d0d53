import { PermitErrors } from '../errors/permit-errors';
import { assertId } from '../shared/validation';

/** Workers sharing one phone from which the signal is raised (the architecture's proposal: three). */
export const DEFAULT_SHARED_PHONE_THRESHOLD = 3;

/** A worker registered with the phone, and the employers it has (had) permits with. */
export interface SharedContactWorker {
  readonly workerId: string;
  readonly employerIds: readonly string[];
}

/** The non-personal signal for the audits context: who shares one phone, never the phone. */
export interface SharedContactSignal {
  readonly workerIds: readonly string[];
  readonly employerIds: readonly string[];
  readonly count: number;
}

/**
 * Several workers registered with the same phone (equal blind indexes, found by the repository) is a
 * known sign that one person — an enganchador or a trafficker — controls them. Returns the signal
 * when at least `threshold` distinct workers share it, else null. Ids are sorted, so the same group
 * gives the same signal (the application can publish it only when it changed).
 */
export function sharedContactSignal(
  workers: readonly SharedContactWorker[],
  threshold: number = DEFAULT_SHARED_PHONE_THRESHOLD,
): SharedContactSignal | null {
  if (!Number.isInteger(threshold) || threshold < 2) {
    throw PermitErrors.INVALID_OPTIONS.create({
      field: 'sharedPhoneThreshold',
      constraint: 'OUT_OF_RANGE',
      min: 2,
      max: 1000,
    });
  }
  const workerIds = [...new Set(workers.map((w) => assertId(w.workerId, 'workerId')))].sort();
  if (workerIds.length < threshold) return null;
  const employerIds = [
    ...new Set(workers.flatMap((w) => w.employerIds.map((id) => assertId(id, 'employerId')))),
  ].sort();
  return { workerIds, employerIds, count: workerIds.length };
}
