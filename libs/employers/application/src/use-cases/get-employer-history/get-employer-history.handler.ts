import type { ChangeHistoryEntry } from '@frontera/employers-domain';
import type { EmployerRepository } from '../../ports/employer.repository.port';
import { loadReadable } from '../get-employer/get-employer.handler';
import type { GetEmployerHistoryQuery } from './get-employer-history.query';

export interface EmployerHistory {
  readonly employerId: string;
  /** Oldest first. Personal data appears as "changed", never with its values. */
  readonly entries: readonly ChangeHistoryEntry[];
}

/** The history, for officers and supervisors within their states. */
export class GetEmployerHistoryHandler {
  constructor(private readonly deps: { readonly employers: EmployerRepository }) {}

  async execute({ employerId, caller }: GetEmployerHistoryQuery): Promise<EmployerHistory> {
    const { employer } = await loadReadable(this.deps.employers, caller, employerId, 'VIEW_HISTORY');
    return { employerId: employer.id, entries: await this.deps.employers.history(employer.id) };
  }
}
