import { ApplicationErrors } from '@frontera/employers-application';
import { DomainError, EmployerErrors } from '@frontera/employers-domain';
import { isNonRetriable } from '@frontera/platform-messaging';
import { deadLetterDomainRefusals } from './consumer-errors';

async function failureOf(error: unknown): Promise<unknown> {
  return deadLetterDomainRefusals(() => Promise.reject(error)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
}

describe('deadLetterDomainRefusals', () => {
  it('dead-letters at once what the domain refuses (unknown employer or worksite, invalid data), with the code', async () => {
    for (const definition of [
      EmployerErrors.NOT_FOUND,
      EmployerErrors.WORKSITE_NOT_FOUND,
      EmployerErrors.INVALID_AUDIT_OUTCOME,
    ]) {
      const thrown = await failureOf(new DomainError(definition, { worksiteId: 'ws_1' }));
      expect(isNonRetriable(thrown)).toBe(true);
      expect((thrown as Error).message).toContain(definition.code);
    }
  });

  it('retries what may pass later: a busy lock, a version conflict, anything else', async () => {
    for (const error of [
      new DomainError(ApplicationErrors.BUSY),
      new DomainError(ApplicationErrors.CONCURRENT_MODIFICATION),
      new Error('connection reset'),
    ]) {
      const thrown = await failureOf(error);
      expect(thrown).toBe(error);
      expect(isNonRetriable(thrown)).toBe(false);
    }
  });

  it('passes success through', async () => {
    await expect(deadLetterDomainRefusals(() => Promise.resolve('done'))).resolves.toBeUndefined();
  });
});
