import { DomainError } from '@frontera/employers-domain';
import { NonRetriableError } from '@frontera/platform-messaging';

/**
 * Runs a consumed event's command, telling the consumer which failures retrying cannot fix:
 * a domain refusal (unknown employer or worksite, data that breaks a rule — a 4xx) goes to the
 * dead-letter topic at once; anything else (lock busy, database or Kafka trouble, a version
 * conflict) is retried with backoff and dead-lettered only after the configured attempts.
 * Messages carry the code and ids only (they reach logs and the `dlq-error` header).
 */
export async function deadLetterDomainRefusals(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (
      error instanceof DomainError &&
      error.httpStatus >= 400 &&
      error.httpStatus < 500 &&
      error.httpStatus !== 409
    ) {
      throw new NonRetriableError(`${error.code} ${JSON.stringify(error.details)}`, error.code);
    }
    throw error;
  }
}
