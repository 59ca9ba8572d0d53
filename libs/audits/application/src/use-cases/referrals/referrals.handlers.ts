import {
  AuditErrors,
  defaultAgenciesFor,
  Referral,
  type AuditTask,
  type ReferralOutcome,
  type ReferralStatus,
} from '@frontera/audits-domain';
import type { CommandMetadata, EventMetadata } from '@frontera/shared-application';
import { SYSTEM_CALLER, isMexicanState, type Caller, type ReferralAgency } from '@frontera/shared-kernel';
import { mayAttempt } from '../../authorization/audits-access.policy';
import { referralIntegrationEvents } from '../../events/integration-events';
import { AuditsCommandErrors, complaintRunner, referralRunner } from '../../shared/audits-command.runners';
import type { AuditsDeps } from '../../shared/audits-deps';
import type { DueTaskIds } from '../sweep-plans/sweep-plans.handler';

export interface ReferralsDeps extends AuditsDeps {
  readonly dueTaskId: DueTaskIds;
}

/** A referral id from its source and agency: a redelivered outcome finds the referral it made. */
export function referralIdFor(
  deps: Pick<ReferralsDeps, 'dueTaskId'>,
  sourceId: string,
  agency: string,
): string {
  return `ref_${deps.dueTaskId(sourceId, `REFERRAL:${agency}`).slice('tsk_'.length)}`;
}

/**
 * A completed audit with outcome REFERRAL refers the case to the default agencies
 * (`defaultAgenciesFor`: FEVIMTRA and victim services, plus the labour authority when labour
 * violations were found too), each with its acknowledgement deadline. Idempotent: the ids derive from
 * the task and the agency. Returns the referrals created by this call.
 */
export async function referAudit(
  deps: ReferralsDeps,
  task: AuditTask,
  cause: EventMetadata,
): Promise<string[]> {
  if (task.completion?.outcome !== 'REFERRAL') return [];
  const created: string[] = [];
  for (const agency of defaultAgenciesFor(task)) {
    const referralId = referralIdFor(deps, task.id, agency);
    if (await deps.referrals.findById(referralId)) continue;
    const referral = Referral.fromAudit(
      { referralId, agency },
      task,
      SYSTEM_CALLER,
      deps.clock.now(),
      deps.program,
    );
    const events = referralIntegrationEvents(referral.pullEvents(), {
      correlationId: cause.correlationId,
      causationId: cause.eventId,
    });
    if ((await deps.referrals.insert(referral, events)) === 'INSERTED') created.push(referralId);
  }
  return created;
}

export interface ComplaintReferral {
  readonly referral: Referral;
  /** False when the complaint had been referred to this agency already (the same referral, unchanged). */
  readonly created: boolean;
}

/**
 * A supervisor of the complaint's state refers it to one agency, with a reason — before any audit
 * when a victim is in danger. One referral per complaint and agency (its id derives from both): the
 * same request again answers that referral and changes nothing. Under the complaint's lock: the
 * complaint's lifecycle decides (RECORD_REFERRAL: RECEIVED or TRIAGED, else 409
 * COMPLAINT.TRANSITION_NOT_ALLOWED), the referral is written first (acknowledgement deadline by
 * agency, escalated by the sweep like every referral), then the complaint records it — a retry after
 * a crash between the two finds the referral and finishes.
 */
export class ReferComplaintHandler {
  constructor(private readonly deps: ReferralsDeps) {}

  async execute(
    complaintId: string,
    command: { readonly agency: ReferralAgency; readonly reason: string },
    metadata: CommandMetadata,
  ): Promise<ComplaintReferral> {
    const referralId = referralIdFor(this.deps, complaintId, command.agency);
    let referral: Referral | null = null;
    let created = false;
    await complaintRunner(this.deps).change(
      complaintId,
      'REFER_COMPLAINT',
      metadata,
      async (complaint, now) => {
        referral = await this.deps.referrals.findById(referralId);
        if (referral !== null && complaint.referralIds.includes(referralId)) return;
        if (referral === null) {
          const made = Referral.fromComplaint(
            { referralId, agency: command.agency, reason: command.reason },
            complaint,
            metadata.caller,
            now,
            this.deps.program,
          );
          const events = referralIntegrationEvents(made.pullEvents(), {
            correlationId: metadata.correlationId,
          });
          created = (await this.deps.referrals.insert(made, events)) === 'INSERTED';
          referral = created ? made : await this.deps.referrals.findById(referralId);
        }
        complaint.recordReferral(referralId, command.agency, metadata.caller, now);
      },
    );
    if (referral === null) throw AuditErrors.REFERRAL_NOT_FOUND.create({ referralId });
    return { referral, created };
  }
}

export const MAX_REFERRALS_LISTED = 200;

/** A supervisor's list: the referrals of its states in one status (default AWAITING_ACKNOWLEDGEMENT). */
export class ListReferralsHandler {
  constructor(private readonly deps: ReferralsDeps) {}

  async execute(caller: Caller, filter: { readonly status?: ReferralStatus }): Promise<Referral[]> {
    const role = mayAttempt(caller, 'LIST_REFERRALS');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const found: Referral[] = [];
    for (const state of caller.states.filter(isMexicanState)) {
      found.push(
        ...(await this.deps.referrals.ofStateInStatus(
          state,
          filter.status ?? 'AWAITING_ACKNOWLEDGEMENT',
          MAX_REFERRALS_LISTED,
        )),
      );
    }
    return found
      .sort(
        (a, b) =>
          a.acknowledgementDueAt.getTime() - b.acknowledgementDueAt.getTime() || a.id.localeCompare(b.id),
      )
      .slice(0, MAX_REFERRALS_LISTED);
  }
}

/** A supervisor of its state records the agency's acknowledgement (late when past the deadline). */
export class AcknowledgeReferralHandler {
  constructor(private readonly deps: ReferralsDeps) {}

  async execute(
    referralId: string,
    command: { readonly agencyReference?: string | null },
    metadata: CommandMetadata,
  ): Promise<Referral> {
    const { aggregate } = await referralRunner(this.deps).change(
      referralId,
      'ACKNOWLEDGE_REFERRAL',
      metadata,
      (referral, now) => referral.acknowledge(command, metadata.caller, now),
    );
    return aggregate;
  }
}

/** A supervisor of its state records the agency's final outcome (and victims assisted, as a count). */
export class CloseReferralHandler {
  constructor(private readonly deps: ReferralsDeps) {}

  async execute(
    referralId: string,
    command: { readonly outcome: ReferralOutcome; readonly victimsAssisted?: number | null },
    metadata: CommandMetadata,
  ): Promise<Referral> {
    const { aggregate } = await referralRunner(this.deps).change(
      referralId,
      'CLOSE_REFERRAL',
      metadata,
      (referral, now) => referral.close(command, metadata.caller, now),
    );
    return aggregate;
  }
}
