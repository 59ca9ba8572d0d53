import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import {
  ApplyAuditOutcomeHandler,
  applyAuditOutcomeCommandFrom,
  RecordPermitHeadcountHandler,
  recordPermitHeadcountCommandFrom,
  RecordRiskChangeHandler,
  recordRiskChangeCommandFrom,
  type HeadcountEvent,
} from '@frontera/employers-application';
import {
  consumerGroup,
  InboxStore,
  MessagingRuntime,
  type ConsumerDefinition,
} from '@frontera/platform-messaging';
import type { EmployersConfig } from '../config/employers.config';
import { EMPLOYER_MODEL, type EmployerDocument } from '../persistence/employer.schema';
import { EMPLOYERS_CONFIG } from '../wiring/tokens';
import { EMPLOYERS_CONSUMER_GROUPS } from './consumer-groups';

/** Stable consumer names: the inbox (`processed_events`) prefix of each. Never rename one. */
export const CONSUMERS = {
  auditOutcomes: 'employers-audit-outcomes',
  risk: 'employers-risk',
  permits: 'employers-permits',
} as const;

/**
 * What this service consumes, registered with the messaging runtime before it starts:
 *
 * | consumer                  | topic                       | events                                   | effect                              |
 * | ------------------------- | --------------------------- | ---------------------------------------- | ----------------------------------- |
 * | employers-audit-outcomes  | frontera.audits.task.v1     | frontera.audit.outcome.recorded          | rating B/A, CRITICAL_FINDINGS suspension |
 * | employers-risk            | frontera.audits.risk.v1     | frontera.audit.risk.changed              | risk stored for officers            |
 * | employers-permits         | frontera.permits.permit.v1  | frontera.permit.issued/ended/expired/revoked | worksite headcount              |
 *
 * Other types on those topics are skipped. Idempotent three times over: the inbox skips an
 * event id already handled; the employer document remembers the event ids applied to it (same
 * write as the change); the domain ignores an audit, risk computation or permit it has. Also
 * registers the employers collection with the outbox relay.
 */
@Injectable()
export class EmployerEventConsumers implements OnModuleInit {
  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(EMPLOYER_MODEL) private readonly employers: Model<EmployerDocument>,
    @Inject(EMPLOYERS_CONFIG) private readonly config: EmployersConfig,
    private readonly auditOutcomes: ApplyAuditOutcomeHandler,
    private readonly riskChanges: RecordRiskChangeHandler,
    private readonly headcount: RecordPermitHeadcountHandler,
  ) {}

  onModuleInit(): void {
    // The relay's prunes need no lock: they are conditioned on the version they published
    // (docs/decisions/0027-ferretdb-version-guard.md).
    this.runtime.registerOutboxSource(this.employers);
    for (const definition of this.definitions()) this.runtime.registerConsumer(definition);
  }

  definitions(): ConsumerDefinition[] {
    const inbox = InboxStore.forConnection(this.connection);
    const common = { inbox, retry: { maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS } };
    const group = (suffix: keyof typeof EMPLOYERS_CONSUMER_GROUPS) =>
      consumerGroup(EMPLOYERS_CONSUMER_GROUPS, this.config.KAFKA_CONSUMER_GROUP_PREFIX, suffix);
    // Refusals that retrying cannot change (unknown employer or worksite…) are dead-lettered at
    // once and the rest retried: the platform consumer's policy reads each AppError's `retriable`.
    const headcount = (event: HeadcountEvent) =>
      this.headcount.execute(recordPermitHeadcountCommandFrom(event));
    return [
      {
        ...common,
        name: CONSUMERS.auditOutcomes,
        ...group('audit-outcomes'),
        handlers: {
          'frontera.audit.outcome.recorded': (event) =>
            this.auditOutcomes.execute(applyAuditOutcomeCommandFrom(event)),
        },
      },
      {
        ...common,
        name: CONSUMERS.risk,
        ...group('risk'),
        handlers: {
          'frontera.audit.risk.changed': (event) =>
            this.riskChanges.execute(recordRiskChangeCommandFrom(event)),
        },
      },
      {
        ...common,
        name: CONSUMERS.permits,
        ...group('permits'),
        handlers: {
          'frontera.permit.issued': headcount,
          'frontera.permit.ended': headcount,
          'frontera.permit.expired': headcount,
          'frontera.permit.revoked': headcount,
        },
      },
    ];
  }
}
