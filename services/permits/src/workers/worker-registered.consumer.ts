import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { Topics, type EventEnvelope } from '@frontera/contracts';
import {
  DetectDuplicatesHandler,
  PermitsCommandErrors,
  SignalSharedPhoneHandler,
  WorkerRelations,
} from '@frontera/permits-application';
import { InboxStore, MessagingRuntime, type ConsumerDefinition } from '@frontera/platform-messaging';
import type { EventOrigin } from '@frontera/shared-application';
import type { PermitsConfig } from '../config/permits.config';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { ALL_DEPS, type AllDeps } from '../wiring/use-cases.module';
import { WORKER_MODELS, type SharedContactGroupDocument } from './workers.schemas';

/** The consumer's name: the inbox (`processed_events`) prefix. Never rename it. */
export const WORKER_CHECKS_CONSUMER = 'permits-worker-checks';

export interface WorkerChecksOutcome {
  readonly checked: boolean;
  readonly flagged: number;
  readonly signalled: boolean;
}

/**
 * What follows a registration, run by a consumer of the service's own `frontera.worker.registered`
 * (topic `frontera.permits.worker.v1`, group `<KAFKA_CONSUMER_GROUP_PREFIX>-workers`): duplicate
 * detection (pairs flagged on both records and listed for the officers of their states), then the
 * shared-phone signal (`frontera.worker.contact.shared`, ids and counts only). The event carries
 * the worker id only; everything else is read from the service's own records.
 *
 * The worker is stored just before the application that registered it: while that application is
 * not there yet (no relation, so no state to list a pair in and no employer to signal), the event
 * fails retriably (PERMIT.CONCURRENT_MODIFICATION) and the consumer runs it again with backoff. A
 * worker this database does not hold (another deployment's event) is skipped. Idempotent: the
 * inbox skips an event id already handled; a redelivery under another id, or a retry after a
 * partial run, changes nothing more (flags and reviews keyed by the pair, a group signalled only
 * when it grows).
 */
@Injectable()
export class WorkerRegisteredConsumer implements OnModuleInit {
  private readonly relations: WorkerRelations;

  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(WORKER_MODELS.sharedContactGroup) private readonly groups: Model<SharedContactGroupDocument>,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
    @Inject(ALL_DEPS) private readonly deps: AllDeps,
    private readonly duplicates: DetectDuplicatesHandler,
    private readonly sharedPhone: SignalSharedPhoneHandler,
  ) {
    this.relations = new WorkerRelations(deps);
  }

  onModuleInit(): void {
    this.runtime.registerOutboxSource(this.groups);
    this.runtime.registerConsumer(this.definition());
  }

  definition(): ConsumerDefinition {
    return {
      name: WORKER_CHECKS_CONSUMER,
      groupId: `${this.config.KAFKA_CONSUMER_GROUP_PREFIX}-workers`,
      topics: [Topics.worker.name],
      inbox: InboxStore.forConnection(this.connection),
      retry: { maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS },
      handlers: {
        'frontera.worker.registered': async (event) => {
          await this.check(event.data.workerId, originOf(event));
        },
      },
    };
  }

  /** Duplicate detection and the shared-phone signal for one registered worker. */
  async check(workerId: string, origin: EventOrigin): Promise<WorkerChecksOutcome> {
    const worker = await this.deps.workers.findById(workerId);
    if (!worker) return { checked: false, flagged: 0, signalled: false };
    if (worker.status === 'ACTIVE' && (await this.relations.ofId(workerId)).length === 0) {
      throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
    }
    const detected = await this.duplicates.execute(workerId, origin);
    const signal = await this.sharedPhone.execute(workerId, origin);
    return { checked: true, flagged: detected.flagged.length, signalled: signal.signalled };
  }
}

function originOf(event: EventEnvelope): EventOrigin {
  return { correlationId: event.correlationid ?? event.id, causationId: event.id };
}
