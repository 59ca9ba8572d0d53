import { ListErrors } from '@frontera/shared-kernel';
import { listScopeFor, mayAttempt } from '../../authorization/employer-access.policy';
import type { EmployerRepository, Page } from '../../ports/employer.repository.port';
import { accessDenied } from '../../shared/application-errors';
import { readFor, type EmployerRead } from '../../shared/employer-read';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ListEmployersQuery } from './list-employers.query';

/**
 * Officers and supervisors list the employers of their states (a `state` filter outside them
 * finds nothing); employer staff list only their own employer: one item at most, never followed
 * by a cursor, so any `cursor` they send is one their list did not give (400
 * `LIST.INVALID_CURSOR`, as officers get for a foreign cursor). Personal data in list items is
 * for officers only (see `personalDataAccess`).
 */
export class ListEmployersHandler {
  constructor(private readonly deps: { readonly employers: EmployerRepository }) {}

  async execute({ filter, cursor, limit, caller }: ListEmployersQuery): Promise<Page<EmployerRead>> {
    const role = mayAttempt(caller, 'LIST');
    if (!role.allowed) throw accessDenied(role.reason);
    const scope = listScopeFor(caller);
    if (scope === null) throw accessDenied('NO_LIST_SCOPE');
    if (scope.kind === 'EMPLOYER' && cursor !== undefined) throw ListErrors.INVALID_CURSOR.create();
    const request = {
      ...(cursor !== undefined ? { cursor } : {}),
      limit: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit ?? DEFAULT_PAGE_SIZE))),
    };
    const found = await this.deps.employers.list(scope, filter, request);
    return { ...found, items: found.items.map((employer) => readFor(caller, employer, 'LIST')) };
  }
}
