import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import {
  auditProgram,
  retaliationPolicy,
  type AuditProgram,
  type RetaliationPolicy,
} from '@frontera/audits-domain';
import { developmentAuthPublicKey } from '@frontera/platform-auth';
import { Default, DevDefaults, DomainServiceConfig, EnvVar } from '@frontera/platform-config';

/**
 * The audits service's environment: everything of DomainServiceConfig (ServiceConfig, the aggregate
 * lock, consumers, idempotency keys, housekeeping) plus the variables below, all with defaults that
 * are right in production too (the program's published cadences). Listed in the README
 * (`configMarkdownTable(AuditsConfig)`).
 */
@DevDefaults<AuditsConfig>({
  MONGODB_URI: 'mongodb://127.0.0.1:17017/audits',
  AUTH_PUBLIC_KEY: developmentAuthPublicKey,
  PORT: '3003',
})
export class AuditsConfig extends DomainServiceConfig {
  @EnvVar({
    description:
      'prefix of the Kafka consumer group ids (<prefix>-employers, -audit-ended, -complaints, -permits, -workers)',
  })
  @Default('audits')
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/, { message: 'must be letters, digits, ".", "_" or "-"' })
  KAFKA_CONSUMER_GROUP_PREFIX!: string;

  @EnvVar({ description: 'days between periodic audits of a HIGH-risk employer (1–365)', type: 'integer' })
  @Default('30')
  @IsInt()
  @Min(1)
  @Max(365)
  CADENCE_HIGH_DAYS!: number;

  @EnvVar({ description: 'days between periodic audits of a MEDIUM-risk employer (1–730)', type: 'integer' })
  @Default('90')
  @IsInt()
  @Min(1)
  @Max(730)
  CADENCE_MEDIUM_DAYS!: number;

  @EnvVar({ description: 'days between periodic audits of a LOW-risk employer (1–1095)', type: 'integer' })
  @Default('180')
  @IsInt()
  @Min(1)
  @Max(1095)
  CADENCE_LOW_DAYS!: number;

  @EnvVar({
    description: 'days before its due day a planned audit becomes a task (0–180; never before today)',
    type: 'integer',
  })
  @Default('30')
  @IsInt()
  @Min(0)
  @Max(180)
  TASK_LEAD_DAYS!: number;

  @EnvVar({
    description:
      'LOW-tier employers drawn for an extra RANDOM audit each cycle, per thousand (0–1000; 50 = 5 %)',
    type: 'integer',
  })
  @Default('50')
  @IsInt()
  @Min(0)
  @Max(1000)
  RANDOM_AUDIT_RATE_PER_MILLE!: number;

  @EnvVar({
    description:
      'days of a random-audit cycle: each LOW-tier employer is drawn once per cycle, on a random day of it (1–730)',
    type: 'integer',
  })
  @Default('90')
  @IsInt()
  @Min(1)
  @Max(730)
  RANDOM_AUDIT_CYCLE_DAYS!: number;

  @EnvVar({
    description:
      "UTC offset in minutes of the program's calendar days (due days, sweep buckets, deadlines; −720–840)",
    type: 'integer',
  })
  @Default('-360')
  @IsInt()
  @Min(-720)
  @Max(840)
  AUDIT_UTC_OFFSET_MINUTES!: number;

  @EnvVar({ description: 'milliseconds between task sweeps (10000–86400000)', type: 'integer' })
  @Default('3600000')
  @IsInt()
  @Min(10000)
  @Max(86400000)
  TASK_SWEEP_EVERY_MS!: number;

  @EnvVar({
    description: 'days the task sweep looks back for buckets a stopped service missed (0–60)',
    type: 'integer',
  })
  @Default('7')
  @IsInt()
  @Min(0)
  @Max(60)
  TASK_SWEEP_CATCH_UP_DAYS!: number;

  @EnvVar({
    description:
      'public complaint requests (filing, status checks) a client may make per minute (Redis-backed; 1–100000)',
    type: 'integer',
  })
  @Default('10')
  @IsInt()
  @Min(1)
  @Max(100000)
  COMPLAINT_RATE_PER_MINUTE!: number;

  @EnvVar({
    description:
      "days after a complaint against an employer or an audit visit within which the employer's ending of permits counts as retaliation (1–365)",
    type: 'integer',
  })
  @Default('30')
  @IsInt()
  @Min(1)
  @Max(365)
  RETALIATION_WINDOW_DAYS!: number;
}

/** The audit program (cadences, lead days, calendar offset, random sample) from the configuration; refused at boot when invalid. */
export function auditProgramOf(config: AuditsConfig): AuditProgram {
  return auditProgram({
    utcOffsetMinutes: config.AUDIT_UTC_OFFSET_MINUTES,
    taskLeadDays: config.TASK_LEAD_DAYS,
    cadenceDays: {
      HIGH: config.CADENCE_HIGH_DAYS,
      MEDIUM: config.CADENCE_MEDIUM_DAYS,
      LOW: config.CADENCE_LOW_DAYS,
    },
    randomAuditRate: config.RANDOM_AUDIT_RATE_PER_MILLE / 1000,
    randomCycleDays: config.RANDOM_AUDIT_CYCLE_DAYS,
  });
}

/** Retaliation detection (the window after a complaint or a visit) from the configuration. */
export function retaliationPolicyOf(config: AuditsConfig): RetaliationPolicy {
  return retaliationPolicy({ windowDays: config.RETALIATION_WINDOW_DAYS });
}
