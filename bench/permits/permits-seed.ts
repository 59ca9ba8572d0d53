import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { createEvent, type EventData, type EventType, type NewEvent } from '@frontera/contracts';
import { PiiCipher, RecordSealer } from '@frontera/platform-pii';
import type { TestTokenIssuer } from '@frontera/platform-auth/testing';
import type { EventFeeder } from '@frontera/platform-runtime/testing';
import type { MexicanState } from '@frontera/shared-kernel';
import type { SubmitApplicationRequest } from '../../services/permits/src/http/dto/application.request';
import type { WorkerDataDto } from '../../services/permits/src/http/dto/worker.request';
import { TOKEN_INDEX_PURPOSE } from '../../services/permits/src/persistence/mongo-permit.repository';
import {
  PERMITS_COLLECTION,
  STANDINGS_COLLECTION,
} from '../../services/permits/src/persistence/permits.schemas';
import { VERIFICATIONS_COLLECTION } from '../../services/permits/src/verification/verification.schemas';
import { aRosterRow } from '../../services/permits/test/rosters/roster-files';
import { elapsedMs, now, waitFor } from '../lib';

/** An employer as the permits service knows it: verified (ACTIVE, rated A), one open worksite. */
export interface SeededEmployer {
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
}

function employerEvent<T extends EventType>(type: T, employerId: string, data: EventData<T>) {
  return createEvent({ type, subject: employerId, correlationId: randomUUID(), data } as NewEvent<T>);
}

/**
 * An employer the employers service verified, fed to the permits service the way it learns one —
 * frontera.employer.registered, .verified and .worksite.added on Kafka (as anActiveEmployer of
 * services/permits/test/support/permits-test-app.ts) — then waits until its consumer has stored
 * the standing with the worksite. `capacity` bounds the worksite's held permits (eligibility).
 */
export async function seedEmployer(
  feeder: EventFeeder,
  db: Db,
  ids: { employerId: string; worksiteId: string },
  options: { state?: MexicanState; capacity: number },
): Promise<SeededEmployer> {
  const { employerId, worksiteId } = ids;
  const state = options.state ?? 'CHP';
  const events = [
    employerEvent('frontera.employer.registered', employerId, {
      employerId,
      kind: 'COMPANY',
      sector: 'COFFEE',
      state,
      municipality: 'Tapachula',
    }),
    employerEvent('frontera.employer.verified', employerId, {
      employerId,
      registrationNumber: `PE-${state}-2026-000001`,
      rating: 'A',
      sector: 'COFFEE',
      state,
      verifiedBy: 'bench-officer',
      verifiedAt: new Date().toISOString(),
      publicName: 'Finca La Esperanza S.A. de C.V.',
    }),
    employerEvent('frontera.employer.worksite.added', employerId, {
      employerId,
      worksite: {
        worksiteId,
        activity: 'café',
        state,
        municipality: 'Tapachula',
        capacity: options.capacity,
        housingProvided: true,
        eligibleForPermits: true,
      },
    }),
  ];
  for (const event of events) await feeder.publish(event, employerId);
  await waitFor(
    async () => {
      const stored = await db
        .collection<{ _id: string; standing?: { worksites?: unknown[] } }>(STANDINGS_COLLECTION)
        .findOne({ _id: employerId });
      return (stored?.standing?.worksites?.length ?? 0) > 0;
    },
    30_000,
    `standing of ${employerId} (the service's employer consumer)`,
    100,
  );
  return { employerId, worksiteId, state };
}

/**
 * A worker of a roster row's kind (names and dates of birth spread out, a document number and a
 * phone of this run's own: services/permits/test/rosters/roster-files.ts), as the JSON of
 * `POST /applications`.
 */
export function aBenchWorker(): WorkerDataDto {
  const row = aRosterRow();
  const serial = row['identityDocument.number'].slice(-7);
  return {
    givenNames: row.givenNames,
    surnames: { first: row['surnames.first'], second: row['surnames.second'] },
    dateOfBirth: row.dateOfBirth,
    sex: 'M',
    nationality: 'GTM',
    identityDocument: {
      type: 'NATIONAL_ID',
      number: row['identityDocument.number'],
      issuingCountry: 'GTM',
    },
    placeOfBirth: { country: 'GTM', locality: row['placeOfBirth.locality'] },
    homeAddress: {
      line: row['homeAddress.line'],
      locality: row['homeAddress.locality'],
      country: 'GTM',
    },
    phone: `+5025${serial}`,
  } as WorkerDataDto;
}

/** A NEW application for `worker`, its validity begun two days ago (the permit is valid at once). */
export function aBenchApplication(employer: SeededEmployer, worker: WorkerDataDto): SubmitApplicationRequest {
  return {
    worksiteId: employer.worksiteId,
    kind: 'NEW',
    worker,
    occupation: 'Cortador de café',
    dailyWage: 320.5,
    startDate: new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().slice(0, 10),
    noRecruitmentFeeDeclared: true,
  } as SubmitApplicationRequest;
}

/**
 * The QR tokens of stored permits: the token is a bearer secret stored sealed (the permit
 * repository's RecordSealer, scope `permits`), opened here with the run's keys. One findOne by
 * `_id` a permit.
 */
