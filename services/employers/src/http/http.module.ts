import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@frontera/platform-http';
import type { PiiCipher } from '@frontera/platform-pii';
import type { EmployersConfig } from '../config/employers.config';
import { PersistenceModule } from '../persistence/persistence.module';
import { PII_CIPHER } from '@frontera/platform-runtime';
import { EMPLOYERS_CONFIG } from '../wiring/tokens';
import { UseCasesModule } from '../wiring/use-cases.module';
import { EmployerChangesController } from './employer-changes.controller';
import { EmployerDecisionsController, EmployerVerificationController } from './employer-decisions.controller';
import { EmployersController } from './employers.controller';
import { WorksitesController } from './worksites.controller';

/**
 * The HTTP adapters. Employers errors are the kernel's AppError, which the platform's
 * ProblemDetailsFilter answers as declared: no mapping here. POST /employers is idempotent by
 * Idempotency-Key (the platform's store and interceptor; stored responses encrypted).
 */
@Module({
  imports: [
    UseCasesModule,
    PersistenceModule,
    IdempotencyModule.forFeatureAsync({
      imports: [PersistenceModule],
      inject: [PII_CIPHER, EMPLOYERS_CONFIG],
      useFactory: (cipher: PiiCipher, config: EmployersConfig) => ({
        cipher,
        ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
      }),
    }),
  ],
  controllers: [
    EmployersController,
    EmployerVerificationController,
    EmployerDecisionsController,
    EmployerChangesController,
    WorksitesController,
  ],
})
export class HttpModule {}
