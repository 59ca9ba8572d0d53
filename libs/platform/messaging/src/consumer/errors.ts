import { ContractViolationError } from '@frontera/contracts';
import { AppError } from '@frontera/shared-kernel';

/**
 * Thrown by a handler for a failure that retrying cannot fix (the event refers to something that
 * can never exist here, a rule says the event is invalid) when the failure is not an AppError:
 * the message goes to the dead-letter topic at once, without retries.
 *
 * Messages of errors thrown by handlers end up in the dead-letter header `dlq-error` and in logs:
 * ids and codes only, never personal data.
 */
export class NonRetriableError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NonRetriableError';
  }
}

/**
 * The consumer's error policy, the same for every service: a refusal that retrying cannot change
 * goes to the dead-letter topic at once — an AppError whose catalogue entry is not `retriable`
 * (an unknown employer or worksite, data that breaks a rule, a refused transition), a broken
 * contract, a NonRetriableError; anything else (a busy lock, a concurrent modification, the
 * database or Kafka unavailable: retriable AppErrors, or errors of drivers) is retried with
 * backoff and dead-lettered only after the configured attempts. The HTTP status plays no part.
 */
export function isNonRetriable(error: unknown): boolean {
  if (error instanceof AppError) return !error.retriable;
  return error instanceof NonRetriableError || error instanceof ContractViolationError;
}
