import {
  belongsToEmployer,
  roleIsOneOf,
  worksInState,
  type AccessDecision,
  type Caller,
  type Role,
} from '@frontera/shared-kernel';
import { isMexicanState, type Employer, type MexicanState } from '@frontera/employers-domain';
import type { EmployerListScope } from '../ports/employer.repository.port';

export type { AccessDecision, DenialReason } from '@frontera/shared-kernel';

/**
 * Who may do what to which employer — the one place that decides it, as pure functions over the
 * application's Caller, unit-tested without HTTP. Handlers ask it twice: `mayAttempt` before
 * loading anything (the role), `mayOperateOn` with the employer in hand (the scope).
 *
 * | operation                        | employer staff  | officer        | supervisor     | inspector |
 * | -------------------------------- | --------------- | -------------- | -------------- | --------- |
 * | REGISTER                         | its own id      | —              | —              | —         |
 * | LIST, VIEW                       | its own         | in its states  | in its states  | —         |
 * | VIEW_HISTORY                     | —               | in its states  | in its states  | —         |
 * | VERIFY, REJECT, SUSPEND,         | —               | in its states  | —              | —         |
 * | REINSTATE, DEREGISTER            |                 |                |                |           |
 * | REPORT_CHANGE, ADD/UPDATE/CLOSE_ | its own         | —              | —              | —         |
 * | WORKSITE                         |                 |                |                |           |
 *
 * "In its states" = the employer's registered address state is one of the caller's states.
 * Inspectors get nothing here: they work audit tasks, and the audits context gives them what a
 * task needs (from the employer events it consumes); this service cannot know which employer an
 * inspector is assigned to, so any read would be broader than their assignment.
 */
export const EMPLOYER_OPERATIONS = [
  'REGISTER',
  'LIST',
  'VIEW',
  'VIEW_HISTORY',
  'VERIFY',
  'REJECT',
  'SUSPEND',
  'REINSTATE',
  'DEREGISTER',
  'REPORT_CHANGE',
  'ADD_WORKSITE',
  'UPDATE_WORKSITE',
  'CLOSE_WORKSITE',
] as const;
export type EmployerOperation = (typeof EMPLOYER_OPERATIONS)[number];

const ROLES_BY_OPERATION: Readonly<Record<EmployerOperation, readonly Role[]>> = {
  REGISTER: ['employer'],
  LIST: ['employer', 'officer', 'supervisor'],
  VIEW: ['employer', 'officer', 'supervisor'],
  VIEW_HISTORY: ['officer', 'supervisor'],
  VERIFY: ['officer'],
  REJECT: ['officer'],
  SUSPEND: ['officer'],
  REINSTATE: ['officer'],
  DEREGISTER: ['officer'],
  REPORT_CHANGE: ['employer'],
  ADD_WORKSITE: ['employer'],
  UPDATE_WORKSITE: ['employer'],
  CLOSE_WORKSITE: ['employer'],
};

/** The roles that may attempt an operation (for route metadata and documentation). */
export function rolesFor(operation: EmployerOperation): readonly Role[] {
  return ROLES_BY_OPERATION[operation];
}

/*
 * Refusals are the kernel's AccessDecision: ROLE_NOT_ALLOWED (the role never may → 403
 * EMPLOYER.ACCESS_DENIED); NOT_OWN_EMPLOYER / STATE_OUT_OF_SCOPE (the role may, but not on this
 * employer → 404 EMPLOYER.NOT_FOUND, so nobody learns which employers exist outside their scope).
 */

/** Whether the caller's role may attempt the operation at all (decided before loading anything). */
export function mayAttempt(caller: Caller, operation: EmployerOperation): AccessDecision {
  return roleIsOneOf(caller, ROLES_BY_OPERATION[operation]);
}

/** The parts of an employer that scope access. */
export interface EmployerScopeTarget {
  readonly employerId: string;
  /** The employer's registered address state. */
  readonly state: string;
}

export function scopeTargetOf(employer: Employer): EmployerScopeTarget {
  return { employerId: employer.id, state: employer.address.state };
}

/** Whether the caller may do the operation on this employer. */
export function mayOperateOn(
  caller: Caller,
  operation: EmployerOperation,
  target: EmployerScopeTarget,
): AccessDecision {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) return role;
  return caller.role === 'employer'
    ? belongsToEmployer(caller, target.employerId)
    : worksInState(caller, target.state);
}

/** Whose employers a list shows the caller; null when the role may not list. */
export function listScopeFor(caller: Caller): EmployerListScope | null {
  if (!mayAttempt(caller, 'LIST').allowed) return null;
  if (caller.role === 'employer') {
    return caller.employerId === undefined ? null : { kind: 'EMPLOYER', employerId: caller.employerId };
  }
  return { kind: 'STATES', states: caller.states.filter((s): s is MexicanState => isMexicanState(s)) };
}

/**
 * How much of the employer's personal data (contact, legal representative, and for an
 * individual the RFC, name and street address — the domain's `personalDataPaths(kind)`) the
 * caller sees:
 * - FULL: the employer itself on its own record, officers in scope (record and lists);
 * - MASKED (last characters only): supervisors, who coordinate audits but do not decide on
 *   registrations; and everybody but officers in lists (an employer opens its own record to see
 *   its data in full).
 * Callers check `mayOperateOn(…, 'VIEW' | 'LIST', …)` first; this decides only the detail.
 */
export type PersonalDataAccess = 'FULL' | 'MASKED';

export type ReadContext = 'RECORD' | 'LIST';

export function personalDataAccess(caller: Caller, context: ReadContext): PersonalDataAccess {
  if (caller.role === 'officer') return 'FULL';
  if (caller.role === 'employer' && context === 'RECORD') return 'FULL';
  return 'MASKED';
}

/**
 * Whether the caller sees the risk assessment the audits context computed (score, tier,
 * factors). Officers and supervisors only: an employer that knew its risk factors could time
 * its behaviour around the unannounced audits they drive.
 */
export function maySeeRiskAssessment(caller: Caller): boolean {
  return caller.role === 'officer' || caller.role === 'supervisor';
}
