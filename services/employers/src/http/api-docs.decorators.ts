import { rolesFor, type EmployerOperation } from '@frontera/employers-application';
import { Roles } from '@frontera/platform-auth';
import type { Role } from '@frontera/shared-kernel';
import type { ProblemDescriptions } from '@frontera/platform-http';

/**
 * What the employers service's own errors mean, per status, for `ApiProblems` of
 * `@frontera/platform-http`: `@ApiProblems(EMPLOYER_PROBLEMS, 404, 409)`. List only what the
 * operation itself can answer; the platform documents 400, 401, 403 of the guard, 413, 415 and 500.
 */
export const EMPLOYER_PROBLEMS: ProblemDescriptions = {
  403: 'AUTH.FORBIDDEN / EMPLOYER.ACCESS_DENIED: your role may never do this',
  404: 'EMPLOYER.NOT_FOUND / WORKSITE.NOT_FOUND: absent, or outside your scope (another organisation, another state)',
  409:
    'EMPLOYER.TRANSITION_NOT_ALLOWED (with `currentState` and `allowedActions`), EMPLOYER.ALREADY_REGISTERED, ' +
    'WORKSITE.CLOSED, IDEMPOTENCY.IN_PROGRESS; nothing changed',
  422:
    'A business rule refused the data (e.g. EMPLOYER.RFC_INVALID_CHECK_DIGIT, WORKSITE.INVALID_COORDINATES; the ' +
    'field in `errors`), IDEMPOTENCY.KEY_REUSED',
  503: 'EMPLOYER.BUSY (the employer stayed locked longer than LOCK_WAIT_MS) / SERVICE.UNAVAILABLE: try again shortly',
};

/**
 * What `GET /employers` answers besides 403 (`@ApiProblems(EMPLOYER_LIST_PROBLEMS)`): its cursor
 * refused, and Redis, which holds the lists' positions, down.
 */
export const EMPLOYER_LIST_PROBLEMS: ProblemDescriptions = {
  400:
    'VALIDATION.FAILED (a filter, `limit` or the shape of `cursor`; the fields in `errors`), ' +
    'LIST.INVALID_CURSOR: a cursor this list did not give you (employer staff: any cursor); start again without it',
  503: 'SERVICE.UNAVAILABLE: the list positions (Redis) cannot be read now; nothing changed, try again shortly',
};

/**
 * Route roles from the application's authorization policy (`rolesFor`), so the guard's first
 * check and the handler's full check come from one table.
 */
export function RolesFor(operation: EmployerOperation): MethodDecorator & ClassDecorator {
  return Roles(...(rolesFor(operation) as [Role, ...Role[]]));
}
