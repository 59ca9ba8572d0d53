import { Module } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection, Model } from 'mongoose';
import {
  DetectDuplicatesHandler,
  GetWorkerHandler,
  ListDuplicateReviewsHandler,
  ListPersonalDataReadsHandler,
  MarkDistinctHandler,
  MergeWorkersHandler,
  ReadPersonalDataHandler,
  SignalSharedPhoneHandler,
  VerifyPersonalDataReadsHandler,
  type DuplicateReviewRepository,
  type PersonalDataReadLog,
  type SharedContactGroupRepository,
} from '@frontera/permits-application';
import { LOCK_REDIS } from '@frontera/platform-locking';
import { OutboxPublisher } from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import { ListPositions } from '@frontera/platform-store';
import type { PermitsConfig } from '../config/permits.config';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { ALL_DEPS, UseCasesModule, type AllDeps } from '../wiring/use-cases.module';
import { HashChainedPersonalDataReadLog, readLogMac } from './hash-chained-read-log';
import { MongoDuplicateReviewRepository } from './mongo-duplicate-reviews.repository';
import { MongoSharedContactGroupRepository } from './mongo-shared-contact-groups.repository';
import { WorkerRegisteredConsumer } from './worker-registered.consumer';
import { WorkersController } from './workers.controller';
import {
  DuplicateReviewSchema,
  SharedContactGroupSchema,
  WORKER_MODELS,
  type DuplicateReviewDocument,
  type SharedContactGroupDocument,
} from './workers.schemas';

export const PERSONAL_DATA_READ_LOG = Symbol('PERSONAL_DATA_READ_LOG');
export const DUPLICATE_REVIEWS = Symbol('DUPLICATE_REVIEWS');
export const SHARED_CONTACT_GROUPS = Symbol('SHARED_CONTACT_GROUPS');

/** What the worker use cases need besides the common ports. */
interface WorkerDeps extends AllDeps {
  readonly readLog: PersonalDataReadLog;
  readonly reviews: DuplicateReviewRepository;
  readonly contactGroups: SharedContactGroupRepository;
  readonly sharedPhoneThreshold: number;
}

const WORKER_DEPS = Symbol('PERMITS_WORKER_DEPS');

const HANDLERS = [
  GetWorkerHandler,
  ReadPersonalDataHandler,
  ListPersonalDataReadsHandler,
  VerifyPersonalDataReadsHandler,
  ListDuplicateReviewsHandler,
  MergeWorkersHandler,
  MarkDistinctHandler,
  DetectDuplicatesHandler,
  SignalSharedPhoneHandler,
] as const;

/**
 * Workers (docs/domain/permits.md, workers): `GET /workers/{id}`, reads of personal data with a
 * purpose and the hash-chained read log (`/workers/{id}/personal-data-reads`, its verification),
 * possible duplicates (`GET /workers/duplicates`, merge, distinct), and what follows a registration
 * (duplicate detection, the shared-phone signal) as a consumer of the service's own
 * `frontera.worker.registered`. The handlers of @frontera/permits-application over the adapters
 * here: the read log on platform-store's HashChainedLog, the duplicate reviews and the
 * shared-contact groups on mongoose.
 */
@Module({
  imports: [
    UseCasesModule,
    MongooseModule.forFeature([
      { name: WORKER_MODELS.duplicateReview, schema: DuplicateReviewSchema },
      { name: WORKER_MODELS.sharedContactGroup, schema: SharedContactGroupSchema },
    ]),
  ],
  providers: [
    {
      provide: PERSONAL_DATA_READ_LOG,
      inject: [getConnectionToken(), PII_CIPHER, PERMITS_CONFIG],
      useFactory: async (connection: Connection, cipher: PiiCipher, config: PermitsConfig) => {
        const log = new HashChainedPersonalDataReadLog(
          connection,
          cipher,
          readLogMac(config.READ_LOG_MAC_KEY),
        );
        await log.ensureIndexes();
        return log;
      },
    },
    {
      provide: DUPLICATE_REVIEWS,
      inject: [getModelToken(WORKER_MODELS.duplicateReview), LOCK_REDIS],
      useFactory: async (model: Model<DuplicateReviewDocument>, redis: Redis) => {
        await model.init();
        // The lists of this database (as the persistence module's): one prefix per database.
        return new MongoDuplicateReviewRepository(
          model,
          new ListPositions(redis, `frontera:permits:list:${model.db.name}:`),
        );
      },
    },
    {
      provide: SHARED_CONTACT_GROUPS,
      inject: [getModelToken(WORKER_MODELS.sharedContactGroup), PII_CIPHER, OutboxPublisher],
      useFactory: async (
        model: Model<SharedContactGroupDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
      ) => {
        await model.init();
        return new MongoSharedContactGroupRepository(model, cipher, publisher);
      },
    },
    {
      provide: WORKER_DEPS,
      inject: [ALL_DEPS, PERSONAL_DATA_READ_LOG, DUPLICATE_REVIEWS, SHARED_CONTACT_GROUPS, PERMITS_CONFIG],
      useFactory: (
        deps: AllDeps,
        readLog: PersonalDataReadLog,
        reviews: DuplicateReviewRepository,
        contactGroups: SharedContactGroupRepository,
        config: PermitsConfig,
      ): WorkerDeps => ({
        ...deps,
        readLog,
        reviews,
        contactGroups,
        sharedPhoneThreshold: config.SHARED_PHONE_THRESHOLD,
      }),
    },
    ...HANDLERS.map((type) => ({
      provide: type,
      inject: [WORKER_DEPS],
      useFactory: (deps: WorkerDeps) => new (type as new (deps: WorkerDeps) => unknown)(deps),
    })),
    WorkerRegisteredConsumer,
  ],
  controllers: [WorkersController],
  exports: [PERSONAL_DATA_READ_LOG, DUPLICATE_REVIEWS, SHARED_CONTACT_GROUPS],
})
export class WorkersModule {}
