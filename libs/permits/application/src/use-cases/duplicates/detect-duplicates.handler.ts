import {
  compareWorkers,
  DEFAULT_DUPLICATE_THRESHOLD,
  duplicateThreshold,
  type Worker,
} from '@frontera/permits-domain';
import type { EventOrigin } from '@frontera/shared-application';
import type { WorkerRelation } from '../../authorization/permits-access.policy';
import type { DuplicateReview, DuplicateReviewRepository } from '../../ports/duplicate-reviews.port';
import {
  PermitsCommandErrors,
  workerRunner,
  type PermitsCommandDeps,
} from '../../shared/permits-command.runners';
import { WorkerRelations } from '../../shared/worker-relations';

/** Candidates a worker is compared with at most (the blocking keys make the real number small). */
export const DUPLICATE_CANDIDATE_LIMIT = 50;

export interface DetectDuplicatesDeps extends PermitsCommandDeps {
  readonly reviews: DuplicateReviewRepository;
  /** At or above it a pair is a possible duplicate (default the domain's, 0.88). */
  readonly duplicateThreshold?: number;
}

export interface DetectedDuplicates {
  /** Candidates found by the blocking keys (other active records). */
  readonly candidates: number;
  /** Pairs at or above the threshold, flagged on both records (or already flagged). */
  readonly flagged: readonly { readonly otherWorkerId: string; readonly score: number }[];
}

/** Whether an officer already decided about the pair, on either record (then it is never flagged again). */
export function resolvedBetween(a: Worker, b: Worker): boolean {
  return (
    a.resolvedDuplicates.some((r) => r.workerId === b.id) ||
    b.resolvedDuplicates.some((r) => r.workerId === a.id)
  );
}

/**
 * The pair's entries in the officers' lists: one per state of either record's relations, naming
 * first the record that has a relation in that state (the one its officers resolve from).
 */
export function reviewsFor(
  pair: {
    readonly workerId: string;
    readonly otherWorkerId: string;
    readonly score: number;
    readonly flaggedAt: string;
  },
  workerStates: readonly string[],
  otherStates: readonly string[],
): DuplicateReview[] {
  const states = [...new Set([...workerStates, ...otherStates])].sort();
  return states.map((state) =>
    workerStates.includes(state)
      ? { state, ...pair }
      : { state, ...pair, workerId: pair.otherWorkerId, otherWorkerId: pair.workerId },
  );
}

/**
 * After a worker is registered (a job carrying the worker id only): finds the candidates sharing a
 * blocking key (`findByBlockingKeys(worker.duplicateBlockingKeys())`: equality lookups of keyed
 * indexes), scores each with the domain's `compareWorkers`, and flags every POSSIBLE_DUPLICATE
 * pair on both records through the worker runner's `apply` (the system's command, idempotent by
 * a key of the pair; `flagPossibleDuplicate` itself ignores a pair already pending or resolved),
 * then lists the pair for the officers of the states of both records' relations. A pair an
 * officer already resolved (either way) is left alone. Retrying the whole job changes nothing
 * more.
 *
 * A new worker is registered just before its application is stored: if neither record has a
 * relation yet, the job fails retriably (PERMIT.CONCURRENT_MODIFICATION) so that the pair is
 * listed where officers can see it once the application is there.
 */
export class DetectDuplicatesHandler {
  private readonly runner;
  private readonly relations: WorkerRelations;
  private readonly threshold: number;

  constructor(private readonly deps: DetectDuplicatesDeps) {
    this.runner = workerRunner(deps);
    this.relations = new WorkerRelations(deps);
    this.threshold = duplicateThreshold(deps.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD);
  }

  async execute(workerId: string, origin: EventOrigin): Promise<DetectedDuplicates> {
    const worker = await this.deps.workers.findById(workerId);
    return worker ? this.forWorker(worker, origin) : { candidates: 0, flagged: [] };
  }

  /**
   * The same for a worker already read (the consumer's check reads it once for both checks), with
   * its relations when already known (`WorkerRelations.ofId`): otherwise read if a pair is flagged.
   */
  async forWorker(
    worker: Worker,
    origin: EventOrigin,
    relations?: readonly WorkerRelation[],
  ): Promise<DetectedDuplicates> {
    if (worker.status !== 'ACTIVE') return { candidates: 0, flagged: [] };
    const candidates = (
      await this.deps.workers.findByBlockingKeys(
        worker.duplicateBlockingKeys(),
        DUPLICATE_CANDIDATE_LIMIT,
        worker.id,
      )
    ).filter((candidate) => candidate.status === 'ACTIVE');
    const flagged: { otherWorkerId: string; score: number }[] = [];
    let ownStates = relations ? WorkerRelations.statesOf(relations) : undefined;
    for (const candidate of candidates) {
      const { classification, score } = compareWorkers(
        worker.duplicateCandidate(),
        candidate.duplicateCandidate(),
        this.threshold,
      );
      if (classification !== 'POSSIBLE_DUPLICATE' || resolvedBetween(worker, candidate)) continue;
      await this.flag(worker.id, candidate.id, score, origin);
      await this.flag(candidate.id, worker.id, score, origin);
      ownStates ??= WorkerRelations.statesOf(await this.relations.ofId(worker.id));
      await this.list(worker.id, ownStates, candidate.id, score);
      flagged.push({ otherWorkerId: candidate.id, score });
    }
    return { candidates: candidates.length, flagged };
  }

  private async flag(workerId: string, otherWorkerId: string, score: number, origin: EventOrigin) {
    await this.runner.apply(
      workerId,
      { eventId: `duplicate-flag.${workerId}.${otherWorkerId}`, correlationId: origin.correlationId },
      (worker, now) => worker.status === 'ACTIVE' && worker.flagPossibleDuplicate(otherWorkerId, score, now),
    );
  }

  private async list(
    workerId: string,
    ownStates: readonly string[],
    otherWorkerId: string,
    score: number,
  ): Promise<void> {
    const other = await this.relations.ofId(otherWorkerId);
    const reviews = reviewsFor(
      { workerId, otherWorkerId, score, flaggedAt: this.deps.clock.now().toISOString() },
      ownStates,
      WorkerRelations.statesOf(other),
    );
    // The registration's application is stored right after the worker: not there yet, try again.
    if (reviews.length === 0) throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    await this.deps.reviews.add(reviews);
  }
}
