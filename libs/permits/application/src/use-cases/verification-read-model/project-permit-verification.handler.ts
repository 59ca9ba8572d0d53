import { permitVerificationEntry } from '@frontera/permits-domain';
import type { AggregateLock } from '@frontera/shared-application';
import { LockErrors } from '@frontera/shared-kernel';
import type { PermitVerificationReadModel } from '../../ports/permit-verifications.port';
import type {
  EmployerStandingRepository,
  PermitRepository,
  WorkerRepository,
} from '../../ports/repositories.port';
import { lockKeys, PermitsCommandErrors } from '../../shared/permits-command.runners';

export interface ProjectPermitVerificationDeps {
  readonly permits: Pick<PermitRepository, 'findById' | 'idsOfEmployer' | 'ofWorker' | 'allIds'>;
  readonly workers: Pick<WorkerRepository, 'findById'>;
  readonly standings: Pick<EmployerStandingRepository, 'find'>;
  readonly verifications: Pick<PermitVerificationReadModel, 'put'>;
  readonly lock: AggregateLock;
}

/** What a projection did: entries written, and permits (or their workers) this database does not hold. */
export interface Projected {
  readonly written: number;
  readonly missing: number;
}

/**
 * Keeps the verification read model (decision 0036): the entry of a permit is made from the
 * permit, its worker and its employer's standing as they are NOW — never from an event's data — and
 * written under the permit's lock, so projections of one permit never interleave with each other
 * or with its commands, a redelivered event writes the same entry again (idempotent), and a late
 * one cannot write an older state. Called by the consumer of the service's own permit events, after
 * an employer event that may change the public name, after a worker merge, and by `rebuild`.
 */
export class ProjectPermitVerificationHandler {
  constructor(private readonly deps: ProjectPermitVerificationDeps) {}

  /** The entry of one permit, rewritten from its current state. */
  async permit(permitId: string): Promise<Projected> {
    try {
      return await this.deps.lock.withLock(lockKeys.permit(permitId), () => this.project(permitId));
    } catch (error) {
      if (LockErrors.BUSY.is(error)) throw PermitsCommandErrors.BUSY.create({}, { cause: error });
      throw error;
    }
  }

  /** Every permit of an employer whose public name may have changed (any status: an ended permit still shows it). */
  async employer(employerId: string): Promise<Projected> {
    return this.each(await this.deps.permits.idsOfEmployer(employerId));
  }

  /** Every permit of a worker. */
  async worker(workerId: string): Promise<Projected> {
    return this.each((await this.deps.permits.ofWorker(workerId)).map((p) => p.id));
  }

  /**
   * After `mergedId` was merged into `survivorId`: the survivor's permits, with the survivor's
   * initials and year of birth. The merge publishes its event before it moves the permits (its
   * step 3), so while the merged record still holds permits this fails retriably
   * (PERMIT.CONCURRENT_MODIFICATION) and the consumer runs it again with backoff.
   */
  async workerMerged(mergedId: string, survivorId: string): Promise<Projected> {
    if ((await this.deps.permits.ofWorker(mergedId)).length > 0) {
      throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    }
    return this.worker(survivorId);
  }

  /** Every permit, one after the other: the read model rebuilt from the permits collection. */
  async rebuild(): Promise<Projected> {
    let written = 0;
    let missing = 0;
    for await (const permitId of this.deps.permits.allIds()) {
      const one = await this.permit(permitId);
      written += one.written;
      missing += one.missing;
    }
    return { written, missing };
  }

  private async each(permitIds: readonly string[]): Promise<Projected> {
    let written = 0;
    let missing = 0;
    for (const permitId of permitIds) {
      const one = await this.permit(permitId);
      written += one.written;
      missing += one.missing;
    }
    return { written, missing };
  }

  private async project(permitId: string): Promise<Projected> {
    const permit = await this.deps.permits.findById(permitId);
    if (permit === null) return { written: 0, missing: 1 };
    const [worker, standing] = await Promise.all([
      this.deps.workers.findById(permit.workerId),
      this.deps.standings.find(permit.employerId),
    ]);
    if (worker === null) return { written: 0, missing: 1 };
    await this.deps.verifications.put(
      permitVerificationEntry(permit, worker, standing?.standing.publicName ?? null),
    );
    return { written: 1, missing: 0 };
  }
}
