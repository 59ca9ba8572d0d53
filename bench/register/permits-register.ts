import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import {
  Permit,
  PERMIT_NUMBER_ALPHABET,
  PermitNumber,
  permitVerificationEntry,
  type EmployerStanding,
  type Worker,
} from '@frontera/permits-domain';
import {
  aPermitApplication,
  aStandingWorksite,
  aWorker,
  anEmployerStanding,
} from '@frontera/permits-domain/testing';
import { OutboxPublisher } from '@frontera/platform-messaging';
import { PiiCipher } from '@frontera/platform-pii';
import { ListPositions } from '@frontera/platform-store';
import { FIRST, GIVEN, SECOND } from '../../services/permits/test/rosters/roster-files';
import { MongoApplicationRepository } from '../../services/permits/src/persistence/mongo-application.repository';
import { MongoEmployerStandingRepository } from '../../services/permits/src/persistence/mongo-employer-standing.repository';
import { MongoPermitRepository } from '../../services/permits/src/persistence/mongo-permit.repository';
import { MongoWorkerRepository } from '../../services/permits/src/persistence/mongo-worker.repository';
import {
  ApplicationSchema,
  ensureSidecarIndexes,
  PermitSchema,
  StandingSchema,
  WorkerSchema,
  type ApplicationDocument,
  type PermitDocument,
  type StandingDocument,
  type WorkerDocument,
} from '../../services/permits/src/persistence/permits.schemas';
import { MongoPermitVerificationReadModel } from '../../services/permits/src/verification/mongo-permit-verifications';
import {
  PermitVerificationSchema,
  type PermitVerificationDocument,
} from '../../services/permits/src/verification/verification.schemas';

/** The register's state and worksite (one open worksite per employer). */
export const REGISTER_STATE = 'CHP' as const;

/** A permit of the loaded register, as the measurements address it. */
export interface LoadedPermit {
  readonly permitId: string;
  readonly workerId: string;
  readonly employerId: string;
  readonly number: string;
  readonly token: string;
  readonly birthYear: number;
}

export interface PermitsRegisterOptions {
  readonly mongoUri: string;
  readonly redisUrl: string;
  readonly producer: Producer;
  readonly keys: { readonly encryption: string; readonly hash: string };
  /** Prefix of every id of the run (letters and digits). */
  readonly run: string;
  /** Workers (each with one approved application and its permit) per employer. */
  readonly workersPerEmployer: number;
}

const DAY_MS = 86_400_000;
const BORN_FROM = Date.UTC(1970, 0, 1);
/** An odd multiplier modulo 32⁸: serials map one-to-one onto scattered random parts. */
const SCATTER = 1_099_511_627_775 - 2 * 96_557;
const RANDOM_SPACE = 32 ** 8;

/** Eight characters of the permit-number alphabet, one-to-one with `serial` (no collision to retry). */
function randomPartOf(serial: number): string {
  let value = Number((BigInt(serial) * BigInt(SCATTER)) % BigInt(RANDOM_SPACE));
  let part = '';
  for (let i = 0; i < 8; i++) {
    part += PERMIT_NUMBER_ALPHABET[value % 32];
    value = Math.floor(value / 32);
  }
  return part;
}

/** Deterministic spread of names and dates of birth (a crew's, as the roster bench's) by serial. */
function pick<T>(list: readonly T[], serial: number, salt: number): T {
  return list[Math.floor(((serial + 1) * (2_654_435_761 + salt)) / 7) % list.length] as T;
}

/**
 * The permits service's register loaded in bulk through its own repositories, on its database and
 * Redis: per employer a standing (ACTIVE, rated A, one open worksite in Chiapas, as its consumer
 * stores it from the employer's events), and `workersPerEmployer` workers each with an approved NEW
 * application and the permit it issued (the domain's own `Worker.register`, `PermitApplication.submit`
 * and `.approve`, `Permit.issue`, through the test builders), then the permits' verification entries
 * (`permitVerificationEntry`). Workers, applications and permits go through the repositories'
 * `insertMany` with `settled` (personal data encrypted with the service's keys, blind indexes, list
 * positions from the service's Redis chains, history and blocking-key records written straight to
 * their collections before the documents, nothing left pending to move or prune), the
 * verification entries through the read model's `putMany`, the standings through the standing
 * repository's `store`. No events: a register loaded in bulk is not news to the other services.
 */
