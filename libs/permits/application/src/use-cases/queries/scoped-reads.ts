import {
  PermitErrors,
  type HistoryEntry,
  type Permit,
  type PermitApplication,
} from '@frontera/permits-domain';
import type { Caller } from '@frontera/shared-kernel';
import {
  isAuditFindingEntry,
  listScopeFor,
  mayAttempt,
  mayOperateOn,
  seesAuditFindings,
  type PermitsOperation,
} from '../../authorization/permits-access.policy';
import type {
  ApplicationListFilter,
  ApplicationRepository,
  Page,
  PageRequest,
  PermitListFilter,
  PermitRepository,
} from '../../ports/repositories.port';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';

/** 403 when the role may never; the same 404 for absent and out-of-scope (docs/decisions/0002). */
function authorise<T extends { employerId: string; state: string }>(
  caller: Caller,
  operation: PermitsOperation,
  found: T | null,
  notFound: () => Error,
): T {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) throw PermitsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
  if (!found || !mayOperateOn(caller, operation, found).allowed) throw notFound();
  return found;
}

function assertRole(caller: Caller, operation: PermitsOperation): void {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) throw PermitsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
}

/** One application, for its employer and for officers and supervisors of its state. */
export class GetApplicationHandler {
  constructor(private readonly deps: { readonly applications: ApplicationRepository }) {}

  async execute(applicationId: string, caller: Caller): Promise<PermitApplication> {
    assertRole(caller, 'VIEW_APPLICATION');
    return authorise(caller, 'VIEW_APPLICATION', await this.deps.applications.findById(applicationId), () =>
      PermitErrors.APPLICATION_NOT_FOUND.create({ applicationId }),
    );
  }
}

export class ListApplicationsHandler {
  constructor(private readonly deps: { readonly applications: ApplicationRepository }) {}

  async execute(
    caller: Caller,
    filter: ApplicationListFilter,
    page: PageRequest,
  ): Promise<Page<PermitApplication>> {
    assertRole(caller, 'LIST_APPLICATIONS');
    const scope = listScopeFor(caller, 'LIST_APPLICATIONS');
    if (scope === null) return { items: [], nextCursor: null };
    return this.deps.applications.list(scope, filter, page);
  }
}

/** One permit, for an operation that reads it (VIEW_PERMIT, PRINT_CARD, VIEW_HISTORY). */
export class GetPermitHandler {
  constructor(private readonly deps: { readonly permits: PermitRepository }) {}

  async execute(
    permitId: string,
    caller: Caller,
    operation: Extract<PermitsOperation, 'VIEW_PERMIT' | 'PRINT_CARD' | 'VIEW_HISTORY'> = 'VIEW_PERMIT',
  ): Promise<Permit> {
    assertRole(caller, operation);
    return authorise(caller, operation, await this.deps.permits.findById(permitId), () =>
      PermitErrors.NOT_FOUND.create({ permitId }),
    );
  }
}

export class ListPermitsHandler {
  constructor(private readonly deps: { readonly permits: PermitRepository }) {}

  async execute(caller: Caller, filter: PermitListFilter, page: PageRequest): Promise<Page<Permit>> {
    assertRole(caller, 'LIST_PERMITS');
    const scope = listScopeFor(caller, 'LIST_PERMITS');
    if (scope === null) return { items: [], nextCursor: null };
    return this.deps.permits.list(scope, filter, page);
  }
}

/**
 * A permit's history (every change with actor, time and reason), oldest first; without the audit
 * findings for its employer (seesAuditFindings).
 */
export class GetPermitHistoryHandler {
  private readonly get: GetPermitHandler;

  constructor(private readonly deps: { readonly permits: PermitRepository }) {
    this.get = new GetPermitHandler(deps);
  }

  async execute(permitId: string, caller: Caller): Promise<HistoryEntry[]> {
    await this.get.execute(permitId, caller, 'VIEW_HISTORY');
    const entries = await this.deps.permits.history(permitId);
    return seesAuditFindings(caller) ? entries : entries.filter((entry) => !isAuditFindingEntry(entry));
  }
}
