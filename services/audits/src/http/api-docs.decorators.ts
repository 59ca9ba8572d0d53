import { rolesFor, type AuditsOperation } from '@frontera/audits-application';
import { Roles } from '@frontera/platform-auth';
import type { ProblemDescriptions } from '@frontera/platform-http';
import type { Role } from '@frontera/shared-kernel';

/**
 * What the audits service's own errors mean, per status, for `ApiProblems`:
 * `@ApiProblems(AUDITS_PROBLEMS, 404, 409)`. The platform documents 400, 401, 403 of the guard,
 * 413, 415 and 500 itself.
 */
export const AUDITS_PROBLEMS: ProblemDescriptions = {
  403: 'AUTH.FORBIDDEN / AUDIT.ACCESS_DENIED: your role may never do this',
  404:
    'AUDIT_TASK.NOT_FOUND / INSPECTOR.NOT_FOUND / AUDIT_PLAN.NOT_FOUND: absent, or outside your scope ' +
    '(another state, a task not assigned to you, another employer)',
  409:
    'AUDIT_TASK.TRANSITION_NOT_ALLOWED / INSPECTOR.TRANSITION_NOT_ALLOWED (with `currentState` and ' +
    '`allowedActions`), AUDIT_TASK.INSPECTOR_NOT_ELIGIBLE (`failedRules`), AUDIT_TASK.SAME_INSPECTOR, ' +
    'INSPECTOR.ALREADY_REGISTERED, AUDIT.CONCURRENT_MODIFICATION, IDEMPOTENCY.IN_PROGRESS; nothing changed',
  422:
    'AUDIT.INVALID_REASON, INSPECTOR.INVALID_DATA, AUDIT_TASK.UNKNOWN_FINDING / FINDING_NEEDS_WORKERS / ' +
    'NOT_ON_ROSTER / INVALID_CORRECTIVE_DEADLINE / INSPECTOR_UNKNOWN (the field and constraint named); ' +
    'IDEMPOTENCY.KEY_REUSED; nothing stored',
  503: 'AUDIT.BUSY (the record stayed locked) / SERVICE.UNAVAILABLE: try again shortly; nothing changed',
};

/** Route roles from the application's authorization policy, so the guard and the handler agree. */
export function RolesFor(operation: AuditsOperation): MethodDecorator & ClassDecorator {
  return Roles(...(rolesFor(operation) as [Role, ...Role[]]));
}
