/**
 * @frontera/audits-application — the audits context's use cases: the access policy, the mapping of
 * domain events to contract events, the ports the service implements, the command runners and the
 * handlers (employer facts → plans, the task sweep and assignment, inspectors, the inspector's work,
 * outcomes for employers). No framework, no infrastructure client.
 */
export * from './authorization/audits-access.policy';
export * from './events/integration-events';
export * from './ports/repositories.port';
export * from './shared/audits-command.runners';
export * from './shared/audits-deps';
export * from './shared/assignment';
export * from './shared/cancel-tasks';
export * from './shared/risk-profile';
export * from './shared/due-tasks';
export * from './shared/recompute-risk';
export * from './use-cases/employer-facts/employer-facts';
export * from './use-cases/referral-statistics/referral-statistics.handlers';
export * from './use-cases/employer-facts/apply-employer-fact.handler';
export * from './use-cases/permit-facts/permit-facts';
export * from './use-cases/permit-facts/apply-permit-fact.handler';
export * from './use-cases/inspectors/inspectors.handlers';
export * from './use-cases/tasks/tasks.handlers';
export * from './use-cases/sweep-plans/sweep-plans.handler';
export * from './use-cases/audit-ended/audit-ended.handler';
export * from './use-cases/complaints/complaints.handlers';
export * from './use-cases/complaints/complaint-risk.handler';
export * from './use-cases/referrals/referrals.handlers';
export * from './use-cases/plans/plan-reads.handlers';
