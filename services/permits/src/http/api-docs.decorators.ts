import { rolesFor, type PermitsOperation } from '@frontera/permits-application';
import { Roles } from '@frontera/platform-auth';
import type { ProblemDescriptions } from '@frontera/platform-http';
import type { Role } from '@frontera/shared-kernel';

/**
 * What the permits service's own errors mean, per status, for `ApiProblems`:
 * `@ApiProblems(PERMITS_PROBLEMS, 404, 409)`. The platform documents 400, 401, 403 of the guard,
 * 413, 415 and 500 itself.
 */
export const PERMITS_PROBLEMS: ProblemDescriptions = {
  403: 'AUTH.FORBIDDEN / PERMIT.ACCESS_DENIED: your role may never do this',
  404:
    'PERMIT.NOT_FOUND / APPLICATION.NOT_FOUND / WORKER.NOT_FOUND: absent, or outside your scope ' +
    '(another employer, another state)',
  409:
    'PERMIT.TRANSITION_NOT_ALLOWED / APPLICATION.TRANSITION_NOT_ALLOWED (with `currentState` and ' +
    '`allowedActions`), PERMIT.CONCURRENT_MODIFICATION, IDEMPOTENCY.IN_PROGRESS; nothing changed',
  422:
    'APPLICATION.NOT_ELIGIBLE (every failed rule in `failures` and `errors`), WORKER.INVALID_* / ' +
    'APPLICATION.INVALID_DATA (the field and constraint in `errors`; the value is never echoed), ' +
    'IDEMPOTENCY.KEY_REUSED; nothing stored',
  503: 'PERMIT.BUSY (the record stayed locked) / SERVICE.UNAVAILABLE: try again shortly; nothing changed',
};

/** What the lists answer besides 403. */
export const LIST_PROBLEMS: ProblemDescriptions = {
  400:
    'VALIDATION.FAILED (a filter, `limit` or the shape of `cursor`), LIST.INVALID_CURSOR: a cursor this list did ' +
    'not give you; start again without it',
  503: 'SERVICE.UNAVAILABLE: the list positions (Redis) cannot be read now; try again shortly',
};

/** Route roles from the application's authorization policy, so the guard and the handler agree. */
export function RolesFor(operation: PermitsOperation): MethodDecorator & ClassDecorator {
  return Roles(...(rolesFor(operation) as [Role, ...Role[]]));
}
