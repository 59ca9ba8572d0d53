import type { Model } from 'mongoose';
import type {
  DuplicateReview,
  DuplicateReviewRepository,
  Page,
  PageRequest,
} from '@frontera/permits-application';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { positionFields, readList, type ListPositions } from '@frontera/platform-store';
import type { MexicanState } from '@frontera/shared-kernel';
import { pairKeyOf, type DuplicateReviewDocument } from './workers.schemas';

/** The chain of one state's list of possible duplicates. */
export const duplicatesChain = (state: string): string => `duplicates:${state}`;

const PROJECTION = { state: 1, workerId: 1, otherWorkerId: 1, score: 1, flaggedAt: 1 } as const;

/**
 * The DuplicateReviewRepository port on MongoDB / FerretDB: one document per state and pair,
 * positioned in its state's chain when it is added (Redis `INCR`, ListPositions), listed newest
 * first by page buckets (`{ state, listPage }` equality), removed by the pair's key (equality).
 * Ids and scores only: no personal data.
 */
export class MongoDuplicateReviewRepository implements DuplicateReviewRepository {
  constructor(
    private readonly model: Model<DuplicateReviewDocument>,
    private readonly positions: ListPositions,
  ) {}

  async add(reviews: readonly DuplicateReview[]): Promise<void> {
    for (const review of reviews) {
      const pairKey = pairKeyOf(review.workerId, review.otherWorkerId);
      const id = `${review.state}:${pairKey}`;
      // Listed already (a retried job): keep its position, take none.
      if (await this.model.exists({ _id: id })) continue;
      const position = await this.positions.next(duplicatesChain(review.state));
      try {
        await this.model.create({
          _id: id,
          state: review.state,
          pairKey,
          workerId: review.workerId,
          otherWorkerId: review.otherWorkerId,
          score: review.score,
          flaggedAt: review.flaggedAt,
          ...positionFields(position),
        });
      } catch (error) {
        // A concurrent add of the same pair won: one entry, as wanted (its position is a gap).
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  async list(states: readonly MexicanState[], page: PageRequest): Promise<Page<DuplicateReview>> {
    const found = await readList({
      collection: this.model.collection,
      positions: this.positions,
      chains: [...new Set(states)]
        .sort()
        .map((state) => ({ name: duplicatesChain(state), filter: { state } })),
      projection: PROJECTION,
      limit: page.limit,
      ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
    });
    return {
      items: found.documents.map((d) => {
        const document = d as unknown as DuplicateReviewDocument;
        return {
          state: document.state,
          workerId: document.workerId,
          otherWorkerId: document.otherWorkerId,
          score: document.score,
          flaggedAt: document.flaggedAt,
        };
      }),
      nextCursor: found.nextCursor,
    };
  }

  async removePair(workerId: string, otherWorkerId: string): Promise<void> {
    await this.model.deleteMany({ pairKey: pairKeyOf(workerId, otherWorkerId) });
  }
}
