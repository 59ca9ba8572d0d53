import {
  defineReasonTransitions,
  ReasonTransitionHandler,
  type CommandMetadata,
} from '@frontera/shared-application';
import type { Permit, PermitDomainEvent } from '@frontera/permits-domain';
import type { PermitsOperation } from '../../authorization/permits-access.policy';
import type { PermitsIntegrationEvent } from '../../events/integration-events';
import { permitRunner, type PermitsCommandDeps } from '../../shared/permits-command.runners';

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

/** Runs any row of PERMIT_DECISIONS. */
export class PermitDecisionsHandler extends ReasonTransitionHandler<
  Permit,
  string,
  PermitsOperation,
  PermitDomainEvent,
  PermitsIntegrationEvent,
  Permit
> {
  constructor(deps: PermitsCommandDeps) {
    super(permitRunner(deps), PERMIT_DECISIONS, (permit, _metadata: CommandMetadata) => permit);
  }
}
