import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DomainServiceModule } from '@frontera/platform-runtime';
import type { PermitsConfig } from './config/permits.config';
import { CardModule } from './card/card.module';
import { HttpModule } from './http/http.module';
import { QUEUES } from './jobs/queues';
import { ConsumersModule } from './messaging/consumers.module';
import { RostersModule } from './rosters/rosters.module';
import { VerificationModule } from './verification/verification.module';
import { SweepsModule } from './sweeps/sweeps.module';
import { PermitsConfigModule } from './wiring/config.module';
import { WorkersModule } from './workers/workers.module';

export const SERVICE_NAME = 'permits';

/**
 * The permits service:
 *
 *   http/         controllers, request/response DTOs, idempotency keys
 *   messaging/    consumers of employer events (the standing read model) and of its own approvals
 *   persistence/  mongoose schemas and repositories (personal data encrypted, blind indexes)
 *   jobs/         BullMQ queues (defined in queues.ts)
 *   card/         the printable permit card (PDF with the QR code)
 *   wiring/       configuration, domain policies and the use cases built from the adapters
 *
 * Business rules live in @frontera/permits-domain, use cases in @frontera/permits-application;
 * the platform every service runs on is DomainServiceModule of @frontera/platform-runtime.
 */
@Module({})
export class AppModule {
  static forRoot(
    config: Readonly<PermitsConfig>,
    options: { monitorCommands?: boolean; logDestination?: DestinationStream } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PermitsConfigModule.forRoot(config),
        DomainServiceModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          housekeeping: { queue: QUEUES.housekeeping },
          queues: QUEUES,
          ...(options.monitorCommands ? { monitorCommands: true } : {}),
          ...(options.logDestination ? { logDestination: options.logDestination } : {}),
          imports: [
            HttpModule,
            ConsumersModule,
            VerificationModule.forRoot(config),
            CardModule,
            SweepsModule,
            RostersModule,
            WorkersModule,
          ],
        }),
      ],
    };
  }
}
