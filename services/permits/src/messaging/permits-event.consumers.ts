import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { Topics, type EventEnvelope } from '@frontera/contracts';
import {
  ApplyEmployerFactHandler,
  CompleteApprovedApplicationHandler,
  EMPLOYER_FACT_EVENT_TYPES,
  employerFactFrom,
  type EmployerFactEvent,
} from '@frontera/permits-application';
import { InboxStore, MessagingRuntime, type ConsumerDefinition } from '@frontera/platform-messaging';
import type { PermitsConfig } from '../config/permits.config';
import { MODELS } from '../persistence/persistence.module';
import type { ApplicationDocument, PermitDocument, WorkerDocument } from '../persistence/permits.schemas';
import { PERMITS_CONFIG } from '../wiring/tokens';

/** Stable consumer names: the inbox (`processed_events`) prefix of each. Never rename one. */
export const CONSUMERS = {
  employers: 'permits-employers',
  approvals: 'permits-approvals',
} as const;

/**
 * What this service consumes, registered with the messaging runtime before it starts:
 *
 * | consumer          | topic                               | events                                   | effect                                      |
 * | ----------------- | ----------------------------------- | ---------------------------------------- | ------------------------------------------- |
 * | permits-employers | frontera.employers.employer.v1      | employer and worksite events             | employer standing; transferable permits      |
 * | permits-approvals | frontera.permits.application.v1     | frontera.permit.application.approved     | completes an interrupted issuance (own event) |
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
  ) {}

  onModuleInit(): void {
    for (const model of [this.workers, this.applications, this.permits])
      this.runtime.registerOutboxSource(model);
    for (const definition of this.definitions()) this.runtime.registerConsumer(definition);
  }

  definitions(): ConsumerDefinition[] {
    const inbox = InboxStore.forConnection(this.connection);
    const common = { inbox, retry: { maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS } };
    const group = (suffix: string) => `${this.config.KAFKA_CONSUMER_GROUP_PREFIX}-${suffix}`;
    const employerFact = async (event: EventEnvelope) => {
      await this.employerFacts.execute(employerFactFrom(event as EmployerFactEvent), {
        eventId: event.id,
        correlationId: event.correlationid ?? event.id,
      });
    };
    return [
      {
        ...common,
        name: CONSUMERS.employers,
        groupId: group('employers'),
        topics: [Topics.employer.name],
        handlers: Object.fromEntries(EMPLOYER_FACT_EVENT_TYPES.map((type) => [type, employerFact])),
      },
      {
        ...common,
        name: CONSUMERS.approvals,
        groupId: group('approvals'),
        topics: [Topics.permitApplication.name],
        handlers: {
          'frontera.permit.application.approved': (event) =>
            this.approvals.execute(event.data.applicationId, {
              eventId: event.id,
              correlationId: event.correlationid ?? event.id,
            }),
        },
      },
    ];
  }
}
