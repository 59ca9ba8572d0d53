import type { Caller } from '@frontera/shared-kernel';

/** The change history of one employer: who changed what, when and why. */
export interface GetEmployerHistoryQuery {
  readonly employerId: string;
  readonly caller: Caller;
}
