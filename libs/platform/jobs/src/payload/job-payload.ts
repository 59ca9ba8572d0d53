import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidJobPayloadError, PersonalDataInJobPayloadError } from '../errors';
import type { QueueDefinition } from '../queue-definition';
import { findPersonalData } from './personal-data-guard';

function describe(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const own =
      error.constraints === undefined ? [] : [`${path}: ${Object.keys(error.constraints).join(', ')}`];
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * The one validation path of job payloads, run when a job is added and again
 * when a worker picks it up: a plain object, no personal data, valid for the
 * queue's payload class (unknown fields refused). Returns an instance of the class.
 */
export function parseJobPayload<P extends object>(definition: QueueDefinition<P>, raw: unknown): P {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidJobPayloadError(definition.name, ['payload must be an object']);
  }
  const personal = findPersonalData(raw);
  if (personal.length > 0) throw new PersonalDataInJobPayloadError(definition.name, personal);

  const instance = plainToInstance(definition.payload, raw);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new InvalidJobPayloadError(definition.name, describe(errors));
  return instance;
}
