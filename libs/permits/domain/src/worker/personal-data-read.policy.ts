import { LIMITS } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { requireText } from '../shared/validation';

/** Longest stated purpose of a read of personal data (the kernel's reason length, like the contracts). */
export const READ_PURPOSE_MAX_LENGTH = LIMITS.REASON;

/**
 * The purpose a reader states before a worker's personal data is shown (docs/domain/permits.md,
 * personal-data read log): required, trimmed, inner whitespace collapsed, 1..{@link
 * READ_PURPOSE_MAX_LENGTH} characters. A read without one is refused (422
 * WORKER.INVALID_READ_PURPOSE, field `purpose`, constraint REQUIRED or TOO_LONG; the text is never
 * echoed). The purpose is what the reader typed: the read log keeps it, so treat it as free text.
 */
export function requireReadPurpose(value: unknown): string {
  return requireText(value, 'purpose', READ_PURPOSE_MAX_LENGTH, PermitErrors.WORKER_INVALID_READ_PURPOSE);
}
