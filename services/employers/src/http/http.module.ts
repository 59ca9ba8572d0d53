import { Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { PROBLEM_MAPPERS } from '@frontera/platform-errors';
import type { PiiCipher } from '@frontera/platform-pii';
import type { EmployersConfig } from '../config/employers.config';
import { PersistenceModule } from '../persistence/persistence.module';
import { EMPLOYERS_CONFIG, PII_CIPHER } from '../wiring/tokens';
import { UseCasesModule } from '../wiring/use-cases.module';
import { mapEmployerDomainError } from './domain-error.mapping';
import { EmployerChangesController } from './employer-changes.controller';
import { EmployerDecisionsController } from './employer-decisions.controller';
import { EmployersController } from './employers.controller';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { WorksitesController } from './worksites.controller';

@Module({
  imports: [UseCasesModule, PersistenceModule],
  controllers: [
    EmployersController,
    EmployerDecisionsController,
    EmployerChangesController,
    WorksitesController,
  ],
  providers: [
    // ProblemDetailsFilter (configured by @frontera/platform-http) answers employers errors with these.
    { provide: PROBLEM_MAPPERS, useValue: [mapEmployerDomainError] },
    {
      provide: IdempotencyStore,
      inject: [getConnectionToken(), PII_CIPHER, EMPLOYERS_CONFIG],
      useFactory: (connection: Connection, cipher: PiiCipher, config: EmployersConfig) =>
        new IdempotencyStore(connection, cipher, config.IDEMPOTENCY_KEY_TTL_HOURS),
    },
  ],
})
export class HttpModule {}
