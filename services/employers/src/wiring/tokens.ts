/** Injection tokens of the ports and of the service's own configuration. */
export const EMPLOYERS_CONFIG = Symbol('EMPLOYERS_CONFIG');
export const EMPLOYER_REPOSITORY = Symbol('EMPLOYER_REPOSITORY');
export const REGISTRATION_NUMBERS = Symbol('REGISTRATION_NUMBERS');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
