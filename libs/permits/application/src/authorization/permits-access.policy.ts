import {
  belongsToEmployer,
  isMexicanState,
  roleIsOneOf,
  worksInState,
  type AccessDecision,
  type Caller,
  type MexicanState,
  type Role,
} from '@frontera/shared-kernel';

export type { AccessDecision, DenialReason } from '@frontera/shared-kernel';

/**
 * Who may do what in the permits context — the one place that decides it, as pure functions over
 * the application's Caller, unit-tested without HTTP. Handlers ask twice: `mayAttempt` before
 * loading anything (the role), `mayOperateOn` with the target in hand (the scope).
 *
 * | operation                                   | employer staff     | officer        | supervisor    | inspector |
 * | ------------------------------------------- | ------------------ | -------------- | ------------- | --------- |
 * | SUBMIT_APPLICATION, WITHDRAW_APPLICATION    | its own            | —              | —             | —         |
 * | VIEW_APPLICATION, LIST_APPLICATIONS         | its own            | in its states  | in its states | —         |
 * | APPROVE_APPLICATION, REJECT_APPLICATION     | —                  | in its states  | —             | —         |
 * | VIEW_PERMIT, LIST_PERMITS, VIEW_HISTORY     | its own            | in its states  | in its states | —         |
 * | PRINT_CARD                                  | its own            | in its states  | —             | —         |
 * | SUSPEND, REINSTATE, REVOKE (permit)         | —                  | in its states  | —             | —         |
 * | END_EMPLOYMENT                              | its own            | —              | —             | —         |
 * | VIEW_WORKER                                 | its own workers    | in its states  | in its states | —         |
 * | READ_PERSONAL_DATA (with a purpose)         | its current workers| in its states  | —             | —         |
 * | RESOLVE_DUPLICATES, VERIFY_READ_LOG         | —                  | in its states  | —             | —         |
 * | UPLOAD_ROSTER, VIEW_ROSTER                  | its own            | —              | —             | —         |
 *
 * "Its own": the application's / permit's employer is the caller's. "In its states": the
 * worksite's state (an application's and a permit's `state`) is one of the caller's. A worker is
 * "its own" for the employers that applied for them and "in its states" for the states of those
 * applications; the employer is "current" while its application is pending or its permit held.
 * Supervisors see non-personal views of their region, never personal data. Inspectors get nothing
 * here: an assigned audit task carries the expected roster (permit ids and numbers) from events.
 */
export const PERMITS_OPERATIONS = [
  'SUBMIT_APPLICATION',
  'WITHDRAW_APPLICATION',
  'VIEW_APPLICATION',
  'LIST_APPLICATIONS',
  'APPROVE_APPLICATION',
  'REJECT_APPLICATION',
  'VIEW_PERMIT',
  'LIST_PERMITS',
  'VIEW_HISTORY',
  'PRINT_CARD',
  'SUSPEND',
  'REINSTATE',
  'REVOKE',
  'END_EMPLOYMENT',
  'VIEW_WORKER',
  'READ_PERSONAL_DATA',
  'RESOLVE_DUPLICATES',
  'VERIFY_READ_LOG',
  'UPLOAD_ROSTER',
  'VIEW_ROSTER',
] as const;
export type PermitsOperation = (typeof PERMITS_OPERATIONS)[number];

const ROLES_BY_OPERATION: Readonly<Record<PermitsOperation, readonly Role[]>> = {
  SUBMIT_APPLICATION: ['employer'],
  WITHDRAW_APPLICATION: ['employer'],
  VIEW_APPLICATION: ['employer', 'officer', 'supervisor'],
  LIST_APPLICATIONS: ['employer', 'officer', 'supervisor'],
  APPROVE_APPLICATION: ['officer'],
  REJECT_APPLICATION: ['officer'],
  VIEW_PERMIT: ['employer', 'officer', 'supervisor'],
  LIST_PERMITS: ['employer', 'officer', 'supervisor'],
  VIEW_HISTORY: ['employer', 'officer', 'supervisor'],
  PRINT_CARD: ['employer', 'officer'],
  SUSPEND: ['officer'],
  REINSTATE: ['officer'],
  REVOKE: ['officer'],
  END_EMPLOYMENT: ['employer'],
  VIEW_WORKER: ['employer', 'officer', 'supervisor'],
  READ_PERSONAL_DATA: ['employer', 'officer'],
  RESOLVE_DUPLICATES: ['officer'],
  VERIFY_READ_LOG: ['officer'],
  UPLOAD_ROSTER: ['employer'],
  VIEW_ROSTER: ['employer'],
};

