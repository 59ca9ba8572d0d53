import {
  defineReasonTransitions,
  ReasonTransitionHandler,
  type CommandMetadata,
} from '@frontera/shared-application';
import type { ApplicationDomainEvent, PermitApplication } from '@frontera/permits-domain';
import type { PermitsOperation } from '../../authorization/permits-access.policy';
import type { PermitsIntegrationEvent } from '../../events/integration-events';
import { applicationRunner, type PermitsCommandDeps } from '../../shared/permits-command.runners';

/** The reason-only decisions on an application (the rows of APPLICATION_DECISIONS). */
export type ApplicationDecision = Extract<PermitsOperation, 'REJECT_APPLICATION' | 'WITHDRAW_APPLICATION'>;

/**
 * Reason-only decisions on a submitted application: one row each (who may: the access policy's
 * row; the route: `POST /applications/:id/<resource>`; the event). Any other request answers 409
 * with the current state and the allowed actions. Approval is not here: it issues a permit.
 */
export const APPLICATION_DECISIONS = defineReasonTransitions<PermitApplication, ApplicationDecision>([
  {
    operation: 'REJECT_APPLICATION',
    resource: 'rejection',
    event: 'frontera.permit.application.rejected',
    summary: 'Reject a submitted application',
    description: 'SUBMITTED → REJECTED (final), by an officer of the worksite’s state.',
    apply: (application, caller, reason, now) => application.reject(caller, reason, now),
  },
  {
    operation: 'WITHDRAW_APPLICATION',
    resource: 'withdrawal',
    event: 'frontera.permit.application.withdrawn',
    summary: 'Withdraw a submitted application',
    description: 'SUBMITTED → WITHDRAWN (final), by the employer that applied.',
    apply: (application, caller, reason, now) => application.withdraw(caller, reason, now),
  },
]);

/** Runs any row of APPLICATION_DECISIONS. */
export class ApplicationDecisionsHandler extends ReasonTransitionHandler<
  PermitApplication,
  string,
  PermitsOperation,
  ApplicationDomainEvent,
  PermitsIntegrationEvent,
  PermitApplication
> {
  constructor(deps: PermitsCommandDeps) {
    super(
      applicationRunner(deps),
      APPLICATION_DECISIONS,
      (application, _metadata: CommandMetadata) => application,
    );
  }
}
