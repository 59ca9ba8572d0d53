import type { Caller } from '@frontera/shared-kernel';

/** One employer's record (and its worksites), as the caller may see it. */
export interface GetEmployerQuery {
  readonly employerId: string;
  readonly caller: Caller;
}
