import type { Model } from 'mongoose';
import type {
  EmployerPermitFacts,
  HeldPermitFact,
  PermitFactsRepository,
  SaveOutcome,
  StoredEmployerPermitFacts,
} from '@frontera/audits-application';
import type { RosterEntry } from '@frontera/audits-domain';
import { isDuplicateKeyError } from '@frontera/platform-errors';
import { appliedEventsWith } from '@frontera/platform-messaging';
import type { EmployerPermitFactsDocument, HeldPermitDocument } from './audits.schemas';

/**
 * The permit read model on MongoDB / FerretDB: `held_permits` (one document per held permit, the
 * roster by `employerId` + `worksiteId` equality) and `employer_permit_facts` (one per employer: the
 * counters, written with the id of the event applied and conditioned on the version read). Writers
 * hold the employer's permit-facts lock.
 */
export class MongoPermitFactsRepository implements PermitFactsRepository {
  constructor(
    private readonly held: Model<HeldPermitDocument>,
    private readonly employers: Model<EmployerPermitFactsDocument>,
  ) {}

  async find(employerId: string): Promise<StoredEmployerPermitFacts | null> {
    const document = await this.employers.findById(employerId).lean<EmployerPermitFactsDocument>();
    if (!document) return null;
    return {
      facts: document.facts as unknown as EmployerPermitFacts,
      version: document.version,
      appliedEvents: document.appliedEvents ?? [],
    };
  }

  async store(
    facts: EmployerPermitFacts,
    previous: StoredEmployerPermitFacts | null,
    eventId: string,
  ): Promise<SaveOutcome> {
    const value = JSON.parse(JSON.stringify(facts)) as Record<string, unknown>;
    if (previous === null) {
      try {
        await this.employers.create({
          _id: facts.employerId,
          version: 1,
          facts: value,
          appliedEvents: [eventId],
          updatedAt: new Date(),
        });
        return 'SAVED';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'VERSION_CONFLICT';
        throw error;
      }
    }
    const result = await this.employers.updateOne(
      { _id: facts.employerId, version: previous.version },
      {
        $set: {
          facts: value,
          appliedEvents: appliedEventsWith(previous.appliedEvents, eventId),
          updatedAt: new Date(),
        },
        $inc: { version: 1 },
      },
    );
    return result.matchedCount === 0 ? 'VERSION_CONFLICT' : 'SAVED';
  }

  async heldPermit(employerId: string, permitId: string): Promise<HeldPermitFact | null> {
    const document = await this.held.findById(permitId).lean<HeldPermitDocument>();
    if (!document || document.employerId !== employerId) return null;
    return {
      permitId: document._id,
      permitNumber: document.permitNumber,
      employerId: document.employerId,
      worksiteId: document.worksiteId,
      status: document.status === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE',
      heldSince: document.heldSince,
    };
  }

  async hold(permit: HeldPermitFact): Promise<void> {
    await this.held.updateOne(
      { _id: permit.permitId },
      {
        $set: {
          employerId: permit.employerId,
          worksiteId: permit.worksiteId,
          permitNumber: permit.permitNumber,
          status: permit.status,
          heldSince: permit.heldSince,
          updatedAt: new Date(),
        },
      },
      { upsert: true },
    );
  }

  async release(employerId: string, permitId: string): Promise<void> {
    await this.held.deleteOne({ _id: permitId, employerId });
  }

  async rosterOf(employerId: string, worksiteId: string, limit: number): Promise<RosterEntry[]> {
    const found = await this.held
      .find({ employerId, worksiteId }, { _id: 1, permitNumber: 1 })
      .limit(limit)
      .lean<Pick<HeldPermitDocument, '_id' | 'permitNumber'>[]>();
    return found.map((d) => ({ permitId: d._id, permitNumber: d.permitNumber }));
  }
}
