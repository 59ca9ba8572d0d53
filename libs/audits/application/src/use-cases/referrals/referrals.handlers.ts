import {
  defaultAgenciesFor,
  Referral,
  type AuditTask,
  type ReferralOutcome,
  type ReferralStatus,
} from '@frontera/audits-domain';
import type { CommandMetadata, EventMetadata } from '@frontera/shared-application';
import { SYSTEM_CALLER, isMexicanState, type Caller } from '@frontera/shared-kernel';
import { mayAttempt } from '../../authorization/audits-access.policy';
import { referralIntegrationEvents } from '../../events/integration-events';
import { AuditsCommandErrors, referralRunner } from '../../shared/audits-command.runners';
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
