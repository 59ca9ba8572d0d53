import type { Model } from 'mongoose';
import type {
  EmployerProfile,
  EmployerProfileRepository,
  SaveOutcome,
  StoredEmployerProfile,
} from '@frontera/audits-application';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { appliedEventsWith } from '@frontera/platform-messaging';
import type { EmployerProfileDocument } from './audits.schemas';

/**
 * The employer read model: one document per employer (`_id` = employer id) with the profile, the
 * version and the ids of the events applied (the consumer's idempotency). Writers hold the
 * employer's lock; the version condition is the second line of defence.
 */
export class MongoEmployerProfileRepository implements EmployerProfileRepository {
  constructor(private readonly model: Model<EmployerProfileDocument>) {}

  async find(employerId: string): Promise<StoredEmployerProfile | null> {
    const document = await this.model.findById(employerId).lean<EmployerProfileDocument>();
    if (!document) return null;
    return {
      profile: document.profile as unknown as EmployerProfile,
      version: document.version,
      appliedEvents: document.appliedEvents ?? [],
    };
  }

  async store(
    profile: EmployerProfile,
    previous: StoredEmployerProfile | null,
    eventId: string,
  ): Promise<SaveOutcome> {
    if (previous === null) {
      try {
        await this.model.create({
          _id: profile.employerId,
          version: 1,
          profile: profile as unknown as Record<string, unknown>,
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
      { _id: profile.employerId, version: previous.version },
      {
        $set: {
          profile: profile as unknown as Record<string, unknown>,
          appliedEvents: appliedEventsWith(previous.appliedEvents, eventId),
          updatedAt: new Date(),
        },
        $inc: { version: 1 },
      },
    );
    return result.matchedCount === 0 ? 'VERSION_CONFLICT' : 'SAVED';
  }
}
