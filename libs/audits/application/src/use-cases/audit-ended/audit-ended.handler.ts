import type { EventData, EventEnvelope } from '@frontera/contracts';
import type { EventMetadata } from '@frontera/shared-application';
import { SYSTEM_CALLER } from '@frontera/shared-kernel';
import { complaintRunner, planRunner } from '../../shared/audits-command.runners';
import { recomputeRisk } from '../../shared/recompute-risk';
import { referAudit, type ReferralsDeps } from '../referrals/referrals.handlers';

/** This service's own task events that end an audit (consumed back, so the plan follows them). */
export type AuditEndedEvent =
  | EventEnvelope<'frontera.audit.outcome.recorded', EventData<'frontera.audit.outcome.recorded'>>
  | EventEnvelope<'frontera.audit.task.cancelled', EventData<'frontera.audit.task.cancelled'>>;

export interface AppliedAuditEnded {
  readonly planChanged: boolean;
  readonly tierChanged: boolean;
  readonly riskPublished: boolean;
  readonly rescheduled: number;
  /** Referrals created for a REFERRAL outcome (to the default agencies). */
  readonly referrals: number;
}

/**
 * An audit of the employer ended (its completion or cancellation, consumed from this service's own
 * topic, once per event id): the plan schedules what follows — the next periodic audit a cadence
 * later, the FOLLOW_UP on the corrective-action deadline — and, for a completion, the risk is
 * recomputed from the findings at once (a tier change reschedules the plan and its open tasks, and
 * frontera.audit.risk.changed is published); a REFERRAL outcome refers the case to the default agencies;
 * a COMPLAINT audit's complaint is closed. Each step is its own write remembering a key derived
 * from the event id, so a redelivery finishes what a crash interrupted.
 */
export class AuditEndedHandler {
  constructor(private readonly deps: ReferralsDeps) {}

  async execute(event: AuditEndedEvent, metadata: EventMetadata): Promise<AppliedAuditEnded> {
    const { employerId, taskId } = event.data;
    const none = {
      planChanged: false,
      tierChanged: false,
      riskPublished: false,
      rescheduled: 0,
      referrals: 0,
    };
    const task = await this.deps.tasks.findById(taskId);
    await this.closeComplaintOf(taskId, metadata);
    const referrals = task ? (await referAudit(this.deps, task, metadata)).length : 0;
    if (!(await this.deps.plans.findById(employerId))) return { ...none, referrals };
    const runner = planRunner(this.deps);
    const completed = event.type === 'frontera.audit.outcome.recorded';
    const ended = await runner.apply(employerId, metadata, (plan, now) =>
      plan.auditEnded(
        {
          taskId,
          worksiteId: event.data.worksiteId ?? '',
          kind: event.data.kind,
          ended: completed ? 'COMPLETED' : 'CANCELLED',
          at: completed ? event.data.completedAt : event.time,
          correctiveActionDeadline: completed ? (event.data.correctiveActionDeadline ?? null) : null,
        },
        now,
      ),
    );
    if (!completed) return { ...none, planChanged: ended.changed, referrals };
    const risk = await recomputeRisk(this.deps, employerId, metadata);
    return {
      planChanged: ended.changed,
      tierChanged: risk.tierChanged,
      riskPublished: risk.riskPublished,
      rescheduled: risk.rescheduled,
      referrals,
    };
  }

  /** A COMPLAINT audit ended: its complaint is CLOSED (idempotent; only for the task it was triaged to). */
  private async closeComplaintOf(taskId: string, metadata: EventMetadata): Promise<void> {
    const task = await this.deps.tasks.findById(taskId);
    if (task?.origin.type !== 'COMPLAINT' || task.origin.refId === null) return;
    if (!(await this.deps.complaints.findById(task.origin.refId))) return;
    await complaintRunner(this.deps).apply(
      task.origin.refId,
      { eventId: `close:${metadata.eventId}`, correlationId: metadata.correlationId },
      (complaint, now) =>
        complaint.allowedActions.includes('CLOSE')
          ? complaint.close(taskId, SYSTEM_CALLER, null, now)
          : false,
    );
  }
}
