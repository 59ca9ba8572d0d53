/**
 * @frontera/permits-application — the permits context's use cases over the domain: who may
 * (authorization policy), what each command does with which ports (repositories, lock, clock,
 * random), and which contract events it publishes. No infrastructure (lint: `type:application`).
 */
export * from './authorization/permits-access.policy';
export * from './events/integration-events';
export * from './ports/repositories.port';
export * from './shared/eligibility-context';
export * from './shared/permits-command.runners';
export * from './use-cases/submit-application/submit-application.handler';
export * from './use-cases/approve-application/approve-application.handler';
export * from './use-cases/approve-application/complete-approved-application.handler';
export * from './use-cases/approve-application/complete-issuance';
export * from './use-cases/application-decisions/application-decisions.transitions';
export * from './use-cases/permit-decisions/permit-decisions.transitions';
export * from './use-cases/employer-standing/apply-employer-fact.handler';
export * from './use-cases/queries/scoped-reads';
export * from './use-cases/employer-standing/employer-facts';
