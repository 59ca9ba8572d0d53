import type { EmployerListFilter, PageRequest } from '../../ports/employer.repository.port';
import type { Caller } from '@frontera/shared-kernel';

/** Employers matching the filters, within what the caller may see, a page at a time. */
export interface ListEmployersQuery {
  readonly filter: EmployerListFilter;
  readonly page: PageRequest;
  readonly caller: Caller;
}

export const MAX_PAGE_SIZE = 100;