export class PermitsRegister {
  private constructor(
    private readonly options: PermitsRegisterOptions,
    private readonly connection: Connection,
    private readonly redis: Redis,
    private readonly publisher: OutboxPublisher,
    private readonly workers: MongoWorkerRepository,
    private readonly applications: MongoApplicationRepository,
    private readonly permits: MongoPermitRepository,
    private readonly standings: MongoEmployerStandingRepository,
    private readonly verifications: MongoPermitVerificationReadModel,
  ) {}

  static async open(options: PermitsRegisterOptions): Promise<PermitsRegister> {
    const connection = await mongoose
      .createConnection(options.mongoUri, { maxPoolSize: 8, serverSelectionTimeoutMS: 10_000 })
      .asPromise();
    const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    const cipher = PiiCipher.fromBase64(options.keys.encryption, options.keys.hash);
    const publisher = new OutboxPublisher({ producer: options.producer });
    const positions = new ListPositions(redis, `frontera:permits:list:${connection.name}:`);
    const workerModel = connection.model<WorkerDocument>('Worker', WorkerSchema);
    const applicationModel = connection.model<ApplicationDocument>('PermitApplication', ApplicationSchema);
    const permitModel = connection.model<PermitDocument>('Permit', PermitSchema);
    const standingModel = connection.model<StandingDocument>('EmployerStanding', StandingSchema);
    const verificationModel = connection.model<PermitVerificationDocument>(
      'PermitVerification',
      PermitVerificationSchema,
    );
    await Promise.all([
      workerModel.init(),
      applicationModel.init(),
      permitModel.init(),
      standingModel.init(),
      verificationModel.init(),
      ensureSidecarIndexes(connection),
    ]);
    return new PermitsRegister(
      options,
      connection,
      redis,
      publisher,
      new MongoWorkerRepository(workerModel, cipher, publisher),
      new MongoApplicationRepository(applicationModel, publisher, positions),
      new MongoPermitRepository(permitModel, cipher, publisher, positions, {}),
      new MongoEmployerStandingRepository(standingModel),
      new MongoPermitVerificationReadModel(verificationModel, cipher),
    );
  }

  private readonly loaded: Record<string, number> = {
    employer_standings: 0,
    workers: 0,
    applications: 0,
    permits: 0,
    permit_verifications: 0,
  };

  employerId(serial: number): string {
    return `org_${this.options.run}e${serial}`;
  }

  worksiteId(serial: number): string {
    return `ws_${this.options.run}e${serial}`;
  }

  /**
   * Employers `from` … `to - 1` with their workers, applications and permits, in batches of
   * `batchEmployers`; `sample` (optional) receives a few permits of each batch for the measurements.
   */
  async load(
    from: number,
    to: number,
    options: {
      readonly batchEmployers?: number;
      readonly onBatch?: (loadedEmployers: number) => void;
      readonly sample?: (permit: LoadedPermit) => void;
    } = {},
  ): Promise<void> {
    const batch = options.batchEmployers ?? 100;
    for (let start = from; start < to; start += batch) {
      await this.loadBatch(start, Math.min(to, start + batch), options.sample);
      options.onBatch?.(Math.min(to, start + batch));
    }
    await this.publisher.drain();
    await this.publisher.flushPrunes();
  }

