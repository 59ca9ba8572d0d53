import {
  defineReasonTransitions,
  ReasonTransitionHandler,
  type CommandMetadata,
  type ReasonTransitionCommand,
} from '@frontera/shared-application';
import type { Permit, PermitDomainEvent } from '@frontera/permits-domain';
import { mayAttempt, type PermitsOperation } from '../../authorization/permits-access.policy';
import type { PermitsIntegrationEvent } from '../../events/integration-events';
import {
  permitRunner,
  underWorkerPermitsLock,
  type PermitsCommandDeps,
} from '../../shared/permits-command.runners';

/** The reason-only decisions on a permit (the rows of PERMIT_DECISIONS). */
export type PermitDecision = Extract<PermitsOperation, 'SUSPEND' | 'REINSTATE' | 'REVOKE' | 'END_EMPLOYMENT'>;

/**
 * Reason-only changes of a permit: one row each (who may: the access policy's row; the route:
 * `POST /permits/:id/<resource>`; the event). Each is a transition of the permit lifecycle table;
 * any other request answers 409 PERMIT.TRANSITION_NOT_ALLOWED with the current state and the
 * allowed actions. Every change is in the permit's history with actor, time and reason.
 */
export const PERMIT_DECISIONS = defineReasonTransitions<Permit, PermitDecision>([
  {
    operation: 'SUSPEND',
    resource: 'suspension',
    event: 'frontera.permit.suspended',
    summary: 'Suspend an active permit',
    description: 'ACTIVE → SUSPENDED, by an officer of the permit’s state.',
    apply: (permit, caller, reason, now) => permit.suspend(caller, reason, now),
  },
  {
    operation: 'REINSTATE',
    resource: 'reinstatement',
    event: 'frontera.permit.reinstated',
    summary: 'Reinstate a suspended permit',
    description: 'SUSPENDED → ACTIVE, by an officer of the permit’s state.',
    apply: (permit, caller, reason, now) => permit.reinstate(caller, reason, now),
  },
  {
    operation: 'REVOKE',
    resource: 'revocation',
    event: 'frontera.permit.revoked',
    summary: 'Revoke a permit (final)',
    description: 'ACTIVE or SUSPENDED → REVOKED, by an officer of the permit’s state.',
    apply: (permit, caller, reason, now) => permit.revoke(caller, reason, now),
  },
  {
    operation: 'END_EMPLOYMENT',
    resource: 'employment-end',
    event: 'frontera.permit.ended',
    summary: 'Report the end of the employment',
    description: 'ACTIVE or SUSPENDED → ENDED (EMPLOYMENT_ENDED), reported by the permit’s employer.',
    apply: (permit, caller, reason, now) => permit.endEmployment(caller, reason, now),
  },
]);

/**
 * Runs any row of PERMIT_DECISIONS, under the worker's approvals lock (underWorkerPermitsLock):
 * a suspension, revocation or end of the old permit waits for a transfer being approved, and is
 * then refused by the table (ENDED, TRANSFERRED), instead of landing between the new permit's
 * issuance and the old one's end.
 */
export class PermitDecisionsHandler extends ReasonTransitionHandler<
  Permit,
  string,
  PermitsOperation,
  PermitDomainEvent,
  PermitsIntegrationEvent,
  Permit
> {
  constructor(private readonly deps: PermitsCommandDeps) {
    super(permitRunner(deps), PERMIT_DECISIONS, (permit, _metadata: CommandMetadata) => permit);
  }

  override async execute(command: ReasonTransitionCommand<string, PermitsOperation>): Promise<Permit> {
    // A caller whose role may never is refused by the runner without taking any lock.
    if (!mayAttempt(command.metadata.caller, command.operation).allowed) return super.execute(command);
    const permit = await this.deps.permits.findById(command.key);
    if (!permit) return super.execute(command);
    return underWorkerPermitsLock(this.deps.lock, permit.workerId, () => super.execute(command));
  }
}
