import { RosterErrors, type RosterImport, type RosterRowError } from '@frontera/permits-domain';
import type { Caller } from '@frontera/shared-kernel';
import { mayAttempt, mayOperateOn } from '../../authorization/permits-access.policy';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';
import type { RosterImportRepository } from './roster.ports';

/** 403 when the role may never; the same 404 for an absent import and another employer's (decision 0002). */
async function visibleRoster(
  rosters: RosterImportRepository,
  importId: string,
  caller: Caller,
): Promise<RosterImport> {
  const role = mayAttempt(caller, 'VIEW_ROSTER');
  if (!role.allowed) throw PermitsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
  const roster = await rosters.findById(importId);
  if (!roster || !mayOperateOn(caller, 'VIEW_ROSTER', roster).allowed) {
    throw RosterErrors.NOT_FOUND.create({ importId });
  }
  return roster;
}

/** An import's state and progress, for the employer that uploaded it. */
export class GetRosterImportHandler {
  constructor(private readonly deps: { readonly rosters: RosterImportRepository }) {}

  execute(importId: string, caller: Caller): Promise<RosterImport> {
    return visibleRoster(this.deps.rosters, importId, caller);
  }
}

/** An import's per-row error report (what is recorded so far while it runs), for its employer. */
export class GetRosterErrorsHandler {
  constructor(private readonly deps: { readonly rosters: RosterImportRepository }) {}

  async execute(
    importId: string,
    caller: Caller,
  ): Promise<{ readonly roster: RosterImport; readonly errors: readonly RosterRowError[] }> {
    const roster = await visibleRoster(this.deps.rosters, importId, caller);
    return { roster, errors: await this.deps.rosters.rowErrors(importId) };
  }
}
