import {
  CalendarDate,
  PermitErrors,
  permitPolicy,
  type Permit,
  type PermitOptions,
} from '@frontera/permits-domain';
import { AppError, MEXICAN_STATES } from '@frontera/shared-kernel';
import type { PermitSweepBucket } from '../../ports/repositories.port';
import { permitRunner, type PermitsCommandDeps } from '../../shared/permits-command.runners';

export interface SweepPermitsDeps extends PermitsCommandDeps {
  readonly permitOptions: PermitOptions;
}

export interface SweepPermitsSettings {
  /** Days before today whose buckets are swept again (what a stopped service missed): 1–60. */
  readonly catchUpDays: number;
  /** Ids read per query of a bucket (default 100). */
  readonly batchSize?: number;
  /** Failures listed in the result at most (the count is always exact; default 20). */
  readonly maxListedFailures?: number;
}

export interface SweepPermitsCommand {
  /** The moment the sweep decides at (the service's clock). */
  readonly now: Date;
  /** Correlation id of the events the sweep causes (the job's id). */
  readonly correlationId: string;
  /** Stops between permits when aborted (shutdown); what is left is swept by the next run. */
  readonly signal?: AbortSignal;
  /** This run only: look back this many days instead of the configured catch-up (an operator's one-off). */
  readonly catchUpDays?: number;
}

/** What a sweep step does to a permit of its bucket. */
export type SweepAction = 'NOTICE' | 'EXPIRE';

export interface SweepFailure {
  readonly permitId: string;
  readonly action: SweepAction;
  /** The AppError code, or `UNEXPECTED` (never a message: it could carry data). */
  readonly code: string;
}

export interface SweepPermitsResult {
  /** The first and last bucket day swept (`YYYY-MM-DD`). */
  readonly from: string;
  readonly to: string;
  /** Bucket queries sent (`idsDueOn`): one per empty bucket. */
  readonly queries: number;
  /** Permits that raised their expiry notice (frontera.permit.expiring). */
  readonly noticed: number;
  /** Permits marked EXPIRED (frontera.permit.expired). */
  readonly expired: number;
  /**
   * Permits of a bucket left as they were: their local midnight has not come yet (a bucket of the
   * latest local day holds permits of states whose day is still the previous one), or nothing was
   * due any more (already done, changed meanwhile). The next run finds them again.
   */
  readonly unchanged: number;
  /** Permits whose step failed; the next run tries them again (their bucket did not clear). */
  readonly failed: number;
  readonly failures: readonly SweepFailure[];
  /** True when the signal stopped the run before every bucket was swept. */
  readonly aborted: boolean;
}

const STEPS: readonly { readonly bucket: PermitSweepBucket; readonly action: SweepAction }[] = [
  { bucket: 'noticeOn', action: 'NOTICE' },
  { bucket: 'expiresOn', action: 'EXPIRE' },
];

function checkCatchUpDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 366) {
    throw new RangeError(`catchUpDays must be an integer 0–366, got ${days}`);
  }
}

const EVENT_PREFIX: Readonly<Record<SweepAction, string>> = { NOTICE: 'notice', EXPIRE: 'expire' };

/**
 * The scheduled sweep of expiry and of the "expires soon" notice (docs/domain/permits.md, Expiry
 * and the 30-day notice). Never a range query: permits carry the due day as equality buckets
 * (`noticeOn`, `expiresOn`, in the permit's state-local day), and the sweep reads the buckets of
 * the days from `catchUpDays` before today up to today — today being the latest local day among
 * the states' offsets — oldest first, notices before expiries, in batches of ids.
 *
 * Each permit goes through the permit runner's `apply` under its lock, with an event id
 * `notice:<day>` / `expire:<day>`: one write with its event, and a second run (or a second
 * instance) finds nothing to do. A permit of the latest day whose local midnight has not come yet
 * (409 PERMIT.NOT_YET_EXPIRED) or whose notice is not due yet is left for a later run; any other
 * failure is counted and left for the next run too, never failing the rest of the sweep.
 *
 * The work is bounded by the permits due: a bucket is re-read only while it yields permits not
 * seen in this run (each read asks for the batch plus the permits seen, so a permit whose bucket
 * does not clear is never re-read forever nor blocks the ones behind it); an empty bucket costs
 * one indexed equality query, however many permits exist.
 */
