import { AuditPlan } from '@frontera/audits-domain';
import type { EventMetadata } from '@frontera/shared-application';
import { LockErrors } from '@frontera/shared-kernel';
import { planIntegrationEvents } from '../../events/integration-events';
import type { EmployerProfile } from '../../ports/repositories.port';
import { AuditsCommandErrors, lockKeys, planRunner } from '../../shared/audits-command.runners';
import type { AuditsDeps } from '../../shared/audits-deps';
import { cancelTasksFor } from '../../shared/cancel-tasks';
import { assessEmployer } from '../../shared/risk-profile';
import { applyToProfile, type EmployerFact } from './employer-facts';

export interface AppliedEmployerFact {
  /** Whether the employer read model changed (false: applied before, or nothing to change). */
  readonly profileChanged: boolean;
  /** What happened to the plan. */
  readonly plan: 'STARTED' | 'CHANGED' | 'UNCHANGED' | 'NONE';
  /** Tasks cancelled as a consequence (closed worksite, deregistration). */
  readonly cancelledTasks: number;
}

/** The reason recorded on tasks cancelled by an employer fact (kept in their history and event). */
export const CANCELLATION_REASONS = {
  WORKSITE_CLOSED: 'WORKSITE_CLOSED',
  DEREGISTERED: 'EMPLOYER_DEREGISTERED',
} as const;

/**
 * Keeps the employer read model and the employer's audit plan from one employer event, once per
 * event id, under the employer's lock:
 *
 * - verified → the plan starts (id = employer id: a redelivered event finds it), with the worksites
 *   known so far and a first risk assessment;
 * - worksite added / updated / closed → the plan's worksites (a closed one's open plan tasks are
 *   cancelled);
 * - suspended / reinstated → recorded, the plan continues;
 * - deregistered → the plan is cancelled and every open task of the employer with it.
 *
 * The plan and the tasks are written first, each remembering the event id, then the read model with
 * the event id: a redelivered event finishes what a crash interrupted and never does anything twice.
 */
export class ApplyEmployerFactHandler {
  constructor(private readonly deps: AuditsDeps) {}

  async execute(fact: EmployerFact, event: EventMetadata): Promise<AppliedEmployerFact> {
    try {
      return await this.deps.lock.withLock(lockKeys.employer(fact.employerId), () => this.apply(fact, event));
    } catch (error) {
      if (LockErrors.BUSY.is(error)) throw AuditsCommandErrors.BUSY.create({}, { cause: error });
      throw error;
    }
  }

  private async apply(fact: EmployerFact, event: EventMetadata): Promise<AppliedEmployerFact> {
    const stored = await this.deps.profiles.find(fact.employerId);
    const applied = stored?.appliedEvents.includes(event.eventId) ?? false;
    const profile = applied && stored ? stored.profile : applyToProfile(stored?.profile ?? null, fact);
    const { plan, cancelledTasks } = await this.applyToPlan(fact, profile, event);
    if (applied) return { profileChanged: false, plan, cancelledTasks };
    const outcome = await this.deps.profiles.store(profile, stored, event.eventId);
    if (outcome === 'VERSION_CONFLICT') throw AuditsCommandErrors.CONCURRENT_MODIFICATION.create();
    return { profileChanged: true, plan, cancelledTasks };
  }

  private async applyToPlan(
    fact: EmployerFact,
    profile: EmployerProfile,
    event: EventMetadata,
  ): Promise<Pick<AppliedEmployerFact, 'plan' | 'cancelledTasks'>> {
    const exists = (await this.deps.plans.findById(fact.employerId)) !== null;
    if (fact.type === 'VERIFIED') {
      if (exists) return { plan: 'UNCHANGED', cancelledTasks: 0 };
      return { plan: await this.start(profile, event), cancelledTasks: 0 };
    }
    if (!exists) return { plan: 'NONE', cancelledTasks: 0 };
    const runner = planRunner(this.deps);
    let cancel: readonly string[] = [];
    const { changed } = await runner.apply(fact.employerId, event, async (plan, now) => {
      switch (fact.type) {
        case 'WORKSITE_ADDED':
          return plan.worksiteAdded(fact.worksite, now);
        case 'WORKSITE_UPDATED':
          return plan.worksiteUpdated(fact.worksite, now);
        case 'WORKSITE_CLOSED': {
          const result = plan.worksiteClosed(fact.worksiteId, now);
          cancel = result.cancelTaskIds;
          return result.changed;
        }
        case 'SUSPENDED':
          return plan.employerSuspended(now);
        case 'REINSTATED':
          return plan.employerReinstated(now);
        case 'DEREGISTERED': {
          const result = plan.employerDeregistered(now);
          // Every open task of the employer (complaint tasks too), not only the plan's.
          cancel = [...result.cancelTaskIds, ...(await this.deps.tasks.openIdsOfEmployer(fact.employerId))];
          return result.changed;
        }
        case 'REGISTERED':
          return false;
        default:
          return false;
      }
    });
    // A redelivery after a crash between the plan and the tasks: the tasks still to cancel.
    if (!changed && fact.type === 'DEREGISTERED')
      cancel = await this.deps.tasks.openIdsOfEmployer(fact.employerId);
    const reason =
      fact.type === 'DEREGISTERED' ? CANCELLATION_REASONS.DEREGISTERED : CANCELLATION_REASONS.WORKSITE_CLOSED;
    const cancelledTasks = cancel.length > 0 ? await cancelTasksFor(this.deps, cancel, reason, event) : 0;
    return { plan: changed ? 'CHANGED' : 'UNCHANGED', cancelledTasks };
  }

  private async start(profile: EmployerProfile, event: EventMetadata): Promise<'STARTED' | 'UNCHANGED'> {
    const { clock, program, riskModel, plans } = this.deps;
    const now = clock.now();
    const completed = await this.deps.tasks.completedOfEmployer(profile.employerId, 200);
    const plan = AuditPlan.start(
      {
        employerId: profile.employerId,
        verifiedAt: profile.verifiedAt ?? now.toISOString(),
        worksites: profile.worksites
          .filter((w) => w.open)
          .map(({ worksiteId, state, municipality }) => ({ worksiteId, state, municipality })),
        assessment: assessEmployer(profile, completed, now, riskModel),
      },
      now,
      program,
    );
    const events = planIntegrationEvents(plan.pullEvents(), {
      correlationId: event.correlationId,
      causationId: event.eventId,
    });
    return (await plans.insert(plan, events)) === 'INSERTED' ? 'STARTED' : 'UNCHANGED';
  }
}
