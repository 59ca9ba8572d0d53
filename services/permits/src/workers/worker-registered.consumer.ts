import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { EventEnvelope } from '@frontera/contracts';
import {
  DetectDuplicatesHandler,
  SignalSharedPhoneHandler,
  WorkerRelations,
} from '@frontera/permits-application';
import {
  consumerGroup,
  InboxStore,
  MessagingRuntime,
  type ConsumerDefinition,
} from '@frontera/platform-messaging';
import type { EventOrigin } from '@frontera/shared-application';
import type { PermitsConfig } from '../config/permits.config';
import { PERMITS_CONSUMER_GROUPS } from '../messaging/consumer-groups';
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
 * What follows a registration, run by a consumer of the service's own events (group
 * `<KAFKA_CONSUMER_GROUP_PREFIX>-workers`): duplicate detection (pairs flagged on both records and
 * listed for the officers of their states), then the shared-phone signal
 * (`frontera.worker.contact.shared`, ids and counts only). The events carry the worker id only;
 * everything else is read from the service's own records.
 *
 * The checks need the worker's first application (its state to list a pair in, its employer to
 * signal), which is stored just after the worker. So they run on whichever comes last of
 * `frontera.worker.registered` (topic `frontera.permits.worker.v1`) and the worker's
 * `frontera.permit.application.submitted` (topic `frontera.permits.application.v1`): a registration
 * found without an application is left to the application's event — also when the request that
 * registered the worker was killed before storing its application, and the application comes only
 * with the client's retry (it reuses the worker record); waiting for it by failing the event ended on
 * the dead-letter topic then. Each worker is checked once: a mark in the inbox
 * (`checked:<workerId>`) makes the second event a read. A worker this database does not hold
 * (another deployment's event) is skipped. Idempotent: the inbox skips an event id already handled; a
 * rerun after a partial run changes nothing more (flags and reviews keyed by the pair, a group
 * signalled only when it grows). For the same reasons the two events of one worker may be handled
 * at the same time (they are on different topics): WORKER_CHECKS_CONCURRENCY partitions are
 * handled side by side, the shared-phone signal runs under its group's lock, and a flag is a
 * versioned save of the worker.
 */
@Injectable()
export class WorkerRegisteredConsumer implements OnModuleInit {
  private readonly relations: WorkerRelations;
  private readonly inbox: InboxStore;

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
    this.inbox = InboxStore.forConnection(this.connection);
  }

  onModuleInit(): void {
    this.runtime.registerOutboxSource(this.groups);
    this.runtime.registerConsumer(this.definition());
  }

  definition(): ConsumerDefinition {
    return {
      name: WORKER_CHECKS_CONSUMER,
      ...consumerGroup(PERMITS_CONSUMER_GROUPS, this.config.KAFKA_CONSUMER_GROUP_PREFIX, 'workers'),
      inbox: this.inbox,
      retry: { maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS },
      // A roster brings thousands of registrations at once; each check waits on about ten reads,
      // so partitions are handled side by side (safe: see the class comment).
      partitionsConsumedConcurrently: this.config.WORKER_CHECKS_CONCURRENCY,
      handlers: {
        'frontera.worker.registered': async (event) => {
          await this.check(event.data.workerId, originOf(event));
        },
        'frontera.permit.application.submitted': async (event) => {
          await this.check(event.data.workerId, originOf(event));
        },
      },
    };
  }

  /**
   * Duplicate detection and the shared-phone signal for one registered worker, once: nothing while
   * the worker has no application yet (its application's event runs them), nothing when done before.
   */
  async check(workerId: string, origin: EventOrigin): Promise<WorkerChecksOutcome> {
    const skipped = { checked: false, flagged: 0, signalled: false } as const;
    const mark = { id: `checked:${workerId}`, type: 'worker.checks' };
    if (await this.inbox.has(WORKER_CHECKS_CONSUMER, mark.id)) return skipped;
    const worker = await this.deps.workers.findById(workerId);
    if (!worker) return skipped;
    // Read once for both checks: the worker (decrypted once) and, for an active one, its relations.
    const relations = worker.status === 'ACTIVE' ? await this.relations.ofId(workerId) : undefined;
    if (relations?.length === 0) return skipped;
    const detected = await this.duplicates.forWorker(worker, origin, relations);
    const signal = await this.sharedPhone.forWorker(worker, origin, relations);
    await this.inbox.markProcessed(WORKER_CHECKS_CONSUMER, mark);
    return { checked: true, flagged: detected.flagged.length, signalled: signal.signalled };
  }
}

function originOf(event: EventEnvelope): EventOrigin {
  return { correlationId: event.correlationid ?? event.id, causationId: event.id };
}