export async function verificationTokens(
  db: Db,
  keys: { encryption: string; hash: string },
  permitIds: readonly string[],
): Promise<Map<string, string>> {
  const sealer = new RecordSealer(PiiCipher.fromBase64(keys.encryption, keys.hash), 'permits');
  const out = new Map<string, string>();
  const collection = db.collection<{
    _id: string;
    record: Record<string, unknown>;
    personalData: Array<{ path: string; ciphertext: string }>;
  }>(PERMITS_COLLECTION);
  for (let i = 0; i < permitIds.length; i += 16) {
    await Promise.all(
      permitIds.slice(i, i + 16).map(async (id) => {
        const document = await collection.findOne(
          { _id: id },
          { projection: { record: 1, personalData: 1 } },
        );
        if (!document) throw new Error(`permit ${id} is not stored`);
        const opened = sealer.open<{ verificationToken?: string | { value?: string } }>(id, document);
        const token =
          typeof opened.verificationToken === 'string'
            ? opened.verificationToken
            : opened.verificationToken?.value;
        if (!token) throw new Error(`permit ${id}: no verification token in the stored record`);
        out.set(id, token);
      }),
    );
  }
  return out;
}

/** The keyed hash the permit is found by in `GET /verify/:token` (the repository's blind index). */
export function tokenIndexOf(keys: { encryption: string; hash: string }, token: string): string {
  return PiiCipher.fromBase64(keys.encryption, keys.hash).blindIndex(token, TOKEN_INDEX_PURPOSE);
}

/** What one public verification reads: the permit's entry in the verification read model, by its token's index. */
export interface VerificationReads {
  tokenIndex: string;
}

/** The answer's fields (the service's projection of a lookup). */
const VERIFICATION_ANSWER = {
  _id: 0,
  status: 1,
  validFrom: 1,
  validUntil: 1,
  lastValidDay: 1,
  employerPublicName: 1,
  workerInitials: 1,
  birthYearCheck: 1,
} as const;

/**
 * The store operation of one verification by token and nothing else — findOne of the entry in
 * `permit_verifications` by `_id` (the token's index) with the service's projection —
 * `concurrency` at a time for `durationSec` (a closed loop on the bare driver).
 */
export async function storeVerificationReads(
  db: Db,
  reads: readonly VerificationReads[],
  concurrency: number,
  durationSec: number,
): Promise<{ count: number; ms: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const start = now();
  const endAt = start + BigInt(Math.round(durationSec * 1e9));
  const entries = db.collection<{ _id: string }>(VERIFICATIONS_COLLECTION);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < endAt) {
        const r = reads[next++ % reads.length];
        const t0 = now();
        const entry = await entries.findOne({ _id: r.tokenIndex }, { projection: VERIFICATION_ANSWER });
        if (!entry) throw new Error('store ceiling: a verification entry was not found by its token index');
        latencies.push(elapsedMs(t0));
      }
    }),
  );
  return { count: latencies.length, ms: elapsedMs(start), latencies };
}

/** Waits until every token's entry is in the verification read model (the service's consumer writes them). */
export async function verificationEntriesProjected(
  db: Db,
  keys: { encryption: string; hash: string },
  tokens: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const entries = db.collection<{ _id: string }>(VERIFICATIONS_COLLECTION);
  const pending = new Set(tokens.map((token) => tokenIndexOf(keys, token)));
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0) {
    for (const tokenIndex of [...pending]) {
      if (await entries.findOne({ _id: tokenIndex }, { projection: { _id: 1 } })) pending.delete(tokenIndex);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${pending.size} verification entries not projected within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The environment a benchmark starts the built permits service with: its database, Redis and
 * Kafka, the run's personal-data keys, the issuer whose tokens the bench mints, its consumer groups'
 * prefix; `VERIFY_RATE_PER_MINUTE` high because the load generator is one client (the per-client
 * limit must not be what is measured).
 */
export function permitsServiceEnv(options: {
  readonly mongoUri: string;
  readonly redisUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly keys: { readonly encryption: string; readonly hash: string };
  readonly issuer: TestTokenIssuer;
  readonly groupPrefix: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PII_ENCRYPTION_KEY: options.keys.encryption,
    PII_HASH_KEY: options.keys.hash,
    READ_LOG_MAC_KEY: randomBytes(32).toString('base64'),
    MONGODB_URI: options.mongoUri,
    KAFKA_BROKERS: options.kafkaBrokers.join(','),
    REDIS_URL: options.redisUrl,
    AUTH_ISSUER: options.issuer.defaults.issuer,
    AUTH_AUDIENCE: options.issuer.defaults.audience,
    AUTH_PUBLIC_KEY: options.issuer.publicKeyPem,
    KAFKA_CONSUMER_GROUP_PREFIX: options.groupPrefix,
    MINIMUM_DAILY_WAGE_MXN: '278.80',
    PUBLIC_BASE_URL: 'https://verifica.example.mx',
    VERIFY_RATE_PER_MINUTE: '100000',
  };
}

/** `url` with its path set to Redis logical database `db`. */
export function withRedisDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
