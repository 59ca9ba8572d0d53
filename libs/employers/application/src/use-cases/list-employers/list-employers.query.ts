import { LIMITS, type Caller } from '@frontera/shared-kernel';
import type { EmployerListFilter } from '../../ports/employer.repository.port';

/** Employers matching the filters, within what the caller may see, a page at a time. */
export interface ListEmployersQuery {
  readonly filter: EmployerListFilter;
  /** A cursor this list gave (`nextCursor`), or none for the start. */
  readonly cursor?: string;
  /** Items per page, 1..LIMITS.PAGE_SIZE (default 20). */
  readonly limit?: number;
  readonly caller: Caller;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = LIMITS.PAGE_SIZE;
