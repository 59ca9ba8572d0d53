import { isMexicanState, type Caller } from '@frontera/shared-kernel';
import type { DuplicateReview, DuplicateReviewRepository } from '../../ports/duplicate-reviews.port';
import type { Page, PageRequest, WorkerRepository } from '../../ports/repositories.port';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';
import { mayAttempt } from '../../authorization/permits-access.policy';

/**
 * GET /workers/duplicates — the officer's work list: pairs of possible duplicates flagged for the
 * states they work in (RESOLVE_DUPLICATES), newest first, a page at a time (equality on the state,
 * page buckets: the cost does not grow with the register). A pair resolved meanwhile (its entry
 * not removed yet, or a record merged with a third one) is left out: each entry is checked against
 * the record it names, which must still be active with the pair pending.
 */
export class ListDuplicateReviewsHandler {
  constructor(
    private readonly deps: {
      readonly reviews: DuplicateReviewRepository;
      readonly workers: WorkerRepository;
    },
  ) {}

  async execute(caller: Caller, page: PageRequest): Promise<Page<DuplicateReview>> {
    const role = mayAttempt(caller, 'RESOLVE_DUPLICATES');
    if (!role.allowed) throw PermitsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const states = caller.states.filter(isMexicanState);
    if (states.length === 0) return { items: [], nextCursor: null };
    const found = await this.deps.reviews.list(states, page);
    const workers = await Promise.all(
      found.items.map((review) => this.deps.workers.findById(review.workerId)),
    );
    const items = found.items.filter((review, i) => {
      const worker = workers[i];
      return (
        worker !== null &&
        worker.status === 'ACTIVE' &&
        worker.possibleDuplicates.some((p) => p.workerId === review.otherWorkerId)
      );
    });
    return { items, nextCursor: found.nextCursor };
  }
}
