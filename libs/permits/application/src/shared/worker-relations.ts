import {
  HELD_PERMIT_STATUSES,
  PermitErrors,
  type ApplicationStatus,
  type PermitStatus,
  type Worker,
} from '@frontera/permits-domain';
import type { Caller } from '@frontera/shared-kernel';
import {
  mayAttempt,
  mayOperateOnWorker,
  type PermitsOperation,
  type WorkerRelation,
} from '../authorization/permits-access.policy';
import type { ApplicationRepository, PermitRepository, WorkerRepository } from '../ports/repositories.port';
import { PermitsCommandErrors } from './permits-command.runners';

/** An application's status that makes its employer the worker's current employer. */
export const CURRENT_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['SUBMITTED'];

/** What a relation is made of: an application or a permit, with its employer, state and status. */
export interface RelationSource {
  readonly employerId: string;
  readonly state: string;
  readonly current: boolean;
}

/**
 * One relation per (employer, state) pair the worker's applications and permits name, `current`
 * while one of them is a pending (SUBMITTED) application or a held (ACTIVE / SUSPENDED) permit.
 * Pure, ordered by employer then state.
 */
export function relationsFrom(sources: readonly RelationSource[]): WorkerRelation[] {
  const byPair = new Map<string, { employerId: string; state: string; current: boolean }>();
  for (const source of sources) {
    const key = `${source.employerId}\u0000${source.state}`;
    const known = byPair.get(key);
    if (known) known.current ||= source.current;
    else byPair.set(key, { employerId: source.employerId, state: source.state, current: source.current });
  }
  return [...byPair.values()].sort((a, b) =>
    a.employerId === b.employerId ? a.state.localeCompare(b.state) : a.employerId < b.employerId ? -1 : 1,
  );
}

export function applicationIsCurrent(status: ApplicationStatus): boolean {
  return CURRENT_APPLICATION_STATUSES.includes(status);
}

export function permitIsCurrent(status: PermitStatus): boolean {
  return HELD_PERMIT_STATUSES.includes(status);
}

/** How many merges a scope follows from a merged record to its survivor (merges do not chain far). */
const MAX_SURVIVOR_HOPS = 5;

/**
 * A worker's relations to employers (docs/domain/permits.md, authorization): the worker's scope is
 * not on the worker but on its employers' applications and permits
 * (`ApplicationRepository.summariesOfWorker`, `PermitRepository.ofWorker`: two equality reads by
 * worker id). A MERGED record stands for its survivor: its applications and permits moved there,
 * so its relations are the survivor's too (an officer who could see it still can).
 */
export class WorkerRelations {
  constructor(
    private readonly deps: {
      readonly workers: WorkerRepository;
      readonly applications: ApplicationRepository;
      readonly permits: PermitRepository;
    },
  ) {}

  /** The relations of the applications and permits recorded for this worker id. */
  async ofId(workerId: string): Promise<WorkerRelation[]> {
    const [applications, permits] = await Promise.all([
      this.deps.applications.summariesOfWorker(workerId),
      this.deps.permits.ofWorker(workerId),
    ]);
    return relationsFrom([
      ...applications.map((a) => ({
        employerId: a.employerId,
        state: a.state,
        current: applicationIsCurrent(a.status),
      })),
      ...permits.map((p) => ({
        employerId: p.employerId,
        state: p.state,
        current: permitIsCurrent(p.status),
      })),
    ]);
  }

  /** The worker's relations; for a merged record, with its survivor's. */
  async of(worker: Worker): Promise<WorkerRelation[]> {
    const sources: WorkerRelation[] = [...(await this.ofId(worker.id))];
    let survivorId = worker.mergedInto;
    for (let hops = 0; survivorId !== null && hops < MAX_SURVIVOR_HOPS; hops++) {
      sources.push(...(await this.ofId(survivorId)));
      const survivor = await this.deps.workers.findById(survivorId);
      survivorId = survivor?.mergedInto ?? null;
    }
    return relationsFrom(sources);
  }

  /** The states the worker's relations are in (what officers and supervisors are scoped by). */
  static statesOf(relations: readonly WorkerRelation[]): string[] {
    return [...new Set(relations.map((r) => r.state))].sort();
  }

  /** The employers that applied for the worker. */
  static employersOf(relations: readonly WorkerRelation[]): string[] {
    return [...new Set(relations.map((r) => r.employerId))].sort();
  }
}

/** A worker the caller may operate on, with the relations that decided it. */
export interface AuthorisedWorker {
  readonly worker: Worker;
  readonly relations: readonly WorkerRelation[];
}

/**
 * The access check of every person's operation on a worker: the role first (403
 * PERMIT.ACCESS_DENIED before anything is read), then the scope from the worker's relations
 * (`mayOperateOnWorker`); absent and out of scope are the same 404 WORKER.NOT_FOUND
 * (docs/decisions/0002).
 */
export class WorkerAccess {
  readonly relations: WorkerRelations;

  constructor(
    private readonly deps: {
      readonly workers: WorkerRepository;
      readonly applications: ApplicationRepository;
      readonly permits: PermitRepository;
    },
  ) {
    this.relations = new WorkerRelations(deps);
  }

  /** 403 when the role may never do the operation (nothing read). */
  assertRole(caller: Caller, operation: PermitsOperation): void {
    const role = mayAttempt(caller, operation);
    if (!role.allowed) throw PermitsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
  }

  async authorise(caller: Caller, operation: PermitsOperation, workerId: string): Promise<AuthorisedWorker> {
    this.assertRole(caller, operation);
    const worker = await this.deps.workers.findById(workerId);
    if (!worker) throw PermitErrors.WORKER_NOT_FOUND.create({ workerId });
    const relations = await this.relations.of(worker);
    if (!mayOperateOnWorker(caller, operation, relations).allowed) {
      throw PermitErrors.WORKER_NOT_FOUND.create({ workerId });
    }
    return { worker, relations };
  }
}
