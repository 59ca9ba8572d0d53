import { ContractViolationError } from '@frontera/contracts';

/**
 * Thrown by a handler for a failure that retrying cannot fix (the event refers
 * to something that can never exist here, a rule says the event is invalid):
 * the message goes to the dead-letter topic at once, without retries.
 *
 * Messages of errors thrown by handlers end up in the dead-letter header
 * `dlq-error` and in logs: ids and codes only, never personal data.
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

export function isNonRetriable(error: unknown): boolean {
  return error instanceof NonRetriableError || error instanceof ContractViolationError;
}
