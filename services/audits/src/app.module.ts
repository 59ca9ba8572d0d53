import { Module, type DynamicModule } from '@nestjs/common';
import { DomainServiceModule } from '@frontera/platform-runtime';
import type { AuditsConfig } from './config/audits.config';
import { ComplaintsModule } from './complaints/complaints.module';
import { HttpModule } from './http/http.module';
import { ReferralsModule } from './referrals/referrals.module';
import { QUEUES } from './jobs/queues';
import { ConsumersModule } from './messaging/consumers.module';
import { SweepsModule } from './sweeps/sweeps.module';
import { AuditsConfigModule } from './wiring/config.module';

export const SERVICE_NAME = 'audits';

/**
 * The audits service:
 *
 *   http/         controllers (inspectors, tasks, employers' audit outcomes), request/response DTOs
 *   messaging/    consumers of employer events (profiles and plans) and of its own audit endings
 *   persistence/  mongoose schemas and repositories (finding notes encrypted)
 *   complaints/   public complaints (receipt code and secret, rate-limited) and their triage
 *   referrals/    referrals to the agencies: acknowledgements and outcomes
 *   sweeps/       the task sweep: due audits → tasks, assigned (BullMQ job scheduler)
 *   jobs/         BullMQ queues (defined in queues.ts)
 *   wiring/       configuration, domain policies and the use cases built from the adapters
 *
 * Business rules live in @frontera/audits-domain, use cases in @frontera/audits-application;
 * the platform every service runs on is DomainServiceModule of @frontera/platform-runtime.
 */
@Module({})
export class AppModule {
  static forRoot(config: Readonly<AuditsConfig>, options: { monitorCommands?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AuditsConfigModule.forRoot(config),
        DomainServiceModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          housekeeping: { queue: QUEUES.housekeeping },
          queues: QUEUES,
          ...(options.monitorCommands ? { monitorCommands: true } : {}),
          imports: [
            HttpModule,
            ConsumersModule,
            SweepsModule,
            ComplaintsModule.forRoot(config),
            ReferralsModule,
          ],
        }),
      ],
    };
  }
}
