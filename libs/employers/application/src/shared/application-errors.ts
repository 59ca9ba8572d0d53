import { commandErrorsFor, type AppError } from '@frontera/shared-kernel';
import { EmployerErrors } from '@frontera/employers-domain';

/**
 * The errors every context's commands raise, under this context's codes (kernel
 * `commandErrorsFor`): EMPLOYER.ACCESS_DENIED (403, the role may never), EMPLOYER.CONCURRENT_MODIFICATION
 * (409, retriable) and EMPLOYER.BUSY (503, retriable: the employer's lock stayed taken). Codes are
 * public API: add, never rename.
 */
export const EmployerCommandErrors = commandErrorsFor('EMPLOYER');

export function accessDenied(reason: string): AppError {
  return EmployerCommandErrors.ACCESS_DENIED.create({ reason });
}

/** Absent, or outside the caller's scope: the same answer (docs/decisions/0002). */
export function employerNotFound(): AppError {
  return EmployerErrors.NOT_FOUND.create();
}
