import { Module } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { AggregateLock } from '@frontera/shared-application';
import { AGGREGATE_LOCK, LOCK_REDIS } from '@frontera/platform-locking';
import { ListPositions } from '@frontera/platform-store';
import type { Redis } from 'ioredis';
import { OutboxPublisher } from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import { eligibleStatesOf, type EmployersConfig } from '../config/employers.config';
import { PII_CIPHER } from '@frontera/platform-runtime';
import { EMPLOYER_REPOSITORY, EMPLOYERS_CONFIG, REGISTRATION_NUMBERS } from '../wiring/tokens';
import { EmployerDocumentMapper } from './employer-document.mapper';
import {
  EMPLOYER_MODEL,
  EmployerSchema,
  ensureHistoryIndexes,
  type EmployerDocument,
} from './employer.schema';
import { MongoEmployerRepository } from './mongo-employer.repository';
import { MongoRegistrationNumberSequence } from './mongo-registration-number.sequence';

/** The repository and sequence ports on MongoDB / FerretDB, with personal data encrypted. */
@Module({
  imports: [MongooseModule.forFeature([{ name: EMPLOYER_MODEL, schema: EmployerSchema }])],
  providers: [
    {
      provide: EMPLOYER_REPOSITORY,
      inject: [getModelToken(EMPLOYER_MODEL), PII_CIPHER, OutboxPublisher, EMPLOYERS_CONFIG, LOCK_REDIS],
      useFactory: async (
        model: Model<EmployerDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
        config: EmployersConfig,
        redis: Redis,
      ) => {
        // The unique RFC index must exist before the first registration.
        await model.init();
        await ensureHistoryIndexes(model.db);
        return new MongoEmployerRepository(
          model,
          new EmployerDocumentMapper(cipher),
          publisher,
          // Positions in each state's list, on the lock's Redis connection (one INCR per registration),
          // per database: the lists are of the documents of this database.
          new ListPositions(redis, `frontera:employers:list:${model.db.name}:`),
          { eligibleStates: eligibleStatesOf(config) },
        );
      },
    },
    {
      provide: REGISTRATION_NUMBERS,
      inject: [getConnectionToken(), AGGREGATE_LOCK],
      useFactory: (connection: Connection, lock: AggregateLock) =>
        new MongoRegistrationNumberSequence(connection, lock),
    },
  ],
  exports: [EMPLOYER_REPOSITORY, REGISTRATION_NUMBERS, MongooseModule],
})
export class PersistenceModule {}
