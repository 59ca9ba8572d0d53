import type { CommandMetadata } from '../../shared/command-metadata';

/** An officer lifts a suspension (for CRITICAL_FINDINGS this is the review the suspension awaited); the rating is untouched. */
export interface ReinstateEmployerCommand {
  readonly employerId: string;
  /** 1–500 characters; kept in the history and sent in the event. */
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
