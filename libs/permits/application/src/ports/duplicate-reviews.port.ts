import type { MexicanState } from '@frontera/shared-kernel';
import type { Page, PageRequest } from './repositories.port';

/**
 * A flagged pair of possible duplicates, listed for the officers of one state: `workerId` is the
 * record of the pair with a relation in that state (the one an officer there resolves from),
 * `otherWorkerId` the other.
 */
export interface DuplicateReview {
  readonly state: string;
  readonly workerId: string;
  readonly otherWorkerId: string;
  readonly score: number;
  /** ISO-8601. */
  readonly flaggedAt: string;
}

/**
 * The officers' work list of possible duplicates, per state: written when a pair is flagged,
 * removed when it is resolved, read by equality on the state (a bounded page, never a scan of the
 * workers).
 */
export interface DuplicateReviewRepository {
  /** Lists each review (idempotent: one per state and pair, whichever order it names the pair in). */
  add(reviews: readonly DuplicateReview[]): Promise<void>;
  /** The reviews of these states, newest first, a page at a time. */
  list(states: readonly MexicanState[], page: PageRequest): Promise<Page<DuplicateReview>>;
  /** Removes the pair (either order) from the list of every state. */
  removePair(workerId: string, otherWorkerId: string): Promise<void>;
}
