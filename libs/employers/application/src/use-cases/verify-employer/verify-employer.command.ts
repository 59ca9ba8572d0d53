import type { CommandMetadata } from '@frontera/shared-application';

/** An officer verifies a pending employer: it becomes ACTIVE, rated A, with a registration number. */
export interface VerifyEmployerCommand {
  readonly employerId: string;
  readonly metadata: CommandMetadata;
}
