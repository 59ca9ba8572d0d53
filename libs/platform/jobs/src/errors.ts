import { AppError, defineErrors } from '@frontera/shared-kernel';

/** The jobs library's errors: AppErrors with stable codes. Messages never contain payload values. */
export const JobsErrors = defineErrors('JOBS', {
  INVALID_PAYLOAD: {
    status: 500,
    title: { es: 'Trabajo no válido', en: 'Invalid job' },
    detail: {
      es: 'Los datos del trabajo para la cola "{queue}" no son válidos: {problems}.',
      en: 'Invalid payload for queue "{queue}": {problems}.',
    },
  },
  PERSONAL_DATA_IN_PAYLOAD: {
    status: 500,
    title: { es: 'Datos personales en un trabajo', en: 'Personal data in a job' },
    detail: {
      es: 'Los datos del trabajo para la cola "{queue}" tienen campos que parecen datos personales ({paths}); los trabajos llevan solo identificadores.',
      en: 'Payload for queue "{queue}" has fields that look like personal data ({paths}); job payloads carry ids only: pass the id of the record and load it in the worker.',
    },
  },
  QUEUE_UNAVAILABLE: {
    status: 503,
    retriable: true,
    title: { es: 'Cola no disponible', en: 'Queue unavailable' },
    detail: {
      es: 'La cola "{queue}" no está disponible ({reason}); intente más tarde.',
      en: 'Queue "{queue}" is unavailable: {reason}.',
    },
  },
});

/** Errors of the jobs library: AppErrors, so HTTP answers and consumers treat them like any other. */
export abstract class JobsError extends AppError {}

/** The payload does not satisfy its class-validator class (or is not an object): a programming error (500). */
export class InvalidJobPayloadError extends JobsError {
  constructor(
    readonly queue: string,
    readonly problems: readonly string[],
  ) {
    super(JobsErrors.INVALID_PAYLOAD.code, JobsErrors.INVALID_PAYLOAD.spec, {
      queue,
      problems: problems.join('; '),
    });
    Object.defineProperty(this, 'name', { value: 'InvalidJobPayloadError' });
  }
}

/** The payload has fields that look like personal data; jobs carry ids only (500). */
export class PersonalDataInJobPayloadError extends JobsError {
  constructor(
    readonly queue: string,
    readonly paths: readonly string[],
  ) {
    super(JobsErrors.PERSONAL_DATA_IN_PAYLOAD.code, JobsErrors.PERSONAL_DATA_IN_PAYLOAD.spec, {
      queue,
      paths: paths.join(', '),
    });
    Object.defineProperty(this, 'name', { value: 'PersonalDataInJobPayloadError' });
  }
}

/**
 * Redis cannot take the command now; nothing was enqueued (unless a timeout leaves it unknown, see
 * the reason): 503, retriable.
 */
export class QueueUnavailableError extends JobsError {
  constructor(
    readonly queue: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      JobsErrors.QUEUE_UNAVAILABLE.code,
      JobsErrors.QUEUE_UNAVAILABLE.spec,
      { queue, reason },
      options?.cause === undefined ? {} : { cause: options.cause },
    );
    Object.defineProperty(this, 'name', { value: 'QueueUnavailableError' });
  }
}
