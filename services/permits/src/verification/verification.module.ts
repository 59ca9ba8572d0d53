import { Module, type DynamicModule } from '@nestjs/common';
import { PublicVerificationHandler } from '@frontera/permits-application';
import { RateLimitModule } from '@frontera/platform-http';
import { LOCK_REDIS } from '@frontera/platform-locking';
import type { PermitsConfig } from '../config/permits.config';
import { ALL_DEPS, UseCasesModule, type AllDeps } from '../wiring/use-cases.module';
import { PUBLIC_VERIFICATION_RULE, PublicVerificationController } from './public-verification.controller';

/**
 * The database MONGODB_URI names (else `permits`): the rate limit's keys are per deployment, so two
 * databases on one Redis (test files, staging beside production) never share a client's budget.
 */
export function rateLimitKeyPrefix(config: Pick<PermitsConfig, 'MONGODB_URI'>): string {
  const database = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(config.MONGODB_URI)?.[1] ?? 'permits';
  return `frontera:permits:rate:${database}:`;
}

/**
 * Public verification: `GET /verify/{token}` and `GET /verify?number=&birthYear=`, without login,
 * rate-limited per client on the lock's Redis connection (rate-limiter-flexible;
 * VERIFY_RATE_PER_MINUTE requests a minute).
 */
@Module({})
export class VerificationModule {
  static forRoot(config: Readonly<PermitsConfig>): DynamicModule {
    return {
      module: VerificationModule,
      imports: [
        UseCasesModule,
        RateLimitModule.forRoot({
          keyPrefix: rateLimitKeyPrefix(config),
          rules: {
            [PUBLIC_VERIFICATION_RULE]: { points: config.VERIFY_RATE_PER_MINUTE, durationSeconds: 60 },
          },
          redis: LOCK_REDIS,
        }),
      ],
      providers: [
        {
          provide: PublicVerificationHandler,
          inject: [ALL_DEPS],
          useFactory: (deps: AllDeps) => new PublicVerificationHandler(deps),
        },
      ],
      controllers: [PublicVerificationController],
    };
  }
}
