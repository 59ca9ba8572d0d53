import { PermitErrors, type Worker } from '@frontera/permits-domain';
import type { CommandMetadata } from '@frontera/shared-application';
import type { DuplicateReviewRepository } from '../../ports/duplicate-reviews.port';
import {
  applicationRunner,
  permitRunner,
  workerRunner,
  type PermitsCommandDeps,
} from '../../shared/permits-command.runners';
import { WorkerAccess } from '../../shared/worker-relations';
import { visiblePermitsOf, workerViewOf, type WorkerView } from '../workers/get-worker.handler';

export interface ResolveDuplicateCommand {
  /** The record the officer resolves from (in the officer's scope). */
  readonly workerId: string;
  /** The other record of the flagged pair (for a merge: the survivor). */
  readonly otherWorkerId: string;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}

export interface ResolveDuplicateDeps extends PermitsCommandDeps {
  readonly reviews: DuplicateReviewRepository;
}

const isPending = (worker: Worker, otherWorkerId: string) =>
  worker.status === 'ACTIVE' && worker.possibleDuplicates.some((p) => p.workerId === otherWorkerId);

/**
 * POST /workers/:id/duplicates/:otherId/distinct — an officer of the worker's states decides that a
 * flagged pair are two people (RESOLVE_DUPLICATES). The worker's record decides first
 * (`markDistinct`: 409 WORKER.DUPLICATE_NOT_FLAGGED for a pair not pending, nothing changed for one
 * already distinct), then the other record, if the pair is pending there too; the pair leaves the
 * officers' lists and is never flagged again. Every step is idempotent: a retry finishes what an
 * interrupted one left.
 */
export class MarkDistinctHandler {
  private readonly access: WorkerAccess;
  private readonly runner;

  constructor(private readonly deps: ResolveDuplicateDeps) {
    this.access = new WorkerAccess(deps);
    this.runner = workerRunner(deps);
  }

  async execute(command: ResolveDuplicateCommand): Promise<WorkerView> {
    const { workerId, otherWorkerId, reason, metadata } = command;
    const { caller } = metadata;
    await this.access.authorise(caller, 'RESOLVE_DUPLICATES', workerId);
    const own = await this.runner.change(workerId, 'RESOLVE_DUPLICATES', metadata, (worker, now) =>
      worker.markDistinct(otherWorkerId, caller, reason, now),
    );
    const other = await this.deps.workers.findById(otherWorkerId);
    if (other && isPending(other, workerId)) {
      await this.runner.change(otherWorkerId, 'RESOLVE_DUPLICATES', metadata, (record, now) =>
        isPending(record, workerId) ? record.markDistinct(workerId, caller, reason, now) : false,
      );
    }
    await this.deps.reviews.removePair(workerId, otherWorkerId);
    return workerViewOf(own.aggregate, await visiblePermitsOf(this.deps.permits, workerId, caller));
  }
}

export interface MergedWorkers {
  readonly merged: WorkerView;
  readonly survivor: WorkerView;
  /** The applications and permits this request moved to the survivor (none when an earlier one had). */
  readonly movedApplicationIds: readonly string[];
  readonly movedPermitIds: readonly string[];
}

/**
 * POST /workers/:id/duplicates/:otherId/merge — an officer of the worker's states merges the worker
 * INTO the other record of a flagged pair (RESOLVE_DUPLICATES). Two aggregates and the records that
 * point at the merged one change, without a multi-document transaction, so every step is one
 * idempotent command through its runner, in this order:
 *
 * 1. `mergeInto(survivor)` on the merged record (MERGED, frozen, pointing at the survivor; its
 *    history kept; `frontera.worker.merged` is published from its outbox);
 * 2. `absorbed(merged)` on the survivor;
 * 3. `workerMerged(merged, survivor)` on each of the merged record's applications, then permits
 *    (system commands, by a key of the merge: applied once).
 *
 * A retry of an interrupted merge (the record is already merged into that survivor) runs the steps
 * again and finishes what was left. Refused before anything changes: a pair not flagged (409
 * WORKER.DUPLICATE_NOT_FLAGGED), a record merged elsewhere or a survivor that is itself merged (409
 * WORKER.MERGED), a survivor that does not exist (404).
 */
export class MergeWorkersHandler {
  private readonly access: WorkerAccess;
  private readonly workers;
  private readonly applications;
  private readonly permits;

  constructor(private readonly deps: ResolveDuplicateDeps) {
    this.access = new WorkerAccess(deps);
    this.workers = workerRunner(deps);
    this.applications = applicationRunner(deps);
    this.permits = permitRunner(deps);
  }

  async execute(command: ResolveDuplicateCommand): Promise<MergedWorkers> {
    const { workerId, otherWorkerId: survivorId, reason, metadata } = command;
    const { caller } = metadata;
    const { worker } = await this.access.authorise(caller, 'RESOLVE_DUPLICATES', workerId);
    const resumed = worker.status === 'MERGED' && worker.mergedInto === survivorId;
    if (!resumed && worker.status === 'ACTIVE' && !isPending(worker, survivorId)) {
      throw PermitErrors.WORKER_DUPLICATE_NOT_FLAGGED.create({ otherWorkerId: survivorId });
    }
    const survivor = await this.deps.workers.findById(survivorId);
    if (!survivor) throw PermitErrors.WORKER_NOT_FOUND.create({ workerId: survivorId });
    if (survivor.status === 'MERGED') {
      throw PermitErrors.WORKER_MERGED.create({
        workerId: survivor.id,
        survivorId: survivor.mergedInto ?? '',
        action: 'ABSORB',
        currentState: survivor.status,
        allowedActions: survivor.allowedActions,
      });
    }
    const otherPending = worker.possibleDuplicates.map((p) => p.workerId);

    const merged = await this.workers.change(workerId, 'RESOLVE_DUPLICATES', metadata, (record, now) =>
      record.mergeInto(survivorId, caller, reason, now),
    );
    const absorbed = await this.workers.change(survivorId, 'RESOLVE_DUPLICATES', metadata, (record, now) =>
      record.absorbed(workerId, caller, reason, now),
    );
    const step = {
      eventId: `worker-merged.${workerId}.${survivorId}`,
      correlationId: metadata.correlationId,
    };
    const applications = await this.deps.applications.summariesOfWorker(workerId);
    for (const { applicationId } of applications) {
      await this.applications.apply(applicationId, step, (application, now) =>
        application.workerMerged(workerId, survivorId, now),
      );
    }
    const permits = await this.deps.permits.ofWorker(workerId);
    for (const permit of permits) {
      await this.permits.apply(permit.id, step, (held, now) => held.workerMerged(workerId, survivorId, now));
    }
    for (const other of new Set([survivorId, ...otherPending])) {
      await this.deps.reviews.removePair(workerId, other);
    }
    return {
      merged: workerViewOf(merged.aggregate, await visiblePermitsOf(this.deps.permits, workerId, caller)),
      survivor: workerViewOf(
        absorbed.aggregate,
        await visiblePermitsOf(this.deps.permits, survivorId, caller),
      ),
      movedApplicationIds: applications.map((a) => a.applicationId),
      movedPermitIds: permits.map((p) => p.id),
    };
  }
}