  private async loadBatch(from: number, to: number, sample?: (permit: LoadedPermit) => void): Promise<void> {
    const perEmployer = this.options.workersPerEmployer;
    const standings: EmployerStanding[] = [];
    const workers: Worker[] = [];
    const applications = [];
    const permits: Permit[] = [];
    for (let e = from; e < to; e++) {
      const standing = anEmployerStanding()
        .withId(this.employerId(e))
        .named(`Finca ${e} S.A. de C.V.`)
        .active()
        .withWorksite(
          aStandingWorksite()
            .withId(this.worksiteId(e))
            .inState(REGISTER_STATE, 'Tapachula')
            .withCapacity(perEmployer * 10),
        )
        .build();
      standings.push(standing);
      for (let k = 0; k < perEmployer; k++) {
        const serial = e * perEmployer + k;
        const born = new Date(BORN_FROM + ((serial * 7_919) % (35 * 365)) * DAY_MS)
          .toISOString()
          .slice(0, 10);
        const worker = aWorker()
          .withId(`wkr_${this.options.run}w${serial}`)
          .named(pick(GIVEN, serial, 1), pick(FIRST, serial, 2), pick(SECOND, serial, 3))
          .bornOn(born)
          .withDocument('NATIONAL_ID', `9${String(serial).padStart(12, '0')}`, 'GTM')
          .withPhone(`+502 ${String(30_000_000 + serial).slice(-8)}`)
          .build();
        const { application, approved } = aPermitApplication()
          .withId(`app_${this.options.run}a${serial}`)
          .forEmployer(standing)
          .atWorksite(this.worksiteId(e), REGISTER_STATE)
          .forWorker(worker)
          .buildApproved();
        const permit = Permit.issue(
          {
            permitId: `pmt_${this.options.run}p${serial}`,
            application: approved,
            number: PermitNumber.issue({ state: REGISTER_STATE, year: 2026, random: randomPartOf(serial) }),
            verificationToken: randomBytes(16).toString('base64url'),
          },
          {},
          new Date(),
        );
        permit.pullEvents();
        workers.push(worker);
        applications.push(application);
        permits.push(permit);
      }
    }
    await Promise.all(
      standings.map((standing) =>
        this.standings.store(standing, null, `register-load.${standing.employerId}`),
      ),
    );
    const refused = (outcomes: readonly string[]) => outcomes.filter((o) => o !== 'INSERTED').length;
    const counts = await Promise.all([
      this.workers.insertMany(
        workers.map((aggregate) => ({ aggregate, events: [] })),
        { settled: true },
      ),
      this.applications.insertMany(
        applications.map((aggregate) => ({ aggregate, events: [] })),
        { settled: true },
      ),
      this.permits.insertMany(
        permits.map((aggregate) => ({ aggregate, events: [] })),
        { settled: true },
      ),
    ]);
    const notStored = counts.map(refused);
    if (notStored.some((n) => n > 0)) {
      throw new Error(
        `employers ${from}–${to - 1}: refused by a unique index: ${notStored[0]} workers, ` +
          `${notStored[1]} applications, ${notStored[2]} permits`,
      );
    }
    await this.verifications.putMany(
      permits.map((permit, i) =>
        permitVerificationEntry(
          permit,
          workers[i] as Worker,
          (standings[Math.floor(i / perEmployer)] as EmployerStanding).publicName,
        ),
      ),
    );
    this.loaded['employer_standings'] = (this.loaded['employer_standings'] ?? 0) + standings.length;
    for (const name of ['workers', 'applications', 'permits', 'permit_verifications']) {
      this.loaded[name] = (this.loaded[name] ?? 0) + permits.length;
    }
    if (sample) {
      // The first permit of every employer of the batch: a sample spread over the whole register.
      for (let i = 0; i < permits.length; i += this.options.workersPerEmployer) {
        const permit = permits[i] as Permit;
        const worker = workers[i] as Worker;
        sample({
          permitId: permit.id,
          workerId: worker.id,
          employerId: permit.employerId,
          number: permit.number.compact,
          token: permit.verificationToken.value,
          birthYear: worker.birthYear,
        });
      }
    }
  }

  /**
   * What was loaded so far, by collection (counted by the loader: FerretDB's estimatedDocumentCount
   * scans the whole collection, minutes at 4,000,000 blocking keys).
   */
  sizes(): Record<string, number> {
    return { ...this.loaded };
  }

  async close(): Promise<void> {
    await this.publisher.drain().catch(() => undefined);
    await this.connection.close();
    this.redis.disconnect();
  }
}