export class SweepPermitsHandler {
  private readonly catchUpDays: number;
  private readonly batchSize: number;
  private readonly maxListedFailures: number;

  constructor(
    private readonly deps: SweepPermitsDeps,
    settings: SweepPermitsSettings,
  ) {
    checkCatchUpDays(settings.catchUpDays);
    const batchSize = settings.batchSize ?? 100;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new RangeError(`batchSize must be an integer 1–10000, got ${batchSize}`);
    }
    this.catchUpDays = settings.catchUpDays;
    this.batchSize = batchSize;
    this.maxListedFailures = settings.maxListedFailures ?? 20;
  }

  /** The bucket days a sweep at `now` reads, oldest first (today: the latest local day among the states). */
  bucketDays(now: Date, catchUpDays = this.catchUpDays): string[] {
    checkCatchUpDays(catchUpDays);
    const offsetOf = permitPolicy(this.deps.permitOptions).utcOffsetMinutes;
    const offsets = new Set(MEXICAN_STATES.map((state) => offsetOf(state)));
    let today: CalendarDate | null = null;
    for (const offset of offsets) {
      const local = CalendarDate.fromInstant(now, offset);
      if (today === null || local.isAfter(today)) today = local;
    }
    const latest = today ?? CalendarDate.fromInstant(now);
    const days: string[] = [];
    for (let back = catchUpDays; back >= 0; back--) days.push(latest.addDays(-back).toString());
    return days;
  }

  async execute(command: SweepPermitsCommand): Promise<SweepPermitsResult> {
    const { now, signal } = command;
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a Date');
    const days = this.bucketDays(now, command.catchUpDays);
    const tally = { queries: 0, noticed: 0, expired: 0, unchanged: 0, failed: 0 };
    const failures: SweepFailure[] = [];
    let aborted = false;
    sweep: for (const day of days) {
      for (const step of STEPS) {
        const seen = new Set<string>();
        for (;;) {
          if (signal?.aborted) {
            aborted = true;
            break sweep;
          }
          const limit = this.batchSize + seen.size;
          const ids = await this.deps.permits.idsDueOn(step.bucket, day, limit);
          tally.queries += 1;
          const fresh = ids.filter((id) => !seen.has(id));
          for (const permitId of fresh) {
            if (signal?.aborted) {
              aborted = true;
              break sweep;
            }
            seen.add(permitId);
            const outcome = await this.sweepOne(permitId, step.action, day, now, command.correlationId);
            if (outcome === 'CHANGED') tally[step.action === 'NOTICE' ? 'noticed' : 'expired'] += 1;
            else if (outcome === 'UNCHANGED') tally.unchanged += 1;
            else {
              tally.failed += 1;
              if (failures.length < this.maxListedFailures) failures.push(outcome);
            }
          }
          // Fewer than asked: the bucket held no more. Nothing new: what is left did not clear.
          if (ids.length < limit || fresh.length === 0) break;
        }
      }
    }
    return { from: days.at(0) ?? '', to: days.at(-1) ?? '', ...tally, failures, aborted };
  }

  private async sweepOne(
    permitId: string,
    action: SweepAction,
    day: string,
    now: Date,
    correlationId: string,
  ): Promise<'CHANGED' | 'UNCHANGED' | SweepFailure> {
    try {
      const { changed } = await permitRunner(this.deps).apply(
        permitId,
        { eventId: `${EVENT_PREFIX[action]}:${day}`, correlationId },
        // Decided at the sweep's `now`, not the runner's clock: one run, one instant.
        (permit: Permit) => (action === 'NOTICE' ? permit.noticeExpiry(now) : permit.expire(now)),
      );
      return changed ? 'CHANGED' : 'UNCHANGED';
    } catch (error) {
      // Local midnight not come yet, or the permit is gone: nothing due now.
      if (PermitErrors.NOT_YET_EXPIRED.is(error) || PermitErrors.NOT_FOUND.is(error)) return 'UNCHANGED';
      return { permitId, action, code: error instanceof AppError ? error.code : 'UNEXPECTED' };
    }
  }
}
