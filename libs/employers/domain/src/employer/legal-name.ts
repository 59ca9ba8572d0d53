import { LIMITS } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { requireText } from '../shared/validation';

/** Razón social (company) or full name (individual): 1..LIMITS.LEGAL_NAME characters, whitespace collapsed. */
export function validLegalName(value: unknown): string {
  return requireText(value, 'legalName', LIMITS.LEGAL_NAME, EmployerErrors.INVALID_LEGAL_NAME);
}
