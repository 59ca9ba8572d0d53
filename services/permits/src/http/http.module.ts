import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@frontera/platform-http';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import type { PermitsConfig } from '../config/permits.config';
import { PersistenceModule } from '../persistence/persistence.module';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { UseCasesModule } from '../wiring/use-cases.module';
import { ApplicationDecisionsController, ApplicationsController } from './applications.controller';
import { PermitDecisionsController, PermitsController } from './permits.controller';

/**
 * The HTTP adapters. Errors are the kernel's AppError, answered by the platform's
 * ProblemDetailsFilter as declared. POST /applications is idempotent by Idempotency-Key (stored
 * responses encrypted: they may hold what identifies a worker).
 */
@Module({
  imports: [
    UseCasesModule,
    PersistenceModule,
    IdempotencyModule.forFeatureAsync({
      inject: [PII_CIPHER, PERMITS_CONFIG],
      useFactory: (cipher: PiiCipher, config: PermitsConfig) => ({
        cipher,
        ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
      }),
    }),
  ],
  controllers: [
    ApplicationsController,
    ApplicationDecisionsController,
    PermitsController,
    PermitDecisionsController,
  ],
})
export class HttpModule {}
