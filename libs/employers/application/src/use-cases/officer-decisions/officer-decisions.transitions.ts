import {
  CommandRunner,
  defineReasonTransitions,
  ReasonTransitionHandler,
  type CommandMetadata,
} from '@frontera/shared-application';
import type { Employer, EmployerDomainEvent } from '@frontera/employers-domain';
import type { EmployerOperation } from '../../authorization/employer-access.policy';
import type { EmployerIntegrationEvent } from '../../events/integration-events';
import { EmployerCommandRunner, type EmployerCommandDeps } from '../../shared/employer-command.runner';
import { readFor, type EmployerRead } from '../../shared/employer-read';

/**
 * An officer's reason-only decisions on an employer of their states: one row each (who may: the
 * access policy's row for the operation; the route: `POST /employers/:id/<resource>`; the event it
 * publishes). Every one is a transition of the lifecycle table; any other request answers 409 with
 * the current state and the allowed actions.
 */
/** The operations of the officer's reason-only decisions (the rows of OFFICER_DECISIONS). */
export type OfficerDecision = Extract<EmployerOperation, 'REJECT' | 'SUSPEND' | 'REINSTATE' | 'DEREGISTER'>;

export const OFFICER_DECISIONS = defineReasonTransitions<Employer, OfficerDecision>([
  {
    operation: 'REJECT',
    resource: 'rejection',
    event: 'frontera.employer.rejected',
    summary: 'Reject a pending registration',
    description: 'PENDING_VERIFICATION → REJECTED (final).',
    apply: (employer, caller, reason, now) => employer.reject(caller, reason, now),
  },
  {
    operation: 'SUSPEND',
    resource: 'suspension',
    event: 'frontera.employer.suspended',
    summary: 'Suspend an active employer',
    description: 'ACTIVE → SUSPENDED (cause OFFICER_DECISION): no new permits, existing ones stay valid.',
    apply: (employer, caller, reason, now) => employer.suspend(caller, reason, now),
  },
  {
    operation: 'REINSTATE',
    resource: 'reinstatement',
    event: 'frontera.employer.reinstated',
    summary: 'Reinstate a suspended employer',
    description:
      'SUSPENDED → ACTIVE (also the review of a CRITICAL_FINDINGS suspension); the rating is untouched.',
    apply: (employer, caller, reason, now) => employer.reinstate(caller, reason, now),
  },
  {
    operation: 'DEREGISTER',
    resource: 'deregistration',
    event: 'frontera.employer.deregistered',
    summary: 'Deregister an employer (final)',
    description:
      'ACTIVE or SUSPENDED → DEREGISTERED; open worksites close, each with a frontera.employer.worksite.closed.',
    apply: (employer, caller, reason, now) => employer.deregister(caller, reason, now),
  },
]);

/** Runs any row of OFFICER_DECISIONS: `execute({ operation: 'SUSPEND', key: employerId, reason, metadata })`. */
export class OfficerDecisionsHandler extends ReasonTransitionHandler<
  Employer,
  string,
  EmployerOperation,
  EmployerDomainEvent,
  EmployerIntegrationEvent,
  EmployerRead
> {
  constructor(deps: EmployerCommandDeps) {
    const runner: CommandRunner<
      Employer,
      string,
      EmployerOperation,
      EmployerDomainEvent,
      EmployerIntegrationEvent
    > = new EmployerCommandRunner(deps);
    super(runner, OFFICER_DECISIONS, (employer, metadata: CommandMetadata) =>
      readFor(metadata.caller, employer),
    );
  }
}
