import { Module } from '@nestjs/common';
import { SweepPermitsHandler } from '@frontera/permits-application';
import type { PermitsConfig } from '../config/permits.config';
import { ALL_DEPS, UseCasesModule, type AllDeps } from '../wiring/use-cases.module';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { PermitSweeps } from './permit-sweeps';

/**
 * Expiry and the expiry notice as a scheduled BullMQ job (never request-time checks): the
 * SweepPermitsHandler of @frontera/permits-application over the service's ports, run by
 * PermitSweeps every SWEEP_EVERY_MS, looking back SWEEP_CATCH_UP_DAYS.
 */
@Module({
  imports: [UseCasesModule],
  providers: [
    {
      provide: SweepPermitsHandler,
      inject: [ALL_DEPS, PERMITS_CONFIG],
      useFactory: (deps: AllDeps, config: PermitsConfig) =>
        new SweepPermitsHandler(deps, { catchUpDays: config.SWEEP_CATCH_UP_DAYS }),
    },
    PermitSweeps,
  ],
  exports: [SweepPermitsHandler, PermitSweeps],
})
export class SweepsModule {}
