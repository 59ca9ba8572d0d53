import type { Model, mongo } from 'mongoose';
import type {
  PermitVerificationReadModel,
  StoredVerification,
  VerificationByNumber,
} from '@frontera/permits-application';
import type { PermitStatus, PermitVerificationEntry } from '@frontera/permits-domain';
import { boundedBulkWrite, duplicateKeyIndexes } from '@frontera/platform-messaging';
import { PiiCipher } from '@frontera/platform-pii';
import { TOKEN_INDEX_PURPOSE } from '../persistence/mongo-permit.repository';
import type { PermitVerificationDocument } from './verification.schemas';

/** Purpose of the keyed check of number and year of birth. */
export const BIRTH_YEAR_CHECK_PURPOSE = 'permits.verification.birth-year';

/** What a lookup reads: the answer and the check, never more. */
const ANSWER_PROJECTION = {
  _id: 0,
  status: 1,
  validFrom: 1,
  validUntil: 1,
  lastValidDay: 1,
  employerPublicName: 1,
  workerInitials: 1,
  birthYearCheck: 1,
} as const;

type AnswerFields = Omit<PermitVerificationDocument, '_id' | 'number' | 'permitVersion' | 'updatedAt'>;

/**
 * The verification read model on MongoDB / FerretDB (`permit_verifications`): a lookup is one
 * `findOne` by `_id` (the token's keyed index) or by `number` (unique), through the native driver.
 * The year of birth is compared as a keyed check computed on every lookup by number, found or not
 * (against a decoy when nothing was found), so a miss does what a hit does.
 */
export class MongoPermitVerificationReadModel implements PermitVerificationReadModel {
  constructor(
    private readonly model: Model<PermitVerificationDocument>,
    private readonly cipher: PiiCipher,
  ) {}

  async byToken(token: string): Promise<StoredVerification | null> {
    const found = await this.model.collection.findOne<AnswerFields>(
      { _id: this.cipher.blindIndex(token, TOKEN_INDEX_PURPOSE) } as never,
      { projection: ANSWER_PROJECTION },
    );
    return found ? answerOf(found) : null;
  }

  async byNumber(compactNumber: string, birthYear: number): Promise<VerificationByNumber> {
    const found = await this.model.collection.findOne<AnswerFields>(
      { number: compactNumber },
      { projection: ANSWER_PROJECTION },
    );
    const typed = this.birthYearCheck(compactNumber, birthYear);
    const stored = found?.birthYearCheck ?? this.birthYearCheck(compactNumber, -1);
    return {
      entry: found ? answerOf(found) : null,
      birthYearMatches: found !== null && PiiCipher.sameIndex(typed, stored),
    };
  }

  async put(entry: PermitVerificationEntry): Promise<void> {
    const { _id, fields } = this.documentOf(entry);
    await this.model.collection.updateOne({ _id } as never, { $set: fields }, { upsert: true });
  }

  /**
   * Entries of many permits, each as `put` writes it: one unordered insertMany of them all (new
   * permits: the common case of a bulk load), then upserts (bulk writes in slices of
   * MAX_BULK_STATEMENTS, see boundedBulkWrite) of those an entry already existed for. The bulk path
   * of a register loaded in bulk (bench/register); the consumers write one at a time.
   */
  async putMany(entries: readonly PermitVerificationEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const documents = entries.map((entry) => this.documentOf(entry));
    const collection = this.model.collection as unknown as mongo.Collection<PermitVerificationDocument>;
    let existing: Set<number>;
    try {
      await collection.insertMany(
        documents.map(({ _id, fields }) => ({ _id, ...fields })),
        { ordered: false },
      );
      return;
    } catch (error) {
      const refused = duplicateKeyIndexes(error);
      if (refused === null) throw error;
      existing = refused;
    }
    await boundedBulkWrite(
      collection,
      documents
        .filter((_, index) => existing.has(index))
        .map(({ _id, fields }) => ({
          updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
        })),
    );
  }

  private documentOf(entry: PermitVerificationEntry): {
    _id: string;
    fields: Omit<PermitVerificationDocument, '_id'>;
  } {
    return {
      _id: this.cipher.blindIndex(entry.verificationToken, TOKEN_INDEX_PURPOSE),
      fields: {
        number: entry.compactNumber,
        status: entry.status,
        validFrom: entry.validFrom,
        validUntil: entry.validUntil,
        lastValidDay: entry.lastValidDay,
        employerPublicName: entry.employerPublicName,
        workerInitials: entry.workerInitials,
        birthYearCheck: this.birthYearCheck(entry.compactNumber, entry.workerBirthYear),
        permitVersion: entry.permitVersion,
        updatedAt: new Date(),
      },
    };
  }

  private birthYearCheck(compactNumber: string, birthYear: number): string {
    return this.cipher.blindIndex(`${compactNumber}|${birthYear}`, BIRTH_YEAR_CHECK_PURPOSE);
  }
}

function answerOf(found: AnswerFields): StoredVerification {
  return {
    status: found.status as PermitStatus,
    validFrom: found.validFrom,
    validUntil: found.validUntil,
    lastValidDay: found.lastValidDay,
    employerPublicName: found.employerPublicName,
    workerInitials: found.workerInitials,
  };
}
