import type { EventMetadata } from '@frontera/shared-application';
import { LockErrors } from '@frontera/shared-kernel';
import type { PermitFactsRepository } from '../../ports/repositories.port';
import { AuditsCommandErrors } from '../../shared/audits-command.runners';
import type { DueTasksDeps } from '../../shared/due-tasks';
import { recomputeRisk, type RiskRecomputation } from '../../shared/recompute-risk';
import { applyPermitFact, emptyPermitFacts, employersOf, type PermitFact } from './permit-facts';

/** The lock of an employer's permit facts (its counters and held permits). */
export const permitFactsLockKey = (employerId: string) => `audit-permit-facts:${employerId}`;

export interface AppliedPermitFact {
  /** Employers whose facts changed (0: applied before, or nothing to change). */
  readonly changed: number;
  /** Per employer whose plan exists: what the risk recomputation did. */
  readonly risk: readonly RiskRecomputation[];
}

/**
 * Keeps the permit read model from one permit or worker event, once per event id, under each
 * employer's permit-facts lock: the employer's counters (headcount and its daily history, endings,
 * shared-contact signals) are written with the event id first, then the held permit (recorded on
 * issue, its status on suspension and reinstatement, removed when it ends) — both idempotent, so a
 * redelivery after a crash finishes the second write without counting twice. Then, for a fact that
 * moves the risk (not a suspension or a reinstatement), the risk is recomputed at once
 * (recomputeRisk: the tier, the plan, retaliation and its priority audit).
 */
export class ApplyPermitFactHandler {
  constructor(private readonly deps: DueTasksDeps) {}

  async execute(fact: PermitFact, event: EventMetadata): Promise<AppliedPermitFact> {
    let changed = 0;
    const risk: RiskRecomputation[] = [];
    for (const employerId of employersOf(fact)) {
      if (await this.locked(employerId, () => this.apply(employerId, fact, event))) changed += 1;
      if (fact.type !== 'STATUS') risk.push(await recomputeRisk(this.deps, employerId, event));
    }
    return { changed, risk };
  }

  private async locked<T>(employerId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.deps.lock.withLock(permitFactsLockKey(employerId), work);
    } catch (error) {
      if (LockErrors.BUSY.is(error)) throw AuditsCommandErrors.BUSY.create({}, { cause: error });
      throw error;
    }
  }

  private async apply(employerId: string, fact: PermitFact, event: EventMetadata): Promise<boolean> {
    const permits: PermitFactsRepository = this.deps.permitFacts;
    const stored = await permits.find(employerId);
    const held = fact.type === 'CONTACT_SHARED' ? null : await permits.heldPermit(employerId, fact.permitId);
    let changed = false;
    if (!(stored?.appliedEvents.includes(event.eventId) ?? false)) {
      const next = applyPermitFact(stored?.facts ?? emptyPermitFacts(employerId), fact, held !== null);
      const outcome = await permits.store(next, stored, event.eventId);
      if (outcome === 'VERSION_CONFLICT') throw AuditsCommandErrors.CONCURRENT_MODIFICATION.create();
      changed = true;
    }
    switch (fact.type) {
      case 'HELD':
        if (held === null) {
          await permits.hold({
            permitId: fact.permitId,
            permitNumber: fact.permitNumber,
            employerId,
            worksiteId: fact.worksiteId,
            status: 'ACTIVE',
            heldSince: fact.at,
          });
        }
        break;
      case 'STATUS':
        if (held !== null && held.status !== fact.status)
          await permits.hold({ ...held, status: fact.status });
        break;
      case 'ENDED':
        if (held !== null) await permits.release(employerId, fact.permitId);
        break;
      case 'CONTACT_SHARED':
        break;
    }
    return changed;
  }
}
