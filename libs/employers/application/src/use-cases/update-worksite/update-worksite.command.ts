import type { WorksiteChanges } from '@frontera/employers-domain';
import type { CommandMetadata } from '@frontera/shared-application';

/** The employer edits an open worksite; omitted fields stay as they are. */
export interface UpdateWorksiteCommand {
  readonly employerId: string;
  readonly worksiteId: string;
  readonly changes: WorksiteChanges;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
