import type { Actor } from '../../shared/actor';

/** The change history of one employer: who changed what, when and why. */
export interface GetEmployerHistoryQuery {
  readonly employerId: string;
  readonly actor: Actor;
}
