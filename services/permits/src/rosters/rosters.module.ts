import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { getConnectionToken, getModelToken, InjectModel, MongooseModule } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import {
  GetRosterErrorsHandler,
  GetRosterImportHandler,
  ProcessRosterImportHandler,
  UploadRosterHandler,
  type RosterImportRepository,
  type RosterJobs,
} from '@frontera/permits-application';
import { MessagingRuntime, OutboxPublisher } from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import type { PermitsConfig } from '../config/permits.config';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { ALL_DEPS, UseCasesModule, type AllDeps } from '../wiring/use-cases.module';
import { MongoRosterImportRepository } from './mongo-roster-import.repository';
import type { RosterFileLimits } from './roster-file.reader';
import { RosterQueue } from './roster-jobs';
import { rosterRowFacts } from './roster-row-facts';
import { ensureRosterIndexes, RosterImportSchema, type RosterImportDocument } from './roster.schemas';
import { ROSTER_FILE_LIMITS, RostersController } from './rosters.controller';

export const ROSTER_IMPORT_MODEL = 'RosterImport';
export const ROSTER_REPOSITORY = Symbol('ROSTER_REPOSITORY');

/** The import documents' outbox is published by the relay too (what a publish after a write missed). */
@Injectable()
class RosterOutboxSource implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectModel(ROSTER_IMPORT_MODEL) private readonly model: Model<RosterImportDocument>,
  ) {}

  onModuleInit(): void {
    this.runtime.registerOutboxSource(this.model);
  }
}

/**
 * Harvest rosters (cuadrillas): `POST /worksites/{worksiteId}/rosters` (the CSV file as the body,
 * read while it arrives), `GET /rosters/{id}`, `GET /rosters/{id}/errors.csv`; the imports on
 * MongoDB / FerretDB (rows sealed, content found by a keyed hash); the roster job on BullMQ
 * (payload: the import id) running ProcessRosterImportHandler, which imports each batch with
 * batched I/O and the submission's rules (RosterBatchImporter, docs/decisions/0039). The handlers are @frontera/permits-application's, built here from the
 * service's AllDeps plus this module's repository and queue.
 */
@Module({
  imports: [
    UseCasesModule,
    MongooseModule.forFeature([{ name: ROSTER_IMPORT_MODEL, schema: RosterImportSchema }]),
  ],
  providers: [
    {
      provide: ROSTER_REPOSITORY,
      inject: [getModelToken(ROSTER_IMPORT_MODEL), PII_CIPHER, OutboxPublisher, getConnectionToken()],
      useFactory: async (
        model: Model<RosterImportDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
        connection: Connection,
      ) => {
        await Promise.all([model.init(), ensureRosterIndexes(connection)]);
        return new MongoRosterImportRepository(model, cipher, publisher);
      },
    },
    {
      provide: ROSTER_FILE_LIMITS,
      inject: [PERMITS_CONFIG],
      useFactory: (config: PermitsConfig): RosterFileLimits => ({
        maxBytes: config.ROSTER_MAX_BYTES,
        maxRows: config.ROSTER_MAX_ROWS,
      }),
    },
    {
      provide: UploadRosterHandler,
      inject: [ALL_DEPS, ROSTER_REPOSITORY, RosterQueue, PERMITS_CONFIG],
      useFactory: (deps: AllDeps, rosters: RosterImportRepository, jobs: RosterJobs, config: PermitsConfig) =>
        new UploadRosterHandler({ ...deps, rosters, jobs, rosterBatchSize: config.ROSTER_BATCH_SIZE }),
    },
    {
      provide: ProcessRosterImportHandler,
      inject: [ALL_DEPS, ROSTER_REPOSITORY, PERMITS_CONFIG],
      useFactory: (deps: AllDeps, rosters: RosterImportRepository, config: PermitsConfig) =>
        new ProcessRosterImportHandler({
          ...deps,
          // The rows of an import share the employer's standing and the worksite's headcount for a second.
          ...rosterRowFacts(deps),
          rosters,
          rosterRowConcurrency: config.ROSTER_ROW_CONCURRENCY,
        }),
    },
    {
      provide: GetRosterImportHandler,
      inject: [ROSTER_REPOSITORY],
      useFactory: (rosters: RosterImportRepository) => new GetRosterImportHandler({ rosters }),
    },
    {
      provide: GetRosterErrorsHandler,
      inject: [ROSTER_REPOSITORY],
      useFactory: (rosters: RosterImportRepository) => new GetRosterErrorsHandler({ rosters }),
    },
    RosterQueue,
    RosterOutboxSource,
  ],
  controllers: [RostersController],
  exports: [ROSTER_REPOSITORY, ProcessRosterImportHandler, RosterQueue],
})
export class RostersModule {}
