import {
  ALLOW,
  belongsToEmployer,
  deny,
  isAssignedInspector,
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
 * Who may do what in the audits context — the one place that decides it, as pure functions over the
 * application's Caller, unit-tested without HTTP. Handlers ask twice: `mayAttempt` before loading
 * anything (the role: 403 AUDIT.ACCESS_DENIED otherwise), `mayOperateOn` with the target in hand (the
 * scope: refusals read as the record's NOT_FOUND, docs/decisions/0002).
 *
 * | operation                                 | supervisor                 | inspector               | officer        | employer staff                      |
 * | ----------------------------------------- | -------------------------- | ----------------------- | -------------- | ----------------------------------- |
 * | REGISTER_INSPECTOR, LIST_INSPECTORS       | areas within its states    | —                       | —              | —                                   |
 * | VIEW_INSPECTOR                            | sharing one of its states  | itself                  | —              | —                                   |
 * | DEACTIVATE_INSPECTOR, ACTIVATE_INSPECTOR  | sharing one of its states  | —                       | —              | —                                   |
 * | LIST_TASKS, VIEW_TASK                     | in its states              | its own tasks           | —              | —                                   |
 * | ASSIGN_TASK, REASSIGN_TASK, CANCEL_TASK   | in its states              | —                       | —              | —                                   |
 * | START_AUDIT, RECORD_FINDING, COMPLETE_AUDIT | —                        | its own tasks           | —              | —                                   |
 * | VIEW_PLAN (risk and schedule)             | in its states              | —                       | —              | —                                   |
 * | VIEW_RISK                                 | in its states              | —                       | in its states  | —                                   |
 * | VIEW_OUTCOMES                             | in its states              | —                       | in its states  | its own employer's, COMPLETED only  |
 * | LIST_COMPLAINTS, VIEW_COMPLAINT, TRIAGE_COMPLAINT, DISMISS_COMPLAINT | in its states | — | —   | —                                   |
 * | LIST_REFERRALS, ACKNOWLEDGE_REFERRAL, CLOSE_REFERRAL | in its states   | —                       | —              | —                                   |
 * | REFER_COMPLAINT (a referral from a complaint) | in its states          | —                       | —              | —                                   |
 * | VIEW_REFERRAL_STATISTICS (counts, no person) | in its states           | —                       | in its states  | —                                   |
 *
 * "In its states": the task's worksite state, or one of the employer's worksite states (a plan). An
 * inspector's "own task" is one assigned to the caller's inspector record (`Caller.inspectorId`).
 * Filing a complaint and following it with receipt code and secret need no login (no operation here).
 * Employer staff never see a schedule, a due date, an assignment or an open task: only the outcome
 * view of completed audits (`employerViewOf`), so no planned visit can leak.
 */
export const AUDITS_OPERATIONS = [
  'REGISTER_INSPECTOR',
  'LIST_INSPECTORS',
  'VIEW_INSPECTOR',
  'DEACTIVATE_INSPECTOR',
  'ACTIVATE_INSPECTOR',
  'LIST_TASKS',
  'VIEW_TASK',
  'ASSIGN_TASK',
  'REASSIGN_TASK',
  'CANCEL_TASK',
  'START_AUDIT',
  'RECORD_FINDING',
  'COMPLETE_AUDIT',
  'VIEW_PLAN',
  'VIEW_RISK',
  'VIEW_OUTCOMES',
  'LIST_COMPLAINTS',
  'VIEW_COMPLAINT',
  'TRIAGE_COMPLAINT',
  'DISMISS_COMPLAINT',
  'LIST_REFERRALS',
  'ACKNOWLEDGE_REFERRAL',
  'CLOSE_REFERRAL',
  'REFER_COMPLAINT',
  'VIEW_REFERRAL_STATISTICS',
] as const;
export type AuditsOperation = (typeof AUDITS_OPERATIONS)[number];

const ROLES_BY_OPERATION: Readonly<Record<AuditsOperation, readonly Role[]>> = {
  REGISTER_INSPECTOR: ['supervisor'],
  LIST_INSPECTORS: ['supervisor'],
  VIEW_INSPECTOR: ['supervisor', 'inspector'],
  DEACTIVATE_INSPECTOR: ['supervisor'],
  ACTIVATE_INSPECTOR: ['supervisor'],
  LIST_TASKS: ['supervisor', 'inspector'],
  VIEW_TASK: ['supervisor', 'inspector'],
  ASSIGN_TASK: ['supervisor'],
  REASSIGN_TASK: ['supervisor'],
  CANCEL_TASK: ['supervisor'],
  START_AUDIT: ['inspector'],
  RECORD_FINDING: ['inspector'],
  COMPLETE_AUDIT: ['inspector'],
  VIEW_PLAN: ['supervisor'],
  VIEW_RISK: ['supervisor', 'officer'],
  VIEW_OUTCOMES: ['supervisor', 'officer', 'employer'],
  LIST_COMPLAINTS: ['supervisor'],
  VIEW_COMPLAINT: ['supervisor'],
  TRIAGE_COMPLAINT: ['supervisor'],
  DISMISS_COMPLAINT: ['supervisor'],
  LIST_REFERRALS: ['supervisor'],
  ACKNOWLEDGE_REFERRAL: ['supervisor'],
  CLOSE_REFERRAL: ['supervisor'],
  REFER_COMPLAINT: ['supervisor'],
  VIEW_REFERRAL_STATISTICS: ['supervisor', 'officer'],
};

/** The roles that may attempt an operation (route metadata and documentation). */
export function rolesFor(operation: AuditsOperation): readonly Role[] {
  return ROLES_BY_OPERATION[operation];
}

/** Whether the caller's role may attempt the operation at all (decided before loading anything). */
export function mayAttempt(caller: Caller, operation: AuditsOperation): AccessDecision {
  return roleIsOneOf(caller, ROLES_BY_OPERATION[operation]);
}

/** What scopes access to a task: its state, its inspector, its employer and whether it is completed. */
export interface TaskScope {
  readonly employerId: string;
  readonly state: string;
  readonly inspectorId: string | null;
  readonly completed: boolean;
}

/**
 * Whether the caller may do a task operation on this task: supervisors in its state, the inspector
 * it is assigned to, officers in its state and its employer's staff (outcomes of completed audits).
 */
export function mayOperateOnTask(
  caller: Caller,
  operation: AuditsOperation,
  task: TaskScope,
): AccessDecision {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) return role;
  switch (caller.role) {
    case 'inspector':
      return isAssignedInspector(caller, task.inspectorId);
    case 'employer':
      if (!task.completed) return deny('NOT_OWN_EMPLOYER');
      return belongsToEmployer(caller, task.employerId);
    default:
      return worksInState(caller, task.state);
  }
}

/** What scopes access to an inspector record: its id and the states of its areas. */
export interface InspectorScope {
  readonly inspectorId: string;
  readonly states: readonly string[];
}

/** Supervisors manage inspectors sharing one of their states; an inspector may read its own record. */
export function mayOperateOnInspector(
  caller: Caller,
  operation: AuditsOperation,
  inspector: InspectorScope,
): AccessDecision {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) return role;
  if (caller.role === 'inspector') {
    return caller.inspectorId === inspector.inspectorId ? ALLOW : deny('NOT_ASSIGNED');
  }
  return inspector.states.some((state) => worksInState(caller, state).allowed)
    ? ALLOW
    : deny('STATE_OUT_OF_SCOPE');
}

