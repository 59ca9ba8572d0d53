import type { Model } from 'mongoose';
import type { ReferralStatisticsRepository } from '@frontera/audits-application';
import type { ReferralCountDelta, ReferralCounts } from '@frontera/audits-domain';
import { appliedEventGuard, isDuplicateKeyError } from '@frontera/platform-messaging';
import type { MexicanState } from '@frontera/shared-kernel';
import type { ReferralCounterDocument } from './audits.schemas';

/**
 * The referral statistics read model on MongoDB / FerretDB: one document per counter, `$inc` with the
 * applied event id in the same single-document update (appliedEventGuard: a redelivery matches
 * nothing; on an upsert it is a duplicate key, also "already applied"). The caller holds the counter's
 * lock around it. Read by `state` — equality on an indexed top-level field, no aggregation.
 */
export class MongoReferralStatisticsRepository implements ReferralStatisticsRepository {
  constructor(private readonly model: Model<ReferralCounterDocument>) {}

  async apply(delta: ReferralCountDelta, eventId: string): Promise<'APPLIED' | 'ALREADY_APPLIED'> {
    const loaded = await this.model
      .findById(delta.id, { appliedEvents: 1 })
      .lean<Pick<ReferralCounterDocument, 'appliedEvents'>>();
    const guard = appliedEventGuard(eventId, loaded?.appliedEvents);
    if (guard.alreadyApplied) return 'ALREADY_APPLIED';
    const key = delta.key;
    try {
      const result = await this.model.updateOne(
        { _id: delta.id, ...guard.filter },
        {
          $inc: { count: delta.delta },
          $set: {
            ...guard.set,
            family: key.family,
            agency: key.agency,
            state: key.state,
            indicator: key.family === 'INDICATOR' ? key.indicator : null,
            status: key.family === 'MILESTONE' ? null : key.status,
            milestone: key.family === 'MILESTONE' ? key.milestone : null,
            updatedAt: new Date(),
          },
        },
        { upsert: true },
      );
      return result.matchedCount + result.upsertedCount > 0 ? 'APPLIED' : 'ALREADY_APPLIED';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'ALREADY_APPLIED';
      throw error;
    }
  }

  async ofState(state: MexicanState): Promise<ReferralCounts> {
    const found = await this.model
      .find({ state }, { _id: 1, count: 1 })
      .lean<Pick<ReferralCounterDocument, '_id' | 'count'>[]>();
    return Object.fromEntries(found.filter((d) => d.count !== 0).map((d) => [d._id, d.count]));
  }
}
