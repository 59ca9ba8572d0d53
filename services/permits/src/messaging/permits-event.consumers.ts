import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { EventEnvelope } from '@frontera/contracts';
import {
  ApplyEmployerFactHandler,
  AUDIT_OUTCOME_EVENT_TYPE,
  auditOutcomeFrom,
  CompleteApprovedApplicationHandler,
  EMPLOYER_FACT_EVENT_TYPES,
  employerFactFrom,
  ProjectPermitVerificationHandler,
  RecordAuditOutcomeHandler,
  type AuditOutcomeEvent,
  type EmployerFactEvent,
} from '@frontera/permits-application';
import { getOrCreateCounter } from '@frontera/platform-observability';
import {
  consumerGroup,
  InboxStore,
  MessagingRuntime,
  type ConsumerDefinition,
} from '@frontera/platform-messaging';
import type { PermitsConfig } from '../config/permits.config';
import { MODELS } from '../persistence/persistence.module';
import type { ApplicationDocument, PermitDocument, WorkerDocument } from '../persistence/permits.schemas';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { PERMITS_CONSUMER_GROUPS } from './consumer-groups';

/** Stable consumer names: the inbox (`processed_events`) prefix of each. Never rename one. */
export const CONSUMERS = {
  employers: 'permits-employers',
  approvals: 'permits-approvals',
  verification: 'permits-verification',
  auditOutcomes: 'permits-audit-outcomes',
} as const;

/** The service's own permit events: each one re-projects the permit's verification entry. */
export const PERMIT_EVENT_TYPES = [
  'frontera.permit.issued',
  'frontera.permit.suspended',
  'frontera.permit.reinstated',
  'frontera.permit.revoked',
  'frontera.permit.renewed',
  'frontera.permit.expiring',
  'frontera.permit.expired',
  'frontera.permit.ended',
  'frontera.permit.transferable',
  'frontera.permit.transferred',
] as const;

/** Employer events that may change the public name public verification shows. */
const PUBLIC_NAME_EVENT_TYPES: ReadonlySet<string> = new Set([
  'frontera.employer.registered',
  'frontera.employer.verified',
  'frontera.employer.updated',
]);

/** Permits named by audit outcomes that this service does not hold (skipped, not failed). */
const unknownAuditPermits = getOrCreateCounter({
  name: 'permits_audit_outcome_unknown_permits_total',
  help: 'Permit ids named by frontera.audit.outcome.recorded findings that this service does not hold (skipped)',
});

/**
 * What this service consumes, registered with the messaging runtime before it starts:
 *
 * | consumer          | topic                               | events                                   | effect                                      |
 * | ----------------- | ----------------------------------- | ---------------------------------------- | ------------------------------------------- |
 * | permits-employers | frontera.employers.employer.v1      | employer and worksite events             | employer standing; transferable permits      |
 * | permits-approvals | frontera.permits.application.v1     | frontera.permit.application.approved     | completes an interrupted issuance (own event) |
 * | permits-verification | frontera.permits.permit.v1, .worker.v1 | every permit event; frontera.worker.merged | the verification read model (own events) |
 * | permits-audit-outcomes | frontera.audits.task.v1          | frontera.audit.outcome.recorded          | findings recorded against the permits named |
 *
 * The employers consumer also re-projects the verification entries of an employer after an event
 * that may change its public name.
 *
 * Idempotent: the inbox skips an event id already handled; the standing and every permit remember
 * the event ids applied to them (same write as the change). Also registers the collections with an
 * outbox with the relay.
 */
@Injectable()
export class PermitsEventConsumers implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(MODELS.worker) private readonly workers: Model<WorkerDocument>,
    @InjectModel(MODELS.application) private readonly applications: Model<ApplicationDocument>,
    @InjectModel(MODELS.permit) private readonly permits: Model<PermitDocument>,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
    private readonly employerFacts: ApplyEmployerFactHandler,
    private readonly approvals: CompleteApprovedApplicationHandler,
    private readonly verification: ProjectPermitVerificationHandler,
    private readonly auditOutcomes: RecordAuditOutcomeHandler,
  ) {}

  private readonly logger = new Logger('PermitsEventConsumers');

  onModuleInit(): void {
    for (const model of [this.workers, this.applications, this.permits])
      this.runtime.registerOutboxSource(model);
    for (const definition of this.definitions()) this.runtime.registerConsumer(definition);
  }

  definitions(): ConsumerDefinition[] {
    const inbox = InboxStore.forConnection(this.connection);
    const common = { inbox, retry: { maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS } };
    const group = (suffix: keyof typeof PERMITS_CONSUMER_GROUPS) =>
      consumerGroup(PERMITS_CONSUMER_GROUPS, this.config.KAFKA_CONSUMER_GROUP_PREFIX, suffix);
    const employerFact = async (event: EventEnvelope) => {
      const fact = employerFactFrom(event as EmployerFactEvent);
      const applied = await this.employerFacts.execute(fact, {
        eventId: event.id,
        correlationId: event.correlationid ?? event.id,
      });
      // After the standing is stored, so the entries read the new name; again on a redelivery.
      if (PUBLIC_NAME_EVENT_TYPES.has(event.type) && applied.publicNameMayHaveChanged) {
        await this.verification.employer(fact.employerId);
      }
    };
    const projectPermit = async (event: EventEnvelope) => {
      await this.verification.permit((event.data as { permitId: string }).permitId);
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
        name: CONSUMERS.approvals,
        ...group('approvals'),
        handlers: {
          'frontera.permit.application.approved': (event) =>
            this.approvals.execute(event.data.applicationId, {
              eventId: event.id,
              correlationId: event.correlationid ?? event.id,
            }),
        },
      },
      {
        ...common,
        name: CONSUMERS.verification,
        ...group('verification'),
        handlers: {
          ...Object.fromEntries(PERMIT_EVENT_TYPES.map((type) => [type, projectPermit])),
          'frontera.worker.merged': async (event) => {
            await this.verification.workerMerged(event.data.workerId, event.data.survivorWorkerId);
          },
        },
      },
      {
        ...common,
        name: CONSUMERS.auditOutcomes,
        ...group('audit-outcomes'),
        handlers: {
          [AUDIT_OUTCOME_EVENT_TYPE]: async (event) => {
            const recorded = await this.auditOutcomes.execute(auditOutcomeFrom(event as AuditOutcomeEvent), {
              eventId: event.id,
              correlationId: event.correlationid ?? event.id,
            });
            if (recorded.unknownPermits > 0) {
              unknownAuditPermits.inc(recorded.unknownPermits);
              this.logger.warn(
                `audit outcome ${event.id}: ${recorded.unknownPermits} permit id(s) not held here, skipped`,
              );
            }
          },
        },
      },
    ];
  }
}
