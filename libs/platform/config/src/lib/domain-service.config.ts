import { IsIn, IsInt, Max, Min } from 'class-validator';
import { Default, EnvVar } from './env-var.decorators';
import { ServiceConfig } from './service.config';

/**
 * What every service that owns aggregates needs besides ServiceConfig, with defaults that are right
 * in production too (tuning knobs and policy): the aggregate lock (platform-locking), its consumers'
 * retries (platform-messaging), Idempotency-Key records (platform-http) and the housekeeping of the
 * platform's collections (platform-jobs). A service's config extends it:
 * `class PermitsConfig extends DomainServiceConfig { … }`.
 */
export class DomainServiceConfig extends ServiceConfig {
  @EnvVar({
    description: 'handler runs per consumed event before it goes to the dead-letter topic (1–20)',
    type: 'integer',
  })
  @Default('5')
  @IsInt()
  @Min(1)
  @Max(20)
  CONSUMER_MAX_ATTEMPTS!: number;

  @EnvVar({
    description:
      'milliseconds an aggregate lock lives without renewal (a crashed holder frees it after this)',
    type: 'integer',
  })
  @Default('10000')
  @IsInt()
  @Min(1000)
  @Max(120000)
  LOCK_TTL_MS!: number;

  @EnvVar({
    description: 'longest a command waits for an aggregate lock before answering 503 <CONTEXT>.BUSY',
    type: 'integer',
  })
  @Default('5000')
  @IsInt()
  @Min(100)
  @Max(60000)
  LOCK_WAIT_MS!: number;

  @EnvVar({
    description: 'hours an Idempotency-Key is remembered (1–168)',
    type: 'integer',
  })
  @Default('24')
  @IsInt()
  @Min(1)
  @Max(168)
  IDEMPOTENCY_KEY_TTL_HOURS!: number;

  @EnvVar({
    description:
      'hours consumer inbox records (processed_events) are kept; longer than the 14-day Kafka retention of event topics (24–8784)',
    type: 'integer',
  })
  @Default('384')
  @IsInt()
  @Min(24)
  @Max(8784)
  PROCESSED_EVENTS_RETENTION_HOURS!: number;

  @EnvVar({
    description:
      'milliseconds between housekeeping runs (purge of processed_events and expired idempotency_keys; 60000–86400000)',
    type: 'integer',
  })
  @Default('3600000')
  @IsInt()
  @Min(60000)
  @Max(86400000)
  HOUSEKEEPING_EVERY_MS!: number;

  @EnvVar({
    description:
      'the read-only queue board (Bull Board) of every queue of the service at /ops/queues/ and the service name, supervisors only: enabled or disabled (decision 0044)',
  })
  @Default('enabled')
  @IsIn(['enabled', 'disabled'])
  OPS_QUEUE_BOARD!: 'enabled' | 'disabled';
}
