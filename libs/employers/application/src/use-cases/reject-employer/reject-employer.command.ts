import type { CommandMetadata } from '../../shared/command-metadata';

/** An officer rejects a pending registration, with the reason the employer will read. */
export interface RejectEmployerCommand {
  readonly employerId: string;
  /** 1–500 characters; kept in the history and sent in the event. */
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
