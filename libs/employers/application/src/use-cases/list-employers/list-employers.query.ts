import type { EmployerListFilter, PageRequest } from '../../ports/employer.repository.port';
import type { Actor } from '../../shared/actor';

/** Employers matching the filters, within what the actor may see, a page at a time. */
export interface ListEmployersQuery {
  readonly filter: EmployerListFilter;
  readonly page: PageRequest;
  readonly actor: Actor;
}

export const MAX_PAGE_SIZE = 100;
