import type { ReportedChanges } from '@frontera/employers-domain';
import type { CommandMetadata } from '@frontera/shared-application';

/**
 * The employer reports a change of legal name, address, contact or legal representative, with
 * the reason (e.g. "moved the fiscal address", "new legal representative appointed").
 */
export interface ReportEmployerChangeCommand {
  readonly employerId: string;
  readonly changes: ReportedChanges;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
