import type { NewWorksite } from '@frontera/employers-domain';
import type { CommandMetadata } from '@frontera/shared-application';

/** The employer declares a worksite; the service gives it its id. */
export type NewWorksiteData = Omit<NewWorksite, 'worksiteId'>;

export interface AddWorksiteCommand {
  readonly employerId: string;
  readonly worksite: NewWorksiteData;
  readonly metadata: CommandMetadata;
}
