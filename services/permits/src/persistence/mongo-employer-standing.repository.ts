import type { Model } from 'mongoose';
import type { EmployerStandingRepository, SaveOutcome, StoredStanding } from '@frontera/permits-application';
import { readEmployerStanding, type EmployerStanding } from '@frontera/permits-domain';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { appliedEventsWith } from '@frontera/platform-messaging';
import type { StandingDocument } from './permits.schemas';

/**
 * The employer standing read model: one document per employer (`_id` = employer id) with the
 * standing as the domain keeps it, the version and the ids of the events applied (the consumer's
 * idempotency). Writers hold the standing's lock; the version condition is the second line of
 * defence.
 */
export class MongoEmployerStandingRepository implements EmployerStandingRepository {
  constructor(private readonly model: Model<StandingDocument>) {}

  async find(employerId: string): Promise<StoredStanding | null> {
    const document = await this.model.findById(employerId).lean<StandingDocument>();
    if (!document) return null;
    return {
      standing: readEmployerStanding(document.standing),
      version: document.version,
      appliedEvents: document.appliedEvents ?? [],
    };
  }

  async store(
    standing: EmployerStanding,
    previous: StoredStanding | null,
    eventId: string,
  ): Promise<SaveOutcome> {
    if (previous === null) {
      try {
        await this.model.create({
          _id: standing.employerId,
          version: 1,
          standing: standing as unknown as Record<string, unknown>,
          appliedEvents: [eventId],
          updatedAt: new Date(),
        });
        return 'SAVED';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'VERSION_CONFLICT';
        throw error;
      }
    }
    const result = await this.model.updateOne(
      { _id: standing.employerId, version: previous.version },
      {
        $set: {
          standing: standing as unknown as Record<string, unknown>,
          appliedEvents: appliedEventsWith(previous.appliedEvents, eventId),
          updatedAt: new Date(),
        },
        $inc: { version: 1 },
      },
    );
    return result.matchedCount === 0 ? 'VERSION_CONFLICT' : 'SAVED';
  }
}
