import type { CommandMetadata } from '../../shared/command-metadata';

/** An officer suspends an active employer (cause OFFICER_DECISION): no new permits; existing permits stay valid. */
export interface SuspendEmployerCommand {
  readonly employerId: string;
  /** 1–500 characters; kept in the history and sent in the event. */
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
