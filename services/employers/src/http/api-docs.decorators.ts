import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { rolesFor, type EmployerOperation } from '@frontera/employers-application';
import { Roles, type Role } from '@frontera/platform-auth';
import { ProblemResponse } from './dto/employer.response';

const PROBLEMS: Readonly<Record<number, string>> = {
  400: 'VALIDATION.FAILED (fields in `errors`, unknown fields refused), REQUEST.MALFORMED_JSON',
  401: 'AUTH.UNAUTHENTICATED: missing, invalid or expired token',
  403: 'AUTH.FORBIDDEN / EMPLOYER.ACCESS_DENIED: your role may not do this',
  404: 'EMPLOYER.NOT_FOUND / WORKSITE.NOT_FOUND: absent, or outside your scope',
  409: 'EMPLOYER.TRANSITION_NOT_ALLOWED (with `currentState` and `allowedActions`), EMPLOYER.ALREADY_REGISTERED, WORKSITE.CLOSED',
  413: 'REQUEST.TOO_LARGE: body over HTTP_BODY_LIMIT',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE: send application/json',
  422: 'A business rule refused the data (e.g. EMPLOYER.RFC_INVALID_CHECK_DIGIT, WORKSITE.INVALID_COORDINATES)',
  503: 'EMPLOYER.BUSY / SERVICE.UNAVAILABLE: try again shortly',
};

/** RFC 9457 problem-details responses of a route, documented in one line. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ...[401, ...statuses].map((status) =>
      ApiResponse({ status, description: PROBLEMS[status], type: ProblemResponse }),
    ),
  );
}

/**
 * Route roles from the application's authorization policy (`rolesFor`), so the guard's first
 * check and the handler's full check come from one table.
 */
export function RolesFor(operation: EmployerOperation): MethodDecorator & ClassDecorator {
  return Roles(...(rolesFor(operation) as [Role, ...Role[]]));
}
