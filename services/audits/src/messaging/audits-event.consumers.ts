import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { EventEnvelope } from '@frontera/contracts';
import {
  ApplyEmployerFactHandler,
  ApplyPermitFactHandler,
  AuditEndedHandler,
  TriageComplaintHandler,
  ComplaintRiskHandler,
  RecordReferralStatisticsHandler,
  REFERRAL_STATISTICS_EVENT_TYPES,
  EMPLOYER_FACT_EVENT_TYPES,
  type ReferralStatisticsEvent,
  employerFactFrom,
  PERMIT_FACT_EVENT_TYPES,
  permitFactFrom,
  WORKER_FACT_EVENT_TYPES,
  type AuditEndedEvent,
  type EmployerFactEvent,
  type PermitFactEvent,
} from '@frontera/audits-application';
import {
  consumerGroup,
  InboxStore,
  MessagingRuntime,
  type ConsumerDefinition,
} from '@frontera/platform-messaging';
import type { AuditsConfig } from '../config/audits.config';
import { MODELS } from '../persistence/persistence.module';
import type {
  ComplaintDocument,
  InspectorDocument,
  PlanDocument,
  ReferralDocument,
  TaskDocument,
} from '../persistence/audits.schemas';
import { AUDITS_CONFIG } from '../wiring/tokens';
import { AUDITS_CONSUMER_GROUPS } from './consumer-groups';

/** Stable consumer names: the inbox (`processed_events`) prefix of each. Never rename one. */
export const CONSUMERS = {
  employers: 'audits-employers',
  auditEnded: 'audits-audit-ended',
  complaints: 'audits-complaints',
  permits: 'audits-permits',
  workers: 'audits-workers',
  referralStatistics: 'audits-referral-statistics',
} as const;

/**
 * What this service consumes, registered with the messaging runtime before it starts:
 *
 * | consumer           | topic                          | events                                                  | effect                                     |
 * | ------------------ | ------------------------------ | ------------------------------------------------------- | ------------------------------------------ |
 * | audits-employers   | frontera.employers.employer.v1 | registered, verified, suspended, reinstated, deregistered, worksite added/updated/closed | employer profile; plan started / changed / cancelled; tasks cancelled |
 * | audits-audit-ended | frontera.audits.task.v1        | frontera.audit.outcome.recorded, frontera.audit.task.cancelled (its own) | next audit scheduled, follow-up, risk recomputed; a COMPLAINT audit's complaint closed |
 * | audits-complaints  | frontera.audits.complaint.v1   | frontera.audit.complaint.received, .closed (its own)    | automatic triage → COMPLAINT task, assigned; the employer's risk recomputed (OPEN_COMPLAINTS) |
 * | audits-permits     | frontera.permits.permit.v1     | issued, suspended, reinstated, revoked, expired, ended, transferred | permit read model (held permits, counters, endings); risk recomputed; retaliation → priority audit |
 * | audits-workers     | frontera.permits.worker.v1     | worker.contact.shared                                   | shared-contact signal per employer named; risk recomputed |
 * | audits-referral-statistics | frontera.audits.referral.v1 | frontera.audit.referral.created, .acknowledged, .closed, .overdue (its own) | referral statistics counters (`referral_statistics`) |
 *
 * Idempotent: the inbox skips an event id already handled; the profile, the permit counters, the
 * plan and every task remember the event ids applied to them (same write as the change). Also registers the
 * collections with an outbox with the relay.
 */
@Injectable()
export class AuditsEventConsumers implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(MODELS.plan) private readonly plans: Model<PlanDocument>,
    @InjectModel(MODELS.task) private readonly tasks: Model<TaskDocument>,
    @InjectModel(MODELS.inspector) private readonly inspectors: Model<InspectorDocument>,
    @Inject(AUDITS_CONFIG) private readonly config: AuditsConfig,
    private readonly employerFacts: ApplyEmployerFactHandler,
    private readonly auditEnded: AuditEndedHandler,
    private readonly triage: TriageComplaintHandler,
    private readonly complaintRisk: ComplaintRiskHandler,
    private readonly permitFacts: ApplyPermitFactHandler,
    @InjectModel(MODELS.complaint) private readonly complaints: Model<ComplaintDocument>,
    @InjectModel(MODELS.referral) private readonly referrals: Model<ReferralDocument>,
    private readonly referralStatistics: RecordReferralStatisticsHandler,
  ) {}

  onModuleInit(): void {
    for (const model of [this.plans, this.tasks, this.inspectors, this.complaints, this.referrals])
      this.runtime.registerOutboxSource(model);
    for (const definition of this.definitions()) this.runtime.registerConsumer(definition);
  }

  definitions(): ConsumerDefinition[] {
    const inbox = InboxStore.forConnection(this.connection);
    const common = { inbox, retry: { maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS } };
    const group = (suffix: keyof typeof AUDITS_CONSUMER_GROUPS) =>
      consumerGroup(AUDITS_CONSUMER_GROUPS, this.config.KAFKA_CONSUMER_GROUP_PREFIX, suffix);
    const metadata = (event: EventEnvelope) => ({
      eventId: event.id,
      correlationId: event.correlationid ?? event.id,
    });
    const employerFact = async (event: EventEnvelope) => {
      await this.employerFacts.execute(employerFactFrom(event as EmployerFactEvent), metadata(event));
    };
    const ended = async (event: EventEnvelope) => {
      await this.auditEnded.execute(event as AuditEndedEvent, metadata(event));
    };
    const permitFact = async (event: EventEnvelope) => {
      await this.permitFacts.execute(permitFactFrom(event as PermitFactEvent), metadata(event));
    };
    return [
      {
        ...common,
        name: CONSUMERS.employers,
        ...group('employers'),
        handlers: Object.fromEntries(EMPLOYER_FACT_EVENT_TYPES.map((type) => [type, employerFact])),
      },
      {
        ...common,
        name: CONSUMERS.auditEnded,
        ...group('audit-ended'),
        handlers: {
          'frontera.audit.outcome.recorded': ended,
          'frontera.audit.task.cancelled': ended,
        },
      },
      {
        ...common,
        name: CONSUMERS.complaints,
        ...group('complaints'),
        handlers: {
          'frontera.audit.complaint.received': async (event) => {
            await this.triage.automatically(event.data.complaintId, metadata(event));
            await this.complaintRisk.execute(event.data.employerId, metadata(event));
          },
          'frontera.audit.complaint.closed': async (event) => {
            await this.complaintRisk.execute(event.data.employerId, metadata(event));
          },
        },
      },
      {
        ...common,
        name: CONSUMERS.permits,
        ...group('permits'),
        handlers: Object.fromEntries(PERMIT_FACT_EVENT_TYPES.map((type) => [type, permitFact])),
      },
      {
        ...common,
        name: CONSUMERS.workers,
        ...group('workers'),
        handlers: Object.fromEntries(WORKER_FACT_EVENT_TYPES.map((type) => [type, permitFact])),
      },
      {
        ...common,
        name: CONSUMERS.referralStatistics,
        ...group('referral-statistics'),
        handlers: Object.fromEntries(
          REFERRAL_STATISTICS_EVENT_TYPES.map((type) => [
            type,
            async (event: EventEnvelope) => {
              await this.referralStatistics.execute(event as ReferralStatisticsEvent);
            },
          ]),
        ),
      },
    ];
  }
}
