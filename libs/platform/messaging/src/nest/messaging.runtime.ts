import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { EventConsumer } from '../consumer/event-consumer';
import { ensureTopics } from '../kafka/ensure-topics';
import { ConsumerLagMonitor } from '../metrics/consumer-lag.monitor';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { OutboxRelay } from '../outbox/outbox-relay';
import type { OutboxTarget } from '../outbox/outbox-store';
import {
  EVENT_PRODUCER,
  KAFKA_CLIENT,
  MESSAGING_OPTIONS,
  type ConsumerDefinition,
  type MessagingModuleOptions,
} from './messaging.options';

/**
 * The longest the shutdown gives to queued prunes (after the publishes in flight): what is left
 * stays pending for the relay, so a shutdown after a roster (thousands of prunes queued, a few ms
 * each on FerretDB) ends within its own timeout (SHUTDOWN_TIMEOUT_MS, 15 s by default).
 */
export const SHUTDOWN_PRUNE_BUDGET_MS = 5_000;

/**
 * The longest the messaging machinery's stop aims at, of SHUTDOWN_TIMEOUT_MS (15 s by default; the
 * database, Redis and the queues close after it): when stopping the consumers and the relay took
 * long (a loaded machine, a document in hand with hundreds of entries), the prunes get only what is
 * left of it, and none once it is spent — they stay pending for the relay.
 */
export const MESSAGING_STOP_BUDGET_MS = 9_000;

/** The prunes' budget when stopping began `elapsedMs` ago. */
export function pruneBudgetAfter(elapsedMs: number): number {
  return Math.max(0, Math.min(SHUTDOWN_PRUNE_BUDGET_MS, MESSAGING_STOP_BUDGET_MS - elapsedMs));
}

/**
 * Starts and stops the messaging machinery with the application.
 *
 * Bootstrap: connect the producer, create missing topics, start consumers,
 * start the outbox relay, start the lag monitor.
 * Shutdown (app.close(), or a signal with app.enableShutdownHooks()), in two phases:
 * - beforeApplicationShutdown: stop the consumers (each drains its message in
 *   flight and commits), stop the relay (its sweep in progress finishes), wait
 *   for the publishes in flight (OutboxPublisher.drain), stop the lag monitor.
 *   All of that reads and writes the database, so it runs before Nest closes
 *   connections in onApplicationShutdown (docs/decisions/0009-shutdown-order.md).
 * - onApplicationShutdown: disconnect the admin client and, last, the producer
 *   (consumers dead-letter and the relay publishes through it).
 *
 * Feature modules add consumers and outbox collections in their onModuleInit
 * (which runs before bootstrap) with registerConsumer / registerOutboxSource.
 */
@Injectable()
export class MessagingRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(MessagingRuntime.name);
  private readonly definitions: ConsumerDefinition[] = [];
  private readonly consumerList: EventConsumer[] = [];
  private readonly relay: OutboxRelay;
  private admin?: Admin;
  private lagMonitor?: ConsumerLagMonitor;
  private started = false;
  private bootstrapped = false;
  private stopping?: Promise<void>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(EVENT_PRODUCER) private readonly producer: Producer,
    @Inject(OutboxPublisher) private readonly publisher: OutboxPublisher,
  ) {
    this.definitions.push(...(options.consumers ?? []));
    const { sources, ...relayOptions } = options.outbox ?? {};
    this.relay = new OutboxRelay({ ...relayOptions, publisher, sources });
    // An idle relay sweeps seldom; a write whose publish or prune failed wakes it.
    publisher.onLeftPending(() => this.relay.wake());
  }

  registerConsumer(definition: ConsumerDefinition): void {
    if (this.started)
      throw new Error(`consumer ${definition.name} registered after bootstrap; register it in onModuleInit`);
    this.definitions.push(definition);
  }

  /** Adds a collection to the relay (its prunes need no lock: they are conditioned on the version). */
  registerOutboxSource(target: OutboxTarget): void {
    this.relay.addSource(target);
    if (this.bootstrapped) this.relay.start();
  }

  get consumers(): readonly EventConsumer[] {
    return this.consumerList;
  }

  get outboxRelay(): OutboxRelay {
    return this.relay;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await this.producer.connect();
    const lag = this.options.consumerLag;
    if ((this.options.ensureTopics?.length ?? 0) > 0 || (lag !== false && this.definitions.length > 0)) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    if (this.admin && this.options.ensureTopics?.length) {
      const result = await ensureTopics(this.admin, this.options.ensureTopics);
      if (result.created.length > 0) this.logger.log(`created topics: ${result.created.join(', ')}`);
    }
    for (const definition of this.definitions) {
      const consumer = new EventConsumer({ ...definition, kafka: this.kafka, producer: this.producer });
      this.consumerList.push(consumer);
      await consumer.start();
    }
    if (this.relay.sourceCount > 0) this.relay.start();
    if (this.admin && lag !== false && this.consumerList.length > 0) {
      this.lagMonitor = new ConsumerLagMonitor({
        admin: this.admin,
        intervalMs: lag?.intervalMs,
        targets: this.consumerList.map((c) => ({ groupId: c.groupId, topics: c.topics })),
      });
      this.lagMonitor.start();
    }
    this.bootstrapped = true;
    this.logger.log(
      `messaging started: ${this.consumerList.length} consumer(s), outbox relay ${this.relay.running ? 'on' : 'off'}`,
    );
  }

  /** Stops everything that reads or writes the database, while connections are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping ??= this.stopWork();
    await this.stopping;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown(); // done already when Nest ran the first phase
    await this.admin?.disconnect();
    await this.producer.disconnect();
    this.logger.log('messaging stopped');
  }

  private async stopWork(): Promise<void> {
    // Each step's time is logged: what a slow shutdown waited on.
    const started = Date.now();
    await Promise.all(
      this.consumerList.map(async (consumer) => {
        const from = Date.now();
        await consumer.stop();
        this.logger.log(`consumer ${consumer.groupId} stopped in ${Date.now() - from} ms`);
      }),
    );
    let step = Date.now();
    await this.relay.stop();
    this.logger.log(`outbox relay stopped in ${Date.now() - step} ms`);
    step = Date.now();
    await this.publisher.drain({ pruneBudgetMs: pruneBudgetAfter(Date.now() - started) });
    this.logger.log(`publishes and prunes drained in ${Date.now() - step} ms`);
    await this.lagMonitor?.stop();
    this.logger.log(`messaging work stopped in ${Date.now() - started} ms`);
  }
}
