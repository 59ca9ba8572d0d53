import { applyEmployerFact, transferTrigger, type EmployerFact } from '@frontera/permits-domain';
import type { EventMetadata } from '@frontera/shared-application';
import { LockErrors } from '@frontera/shared-kernel';
import type { EmployerStandingRepository } from '../../ports/repositories.port';
import {
  lockKeys,
  permitRunner,
  PermitsCommandErrors,
  type PermitsCommandDeps,
} from '../../shared/permits-command.runners';

export interface ApplyEmployerFactDeps extends PermitsCommandDeps {
  readonly standings: EmployerStandingRepository;
  /** How long the permits of an employer suspended for abuse or deregistered stay transferable. */
  readonly transferWindowDays: number;
}

export interface AppliedEmployerFact {
  /** Whether the read model changed (false: the event was applied before, or changes nothing). */
  readonly changed: boolean;
  /** Permits made transferable by this fact. */
  readonly madeTransferable: number;
  /**
   * Whether what public verification shows of the employer may be stale: its public name changed,
   * or the event was applied before (a redelivery, perhaps after a crash that interrupted what
   * followed the write) — the caller re-projects the employer's verification entries then.
   */
  readonly publicNameMayHaveChanged: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the read model of an employer from one of its events, once per event id, under the
 * standing's lock. When the employer has just been suspended for critical findings (abuse) or
 * deregistered, its workers' permits are not revoked: each ACTIVE or SUSPENDED one becomes
 * transferable for the configured window (the victim-centred rule) — before the standing is
 * stored, each permit remembering the event, so a redelivered event finishes what a crash
 * interrupted and never does it twice.
 */
export class ApplyEmployerFactHandler {
  constructor(private readonly deps: ApplyEmployerFactDeps) {}

  async execute(fact: EmployerFact, event: EventMetadata): Promise<AppliedEmployerFact> {
    try {
      return await this.deps.lock.withLock(lockKeys.standing(fact.employerId), () => this.apply(fact, event));
    } catch (error) {
      if (LockErrors.BUSY.is(error)) throw PermitsCommandErrors.BUSY.create({}, { cause: error });
      throw error;
    }
  }

  private async apply(fact: EmployerFact, event: EventMetadata): Promise<AppliedEmployerFact> {
    const stored = await this.deps.standings.find(fact.employerId);
    if (stored?.appliedEvents.includes(event.eventId)) {
      return { changed: false, madeTransferable: 0, publicNameMayHaveChanged: true };
    }
    const before = stored?.standing ?? null;
    const { standing, changed } = applyEmployerFact(before, fact);
    const publicNameMayHaveChanged = (before?.publicName ?? null) !== standing.publicName;
    const cause = transferTrigger(before, standing);
    let madeTransferable = 0;
    if (cause !== null) {
      const now = this.deps.clock.now();
      const until = new Date(now.getTime() + this.deps.transferWindowDays * DAY_MS);
      const runner = permitRunner(this.deps);
      for (const permitId of await this.deps.permits.heldIdsOfEmployer(fact.employerId)) {
        const result = await runner.apply(
          permitId,
          { eventId: `transferable:${event.eventId}`, correlationId: event.correlationId },
          (permit, at) => permit.makeTransferable(until, cause, at),
        );
        if (result.changed) madeTransferable += 1;
      }
    }
    if (!changed && stored !== null) return { changed: false, madeTransferable, publicNameMayHaveChanged };
    const outcome = await this.deps.standings.store(standing, stored, event.eventId);
    if (outcome === 'VERSION_CONFLICT') throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    return { changed, madeTransferable, publicNameMayHaveChanged };
  }
}
