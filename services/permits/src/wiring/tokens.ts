/** Injection tokens of the ports and of the service's own configuration. */
export const PERMITS_CONFIG = Symbol('PERMITS_CONFIG');
export const WORKER_REPOSITORY = Symbol('WORKER_REPOSITORY');
export const APPLICATION_REPOSITORY = Symbol('APPLICATION_REPOSITORY');
export const PERMIT_REPOSITORY = Symbol('PERMIT_REPOSITORY');
export const STANDING_REPOSITORY = Symbol('STANDING_REPOSITORY');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
export const SECURE_RANDOM = Symbol('SECURE_RANDOM');
export const PERMIT_OPTIONS = Symbol('PERMIT_OPTIONS');
export const ELIGIBILITY_RULES = Symbol('ELIGIBILITY_RULES');
export const VERIFICATION_READ_MODEL = Symbol('VERIFICATION_READ_MODEL');
