import type { Permit, PermitStatus, Worker, WorkerStatus } from '@frontera/permits-domain';
import type { Caller } from '@frontera/shared-kernel';
import { mayOperateOn } from '../../authorization/permits-access.policy';
import type {
  ApplicationRepository,
  PermitRepository,
  WorkerRepository,
} from '../../ports/repositories.port';
import { WorkerAccess } from '../../shared/worker-relations';

/** A permit of the worker as the worker view names it. */
export interface WorkerPermitSummary {
  readonly id: string;
  readonly number: string;
  readonly status: PermitStatus;
}

/**
 * What anyone who may see a worker sees: no personal data (nationality, sex and birth year are
 * the statistical attributes the events carry too; initials are what public verification shows).
 */
export interface WorkerView {
  readonly id: string;
  readonly status: WorkerStatus;
  readonly nationality: string;
  readonly sex: string;
  readonly birthYear: number;
  readonly initials: string;
  readonly mergedInto: string | null;
  readonly hasPendingDuplicates: boolean;
  /** The worker's permits the caller may see (its own employer's; those of the caller's states). */
  readonly permits: readonly WorkerPermitSummary[];
}

export function workerViewOf(worker: Worker, permits: readonly Permit[]): WorkerView {
  return {
    id: worker.id,
    status: worker.status,
    nationality: worker.nationality,
    sex: worker.sex,
    birthYear: worker.birthYear,
    initials: worker.initials,
    mergedInto: worker.mergedInto,
    hasPendingDuplicates: worker.hasPendingDuplicates,
    permits: permits.map((p) => ({ id: p.id, number: p.number.value, status: p.status })),
  };
}

/** The permits of `workerId` the caller may view (VIEW_PERMIT on each: employer or states). */
export async function visiblePermitsOf(
  permits: PermitRepository,
  workerId: string,
  caller: Caller,
): Promise<Permit[]> {
  return (await permits.ofWorker(workerId)).filter(
    (permit) =>
      mayOperateOn(caller, 'VIEW_PERMIT', { employerId: permit.employerId, state: permit.state }).allowed,
  );
}

/**
 * GET /workers/:id — the non-personal view of a worker (VIEW_WORKER): employer staff whose
 * employer applied for the worker, officers and supervisors of the states of its relations; 404
 * otherwise, 403 for roles that never may (inspectors).
 */
export class GetWorkerHandler {
  private readonly access: WorkerAccess;

  constructor(
    private readonly deps: {
      readonly workers: WorkerRepository;
      readonly applications: ApplicationRepository;
      readonly permits: PermitRepository;
    },
  ) {
    this.access = new WorkerAccess(deps);
  }

  async execute(workerId: string, caller: Caller): Promise<WorkerView> {
    const { worker } = await this.access.authorise(caller, 'VIEW_WORKER', workerId);
    return workerViewOf(worker, await visiblePermitsOf(this.deps.permits, worker.id, caller));
  }
}
