import { Module, type DynamicModule } from '@nestjs/common';
import { DomainServiceModule } from '@frontera/platform-runtime';
import type { EmployersConfig } from './config/employers.config';
import { HttpModule } from './http/http.module';
import { QUEUES } from './jobs/queues';
import { ConsumersModule } from './messaging/consumers.module';
import { EmployersConfigModule } from './wiring/config.module';

export const SERVICE_NAME = 'employers';

/**
 * The employers service:
 *
 *   http/         controllers, request/response DTOs, error mapping, idempotency keys
 *   messaging/    consumers of audit and permit events
 *   persistence/  mongoose schema, repository and sequence adapters (personal data encrypted)
 *   jobs/         BullMQ queues (defined in queues.ts): the platform's housekeeping
 *   wiring/       configuration and the application's use cases built from the adapters
 *
 * Business rules live in @frontera/employers-domain, use cases in @frontera/employers-application;
 * the platform every service runs on (observability, auth, MongoDB, Kafka, BullMQ, locks, PII
 * cipher, housekeeping) is DomainServiceModule of @frontera/platform-runtime.
 */
@Module({})
export class AppModule {
  /**
   * @param options.monitorCommands the MongoDB driver emits command events (tests count the
   * service's database round trips with them; off in production).
   */
  static forRoot(
    config: Readonly<EmployersConfig>,
    options: { monitorCommands?: boolean } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EmployersConfigModule.forRoot(config),
        DomainServiceModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          housekeeping: { queue: QUEUES.housekeeping },
          queues: QUEUES,
          ...(options.monitorCommands ? { monitorCommands: true } : {}),
          imports: [HttpModule, ConsumersModule],
        }),
      ],
    };
  }
}
