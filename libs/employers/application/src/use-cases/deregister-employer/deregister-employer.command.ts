import type { CommandMetadata } from '../../shared/command-metadata';

/** An officer deregisters an employer (final); its open worksites close. */
export interface DeregisterEmployerCommand {
  readonly employerId: string;
  /** 1–500 characters; kept in the history and sent in the event. */
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
