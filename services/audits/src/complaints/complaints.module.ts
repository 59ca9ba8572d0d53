import { Module, type DynamicModule } from '@nestjs/common';
import { RateLimitModule } from '@frontera/platform-http';
import { LOCK_REDIS } from '@frontera/platform-locking';
import type { AuditsConfig } from '../config/audits.config';
import { UseCasesModule } from '../wiring/use-cases.module';
import {
  ComplaintDecisionsController,
  ComplaintsController,
  PUBLIC_COMPLAINT_RULE,
} from './complaints.controller';

/**
 * The database MONGODB_URI names (else `audits`): the rate limit's keys are per deployment, so two
 * databases on one Redis never share a client's budget.
 */
export function complaintRateKeyPrefix(config: Pick<AuditsConfig, 'MONGODB_URI'>): string {
  const database = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(config.MONGODB_URI)?.[1] ?? 'audits';
  return `frontera:audits:rate:${database}:`;
}

/**
 * Complaints: `POST /complaints` and `POST /complaints/status` without login, rate-limited per client
 * on the lock's Redis connection (COMPLAINT_RATE_PER_MINUTE); the supervisors' list and triage.
 */
@Module({})
export class ComplaintsModule {
  static forRoot(config: Readonly<AuditsConfig>): DynamicModule {
    return {
      module: ComplaintsModule,
      imports: [
        UseCasesModule,
        RateLimitModule.forRoot({
          keyPrefix: complaintRateKeyPrefix(config),
          rules: {
            [PUBLIC_COMPLAINT_RULE]: { points: config.COMPLAINT_RATE_PER_MINUTE, durationSeconds: 60 },
          },
          redis: LOCK_REDIS,
        }),
      ],
      controllers: [ComplaintsController, ComplaintDecisionsController],
    };
  }
}
