/** Injection tokens of the ports and of the service's own configuration. */
export const AUDITS_CONFIG = Symbol('AUDITS_CONFIG');
export const AUDIT_PROGRAM = Symbol('AUDIT_PROGRAM');
export const RISK_MODEL = Symbol('RISK_MODEL');
export const PLAN_REPOSITORY = Symbol('PLAN_REPOSITORY');
export const TASK_REPOSITORY = Symbol('TASK_REPOSITORY');
export const INSPECTOR_REPOSITORY = Symbol('INSPECTOR_REPOSITORY');
export const PROFILE_REPOSITORY = Symbol('PROFILE_REPOSITORY');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
export const COMPLAINT_REPOSITORY = Symbol('COMPLAINT_REPOSITORY');
export const COMPLAINT_SECRETS = Symbol('COMPLAINT_SECRETS');
export const REFERRAL_REPOSITORY = Symbol('REFERRAL_REPOSITORY');
export const PERMIT_FACTS_REPOSITORY = Symbol('PERMIT_FACTS_REPOSITORY');
export const RETALIATION_POLICY = Symbol('RETALIATION_POLICY');
export const REFERRAL_STATISTICS_REPOSITORY = Symbol('REFERRAL_STATISTICS_REPOSITORY');
/** A uniform draw in [0, 1) from a CSPRNG (the random sample); tests inject a seeded one. */
export const RANDOM_DRAW = Symbol('RANDOM_DRAW');