/** The roles that may attempt an operation (route metadata and documentation). */
export function rolesFor(operation: PermitsOperation): readonly Role[] {
  return ROLES_BY_OPERATION[operation];
}

/** Whether the caller's role may attempt the operation at all (decided before loading anything). */
export function mayAttempt(caller: Caller, operation: PermitsOperation): AccessDecision {
  return roleIsOneOf(caller, ROLES_BY_OPERATION[operation]);
}

/** What scopes access to an application, a permit or a roster: its employer and its worksite's state. */
export interface ScopeTarget {
  readonly employerId: string;
  readonly state: string;
}

/**
 * Whether the caller may do the operation on this target: employer staff on their employer's,
 * officers and supervisors in their states. Refusals read as NOT_FOUND (docs/decisions/0002).
 */
export function mayOperateOn(
  caller: Caller,
  operation: PermitsOperation,
  target: ScopeTarget,
): AccessDecision {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) return role;
  return caller.role === 'employer'
    ? belongsToEmployer(caller, target.employerId)
    : worksInState(caller, target.state);
}

/** One employer's relation to a worker, from its applications and permits (WorkerRelations port). */
export interface WorkerRelation {
  readonly employerId: string;
  readonly state: string;
  /** A pending application or a held (ACTIVE / SUSPENDED) permit: the worker's current employer. */
  readonly current: boolean;
}

/**
 * Whether the caller may do a worker operation given the worker's relations: employer staff when
 * their employer applied for the worker (READ_PERSONAL_DATA: only while it is the current
 * employer), officers and supervisors when one relation is in their states.
 */
export function mayOperateOnWorker(
  caller: Caller,
  operation: PermitsOperation,
  relations: readonly WorkerRelation[],
): AccessDecision {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) return role;
  if (caller.role === 'employer') {
    const own = relations.filter((r) => belongsToEmployer(caller, r.employerId).allowed);
    const granted = operation === 'READ_PERSONAL_DATA' ? own.some((r) => r.current) : own.length > 0;
    return granted ? { allowed: true } : { allowed: false, reason: 'NOT_OWN_EMPLOYER' };
  }
  return relations.some((r) => worksInState(caller, r.state).allowed)
    ? { allowed: true }
    : { allowed: false, reason: 'STATE_OUT_OF_SCOPE' };
}

/** Whose applications or permits a list shows. */
export type ListScope =
  | { readonly kind: 'EMPLOYER'; readonly employerId: string }
  | { readonly kind: 'STATES'; readonly states: readonly MexicanState[] };

/** The list scope of the caller, or null when the role may not list. */
export function listScopeFor(
  caller: Caller,
  operation: Extract<PermitsOperation, 'LIST_APPLICATIONS' | 'LIST_PERMITS'>,
): ListScope | null {
  if (!mayAttempt(caller, operation).allowed) return null;
  if (caller.role === 'employer') {
    return caller.employerId === undefined ? null : { kind: 'EMPLOYER', employerId: caller.employerId };
  }
  return { kind: 'STATES', states: caller.states.filter(isMexicanState) };
}

/**
 * Audit findings recorded against a permit, and a transfer window a forced-labour finding opened,
 * are shown to officers and supervisors of its state — never to the public and never to the
 * permit's employer: the employer knows the audit's outcome, but must not learn which of its
 * workers the inspectors found in forced labour (decision 0036: no retaliation against the worker).
 */
export function seesAuditFindings(caller: Caller): boolean {
  return caller.role === 'officer' || caller.role === 'supervisor';
}

/** A history entry an employer does not see: a finding, or the transfer window a forced-labour finding opened. */
export function isAuditFindingEntry(entry: {
  readonly action: string;
  readonly reason: string | null;
}): boolean {
  return (
    entry.action === 'AUDIT_FINDING' ||
    (entry.action === 'MAKE_TRANSFERABLE' && entry.reason === 'FORCED_LABOUR_INDICATOR')
  );
}
