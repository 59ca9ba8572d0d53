import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@frontera/platform-http';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import type { AuditsConfig } from '../config/audits.config';
import { AUDITS_CONFIG } from '../wiring/tokens';
import { UseCasesModule } from '../wiring/use-cases.module';
import { InspectorDecisionsController, InspectorsController } from './inspectors.controller';
import { PlansController } from './plans.controller';
import { AuditOutcomesController, TasksController } from './tasks.controller';

/**
 * The HTTP adapters. Errors are the kernel's AppError, answered by the platform's
 * ProblemDetailsFilter as declared. POST /inspectors is idempotent by Idempotency-Key.
 */
@Module({
  imports: [
    UseCasesModule,
    IdempotencyModule.forFeatureAsync({
      inject: [PII_CIPHER, AUDITS_CONFIG],
      useFactory: (cipher: PiiCipher, config: AuditsConfig) => ({
        cipher,
        ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
      }),
    }),
  ],
  controllers: [
    InspectorsController,
    InspectorDecisionsController,
    TasksController,
    AuditOutcomesController,
    PlansController,
  ],
})
export class HttpModule {}
