import type { CommandMetadata } from '@frontera/shared-application';

/** The employer closes a worksite (end of season, sold, …); closed worksites cannot be edited. */
export interface CloseWorksiteCommand {
  readonly employerId: string;
  readonly worksiteId: string;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
