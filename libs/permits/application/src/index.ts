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
export * from './use-cases/sweep-permits/sweep-permits.handler';
export * from './use-cases/public-verification/public-verification.query';
export * from './use-cases/public-verification/public-verification.handler';
export * from './ports/permit-verifications.port';
export * from './use-cases/verification-read-model/project-permit-verification.handler';
export * from './use-cases/audit-outcomes/record-audit-outcome.handler';
export * from './use-cases/permit-card/permit-card.handler';
export * from './ports/personal-data-read-log.port';
export * from './ports/duplicate-reviews.port';
export * from './ports/shared-contact-groups.port';
export * from './shared/worker-relations';
export * from './use-cases/workers/get-worker.handler';
export * from './use-cases/personal-data-reads/read-personal-data.handler';
export * from './use-cases/personal-data-reads/personal-data-read-log.handlers';
export * from './use-cases/duplicates/detect-duplicates.handler';
export * from './use-cases/duplicates/list-duplicate-reviews.handler';
export * from './use-cases/duplicates/resolve-duplicate.handlers';
export * from './use-cases/shared-phone/signal-shared-phone.handler';
export * from './use-cases/rosters/roster.ports';
export * from './use-cases/rosters/roster-row.mapping';
export * from './use-cases/rosters/upload-roster.handler';
export * from './use-cases/rosters/process-roster-import.handler';
export * from './use-cases/rosters/roster-batch.importer';
export * from './use-cases/rosters/roster-queries';
