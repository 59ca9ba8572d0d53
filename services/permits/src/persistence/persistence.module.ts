import { Module } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { Redis } from 'ioredis';
import type { Connection, Model } from 'mongoose';
import type { PermitOptions } from '@frontera/permits-domain';
import { LOCK_REDIS } from '@frontera/platform-locking';
import { OutboxPublisher } from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import { ListPositions } from '@frontera/platform-store';
import {
  APPLICATION_REPOSITORY,
  PERMIT_OPTIONS,
  PERMIT_REPOSITORY,
  STANDING_REPOSITORY,
  VERIFICATION_READ_MODEL,
  WORKER_REPOSITORY,
} from '../wiring/tokens';
import { MongoPermitVerificationReadModel } from '../verification/mongo-permit-verifications';
import {
  PermitVerificationSchema,
  type PermitVerificationDocument,
} from '../verification/verification.schemas';
import { MongoApplicationRepository } from './mongo-application.repository';
import { MongoEmployerStandingRepository } from './mongo-employer-standing.repository';
import { MongoPermitRepository } from './mongo-permit.repository';
import { MongoWorkerRepository } from './mongo-worker.repository';
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
} from './permits.schemas';

export const MODELS = {
  worker: 'Worker',
  application: 'PermitApplication',
  permit: 'Permit',
  standing: 'EmployerStanding',
  verification: 'PermitVerification',
} as const;

/** List positions per database: the lists are of the documents of this database (on the lock's Redis connection). */
const positionsFor = (redis: Redis, connection: Connection) =>
  new ListPositions(redis, `frontera:permits:list:${connection.name}:`);

/** The repository ports on MongoDB / FerretDB, personal data encrypted. Unique indexes exist before the first write. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MODELS.worker, schema: WorkerSchema },
      { name: MODELS.application, schema: ApplicationSchema },
      { name: MODELS.permit, schema: PermitSchema },
      { name: MODELS.standing, schema: StandingSchema },
      { name: MODELS.verification, schema: PermitVerificationSchema },
    ]),
  ],
  providers: [
    {
      provide: WORKER_REPOSITORY,
      inject: [getModelToken(MODELS.worker), PII_CIPHER, OutboxPublisher, getConnectionToken()],
      useFactory: async (
        model: Model<WorkerDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
        connection: Connection,
      ) => {
        await Promise.all([model.init(), ensureSidecarIndexes(connection)]);
        return new MongoWorkerRepository(model, cipher, publisher);
      },
    },
    {
      provide: APPLICATION_REPOSITORY,
      inject: [getModelToken(MODELS.application), OutboxPublisher, LOCK_REDIS],
      useFactory: async (model: Model<ApplicationDocument>, publisher: OutboxPublisher, redis: Redis) => {
        await model.init();
        return new MongoApplicationRepository(model, publisher, positionsFor(redis, model.db));
      },
    },
    {
      provide: PERMIT_REPOSITORY,
      inject: [getModelToken(MODELS.permit), PII_CIPHER, OutboxPublisher, LOCK_REDIS, PERMIT_OPTIONS],
      useFactory: async (
        model: Model<PermitDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
        redis: Redis,
        options: PermitOptions,
      ) => {
        await model.init();
        return new MongoPermitRepository(model, cipher, publisher, positionsFor(redis, model.db), options);
      },
    },
    {
      provide: STANDING_REPOSITORY,
      inject: [getModelToken(MODELS.standing)],
      useFactory: (model: Model<StandingDocument>) => new MongoEmployerStandingRepository(model),
    },
    {
      provide: VERIFICATION_READ_MODEL,
      inject: [getModelToken(MODELS.verification), PII_CIPHER],
      useFactory: async (model: Model<PermitVerificationDocument>, cipher: PiiCipher) => {
        await model.init();
        return new MongoPermitVerificationReadModel(model, cipher);
      },
    },
  ],
  exports: [
    VERIFICATION_READ_MODEL,
    WORKER_REPOSITORY,
    APPLICATION_REPOSITORY,
    PERMIT_REPOSITORY,
    STANDING_REPOSITORY,
    MongooseModule,
  ],
})
export class PersistenceModule {}
