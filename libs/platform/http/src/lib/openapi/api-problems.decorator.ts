import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { problemContent } from './problem-details.schema';

/** What an error status means, per status, in the OpenAPI document. */
export type ProblemDescriptions = Readonly<Partial<Record<number, string>>>;

/**
 * What the platform itself answers with each status (codes of platform-errors and platform-auth).
 * A service's own descriptions replace these for its operations.
 */
export const PLATFORM_PROBLEM_DESCRIPTIONS: ProblemDescriptions = {
  400:
    'REQUEST.MALFORMED_JSON (the body is not JSON), VALIDATION.FAILED (the fields to fix in `errors`: ' +
    'wrong types, missing or unknown fields, bad query or path values), REQUEST.INVALID_VALUE',
  401: 'AUTH.UNAUTHENTICATED: missing, malformed, invalid or expired bearer token (`reason`, WWW-Authenticate)',
  403: 'AUTH.FORBIDDEN: your role may not call this operation (`allowedRoles`)',
  404: 'RESOURCE.NOT_FOUND: absent, or not visible to you',
  409: 'RESOURCE.DUPLICATE / RESOURCE.CONFLICT: conflicts with the current state; nothing changed',
  413: 'REQUEST.TOO_LARGE: body over HTTP_BODY_LIMIT (`limitBytes`)',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE: send the body as application/json (UTF-8)',
  422: 'A business rule refused the data (the field in `errors`)',
  429: 'REQUEST.RATE_LIMITED: wait before trying again',
  500: 'INTERNAL: an unexpected error; give the correlationId to support',
  503: 'SERVICE.UNAVAILABLE / AUTH.KEYS_UNAVAILABLE: try again later',
};

function assertErrorStatus(status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new Error(`ApiProblems: ${status} is not an HTTP error status (400–599)`);
  }
}

/**
 * Documents RFC 9457 problem-details responses (`application/problem+json`, the platform's
 * `ProblemDetails` schema) of an operation or of every operation of a controller:
 *
 * ```ts
 * @ApiProblems(404, 409)                                      // the platform's descriptions
 * @ApiProblems({ 404: 'PERMIT.NOT_FOUND', 409: 'PERMIT.CANNOT_SUSPEND' })   // every status listed
 * @ApiProblems(PERMIT_PROBLEMS, 404, 409)                      // these statuses, described by the table
 * ```
 *
 * List only what the operation's own code can answer: `configureHttpApp` adds what the platform
 * answers on its own (400 malformed JSON or validation, 413, 415 and 500 everywhere; 401, and 403 for
 * routes with `@Roles`, on every route that is not `@Public()`; 503 when tokens are checked
 * against a JWKS), with the platform's descriptions unless the operation documents that status.
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator;
export function ApiProblems(
  descriptions: ProblemDescriptions,
  ...statuses: number[]
): MethodDecorator & ClassDecorator;
export function ApiProblems(
  first?: number | ProblemDescriptions,
  ...rest: number[]
): MethodDecorator & ClassDecorator {
  const descriptions: ProblemDescriptions = typeof first === 'object' ? first : {};
  const listed = typeof first === 'number' ? [first, ...rest] : rest;
  const statuses =
    listed.length > 0 || typeof first !== 'object' ? listed : Object.keys(descriptions).map(Number);
  return applyDecorators(
    ...[...new Set(statuses)].map((status) => {
      assertErrorStatus(status);
      return ApiResponse({
        status,
        description: descriptions[status] ?? PLATFORM_PROBLEM_DESCRIPTIONS[status] ?? `HTTP ${status}`,
        content: problemContent(),
      });
    }),
  );
}
