import { ContractViolationError } from '@frontera/contracts';
import { commandErrorsFor, defineErrors, LockErrors } from '@frontera/shared-kernel';
import { ServiceErrors } from '@frontera/platform-errors';
import { isNonRetriable, NonRetriableError } from './errors';

const Errors = defineErrors('THING', {
  NOT_FOUND: {
    status: 404,
    title: { es: 'No', en: 'No' },
    detail: { es: 'No existe {id}.', en: 'No {id}.' },
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    title: { es: 'No', en: 'No' },
    detail: { es: 'No.', en: 'No.' },
  },
});
const Commands = commandErrorsFor('THING');

describe('the consumer error policy (isNonRetriable)', () => {
  it('dead-letters at once what retrying cannot change, whatever its status', () => {
    for (const error of [
      Errors.NOT_FOUND.create({ id: 'x' }),
      Errors.TRANSITION_NOT_ALLOWED.create(),
      Commands.ACCESS_DENIED.create({ reason: 'ROLE_NOT_ALLOWED' }),
      new NonRetriableError('no such employer', 'EMPLOYER.NOT_FOUND'),
      new ContractViolationError('t', []),
    ]) {
      expect(isNonRetriable(error)).toBe(true);
    }
  });

  it('retries what may pass later: retriable AppErrors (409 or 503 alike) and anything else', () => {
    for (const error of [
      Commands.BUSY.create(),
      Commands.CONCURRENT_MODIFICATION.create(),
      LockErrors.BUSY.create(),
      ServiceErrors.UNAVAILABLE.create(),
      new Error('connection reset'),
    ]) {
      expect(isNonRetriable(error)).toBe(false);
    }
  });
});
