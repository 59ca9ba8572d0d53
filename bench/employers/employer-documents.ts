import { randomUUID } from 'node:crypto';
import { BSON, type Collection } from 'mongodb';
import mongoose from 'mongoose';
import {
  aRegistration,
  anAuditOutcome,
  anEmployer,
  anRfc,
  aRiskChange,
  aWorksite,
  day,
  type RfcBuilder,
} from '@frontera/employers-domain/testing';
import type { Redis } from 'ioredis';
import { documentWithOutbox } from '@frontera/platform-messaging';
import { PiiCipher } from '@frontera/platform-pii';
import { LIST_BUCKET_SIZE, type ListPosition } from '@frontera/platform-store';
import { EmployerDocumentMapper } from '../../services/employers/src/persistence/employer-document.mapper';
import {
  EmployerSchema,
  EMPLOYERS_COLLECTION,
} from '../../services/employers/src/persistence/employer.schema';
import { Deadline } from '../lib';

export { EMPLOYERS_COLLECTION };

/** What makes an employer document of the register realistic in size and shape (~5 KB of BSON). */
export const EMPLOYER_SHAPE = {
  worksites: 3,
  activePermitsPerWorksite: 6,
  audits: 2,
  risk: true,
  appliedEvents: 24,
  state: 'CHP',
} as const;

// Company RFCs: 3 letters from 22 (no I, O, Q, X) × a homonymy key from 34² = 11.9 million distinct.
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWYZ';
const HOMONYMY = '123456789ABCDEFGHIJKLMNPQRSTUVWXYZ';

function rfcOf(serial: number): RfcBuilder {
  const keys = HOMONYMY.length ** 2;
  const key = serial % keys;
  let rest = Math.floor(serial / keys);
  let letters = '';
  for (let i = 0; i < 3; i++) {
    letters += LETTERS[rest % LETTERS.length];
    rest = Math.floor(rest / LETTERS.length);
  }
  return anRfc()
    .forCompany()
    .withLetters(letters)
    .withHomonymyKey(`${HOMONYMY[Math.floor(key / HOMONYMY.length)]}${HOMONYMY[key % HOMONYMY.length]}`);
}

/**
 * Employer documents exactly as the service stores them, for loading the register in bulk: an
 * ACTIVE company in Chiapas reached through the domain's own methods (the test builders), with
 * worksites, permits, audits and a risk score, mapped by the service's EmployerDocumentMapper
 * (personal data encrypted with the keys the service runs with, the RFC's blind index) and given
 * an empty outbox by documentWithOutbox, like a document whose events were published and pruned.
 */
export class EmployerDocuments {
  private readonly mapper: EmployerDocumentMapper;

  constructor(
    readonly runId: string,
    keys: { encryption: string; hash: string },
  ) {
    this.mapper = new EmployerDocumentMapper(PiiCipher.fromBase64(keys.encryption, keys.hash));
  }

  idOf(serial: number): string {
    return `sweep-${this.runId}-${serial.toString(36)}`;
  }

  build(serial: number, position: ListPosition = positionOf(serial + 1)): Record<string, unknown> {
    let builder = anEmployer()
      .withRegistration(
        aRegistration()
          .company()
          .withId(this.idOf(serial))
          .withRfc(rfcOf(serial))
          .inState(EMPLOYER_SHAPE.state),
      )
      .withRegistrationSequence(serial + 1)
      .active();
    for (let w = 0; w < EMPLOYER_SHAPE.worksites; w++) {
      builder = builder.withWorksite(aWorksite().named(`Finca ${w + 1}`));
    }
    const employer = builder.build();
    for (const worksite of employer.worksites) {
      for (let p = 0; p < EMPLOYER_SHAPE.activePermitsPerWorksite; p++) {
        employer.recordPermitIssued(worksite.id, randomUUID());
      }
    }
    employer.applyAuditOutcome(
      anAuditOutcome().withId(randomUUID()).compliant().completedAt(day(20)).build(),
      day(21),
    );
    employer.applyAuditOutcome(
      anAuditOutcome().withId(randomUUID()).withMinorFinding().completedAt(day(40)).build(),
      day(41),
    );
    employer.recordRiskChange(aRiskChange().computedAt(day(42)).build(), day(42));
    employer.pullEvents();
    if (employer.status !== 'ACTIVE') throw new Error(`bench employer ${employer.id} is ${employer.status}`);
    return documentWithOutbox<Record<string, unknown>>(
      {
        _id: employer.id,
        ...this.mapper.toFields(employer.toSnapshot()),
        ...position,
        appliedEvents: Array.from({ length: EMPLOYER_SHAPE.appliedEvents }, () => randomUUID()),
      },
      [],
    );
  }

  /**
   * Checks one document against the service's mongoose schema (required fields, types): the bench
   * must fail loudly, not measure documents the service would not write, when the schema changes.
   * Returns the document's BSON size in bytes.
   */
  async check(): Promise<number> {
    const document = this.build(0);
    // A mongoose instance of its own that never connects nor creates anything.
    const instance = new mongoose.Mongoose({ autoIndex: false, autoCreate: false });
    const Model = instance.model('BenchEmployerCheck', EmployerSchema);
    await new Model(document).validate().catch((error: Error) => {
      throw new Error(
        `the bench's employer documents no longer match EmployerSchema (update bench/employers/employer-documents.ts): ${error.message}`,
      );
    });
    return BSON.calculateObjectSize(document);
  }
}

function positionOf(listSeq: number): ListPosition {
  return { listSeq, listPage: Math.floor(listSeq / LIST_BUCKET_SIZE) };
}

/**
 * The Redis counter of a state's list positions in a database, as the service keeps it
 * (services/employers/src/persistence/persistence.module.ts: ListPositions with the prefix
 * `frontera:employers:list:<database>:` and the chain `state:<STATE>`).
 */
export function listPositionsKey(database: string, state: string = EMPLOYER_SHAPE.state): string {
  return `frontera:employers:list:${database}:state:${state}`;
}

/**
 * Inserts the employers with serials [from, to) in ordered batches of `batchSize`, building the next
 * batch while FerretDB stores the previous one. Each batch takes its list positions from the
 * service's counter with one INCRBY (the service takes one INCR per registration), so the loaded
 * employers sit in the state's list like registered ones. Returns the wall time in ms.
 */
export async function loadEmployers(
  collection: Collection,
  documents: EmployerDocuments,
  positions: { redis: Redis; key: string },
  from: number,
  to: number,
  deadline: Deadline,
  batchSize = 500,
): Promise<number> {
  const started = process.hrtime.bigint();
  let inFlight: Promise<unknown> | undefined;
  try {
    for (let start = from; start < to; start += batchSize) {
      deadline.check();
      const count = Math.min(to, start + batchSize) - start;
      const last = await positions.redis.incrby(positions.key, count);
      const batch: Record<string, unknown>[] = [];
      for (let i = 0; i < count; i++) {
        batch.push(documents.build(start + i, positionOf(last - count + 1 + i)));
      }
      await inFlight;
      inFlight = collection.insertMany(batch, { ordered: true }).then((result) => {
        if (result.insertedCount !== batch.length) {
          throw new Error(`insertMany stored ${result.insertedCount} of ${batch.length} employers`);
        }
      });
    }
    await inFlight;
  } catch (error) {
    // A deadline or a failed batch: the batch still being stored is waited for (its own failure
    // ignored), so that it does not reject later, after the client closed, and end the process
    // before the report of the sizes already measured.
    await inFlight?.catch(() => undefined);
    throw error;
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}
