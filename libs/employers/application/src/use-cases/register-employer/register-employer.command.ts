import type { RegisterEmployer } from '@frontera/employers-domain';
import type { CommandMetadata } from '@frontera/shared-application';

/**
 * An employer registers itself. The employer id is not part of the data: it is the id the
 * identity provider assigned to the registering user's organisation (the token's `employerId`),
 * so nobody can register on another organisation's behalf.
 */
export type RegisterEmployerData = Omit<RegisterEmployer, 'employerId'>;

export interface RegisterEmployerCommand {
  readonly data: RegisterEmployerData;
  readonly metadata: CommandMetadata;
}
