/** Errors of the jobs library, each with a stable code. Messages never contain payload values. */
export abstract class JobsError extends Error {
  abstract readonly code: string;
}

/** The payload does not satisfy its class-validator class (or is not an object). */
export class InvalidJobPayloadError extends JobsError {
  readonly code = 'JOBS.INVALID_PAYLOAD';
  constructor(
    readonly queue: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid payload for queue "${queue}": ${problems.join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

/** The payload has fields that look like personal data; jobs carry ids only. */
export class PersonalDataInJobPayloadError extends JobsError {
  readonly code = 'JOBS.PERSONAL_DATA_IN_PAYLOAD';
  constructor(
    readonly queue: string,
    readonly paths: readonly string[],
  ) {
    super(
      `Payload for queue "${queue}" has fields that look like personal data (${paths.join(', ')}); ` +
        'job payloads carry ids only: pass the id of the record and load it in the worker',
    );
    this.name = 'PersonalDataInJobPayloadError';
  }
}

/** Redis cannot take the command now; nothing was enqueued (unless a timeout leaves it unknown, see message). */
export class QueueUnavailableError extends JobsError {
  readonly code = 'JOBS.QUEUE_UNAVAILABLE';
  constructor(
    readonly queue: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Queue "${queue}" is unavailable: ${reason}`, options);
    this.name = 'QueueUnavailableError';
  }
}
