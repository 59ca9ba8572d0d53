import type { Actor } from '../../shared/actor';

/** One employer's record (and its worksites), as the actor may see it. */
export interface GetEmployerQuery {
  readonly employerId: string;
  readonly actor: Actor;
}