/** A supervisor registers inspectors only for areas in its own states (every area's state). */
export function mayRegisterFor(caller: Caller, states: readonly string[]): AccessDecision {
  const role = mayAttempt(caller, 'REGISTER_INSPECTOR');
  if (!role.allowed) return role;
  return states.every((state) => worksInState(caller, state).allowed) ? ALLOW : deny('STATE_OUT_OF_SCOPE');
}

/** Employer-level reads (plan, risk, outcomes): supervisors and officers in one of the employer's states, its own staff. */
export function mayOperateOnEmployer(
  caller: Caller,
  operation: AuditsOperation,
  employer: { readonly employerId: string; readonly states: readonly string[] },
): AccessDecision {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) return role;
  if (caller.role === 'employer') return belongsToEmployer(caller, employer.employerId);
  return employer.states.some((state) => worksInState(caller, state).allowed)
    ? ALLOW
    : deny('STATE_OUT_OF_SCOPE');
}

/** Whose tasks a list shows. */
export type TaskListScope =
  | { readonly kind: 'INSPECTOR'; readonly inspectorId: string }
  | { readonly kind: 'STATES'; readonly states: readonly MexicanState[] };

/** The task list scope of the caller, or null when it may not list (or an inspector token without a record). */
export function taskListScopeFor(caller: Caller): TaskListScope | null {
  if (!mayAttempt(caller, 'LIST_TASKS').allowed) return null;
  if (caller.role === 'inspector') {
    return caller.inspectorId === undefined ? null : { kind: 'INSPECTOR', inspectorId: caller.inspectorId };
  }
  return { kind: 'STATES', states: caller.states.filter(isMexicanState) };
}
