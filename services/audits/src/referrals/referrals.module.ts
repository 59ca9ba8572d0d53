import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@frontera/platform-http';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import type { AuditsConfig } from '../config/audits.config';
import { AUDITS_CONFIG } from '../wiring/tokens';
import { UseCasesModule } from '../wiring/use-cases.module';
import { ComplaintReferralsController, ReferralsController } from './referrals.controller';

/**
 * Referrals: the supervisors' list, referrals from complaints (idempotent by Idempotency-Key), the
 * agencies' answers and the statistics.
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
  controllers: [ReferralsController, ComplaintReferralsController],
})
export class ReferralsModule {}
