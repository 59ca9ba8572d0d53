import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import {
  assertEnvelope,
  ContractViolationError,
  type EventData,
  type EventEnvelope,
  type EventType,
} from '@frontera/contracts';
import {
  contextFromCarrier,
  CORRELATION_ID_ATTRIBUTE,
  CorrelationContext,
  SpanKind,
  traced,
} from '@frontera/platform-observability';
import { EventHeaders, headerText } from '../kafka/headers';
import { deadLetterHeaders, deadLetterTopicFor, type DeadLetterReason } from '../kafka/dead-letter';
import { createEventProducer } from '../kafka/kafka-client';
import { consumerMessagesCounter, type ConsumerOutcome } from '../metrics/messaging-metrics';
import { abortableDelay } from '../support/abortable-delay';
import { defaultLogger, errorMessage, errorStack, type MessagingLogger } from '../support/logger';
import { backoffDelay, retryPolicy, type RetryPolicy } from './backoff';
import { isNonRetriable } from './errors';
import type { InboxStore } from './inbox.store';

export interface HandlerContext {
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on the first run, 2 on the first retry… */
  readonly attempt: number;
  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void>;
}

/** Handles one event; what it resolves to is ignored (handlers may return their command's result). */
export type EventHandler<T extends EventType> = (
  event: EventEnvelope<T, EventData<T>>,
  context: HandlerContext,
) => Promise<unknown>;

/** Handlers by event type; types without a handler are skipped (and their offsets committed). */
export type EventHandlers = { readonly [T in EventType]?: EventHandler<T> };

type AnyEventHandler = (
  event: EventEnvelope<EventType, EventData<EventType>>,
  context: HandlerContext,
) => Promise<unknown>;

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  /** Stable name of this consumer: prefix of its inbox ids and default group id. */
  readonly name: string;
  /** Consumer group (default: `name`). */
  readonly groupId?: string;
  /** Topics to subscribe to; they must exist before start() (kafkajs in KRaft mode). */
  readonly topics: readonly string[];
  readonly handlers: EventHandlers;
  /** Skips events this consumer already handled; strongly recommended. */
  readonly inbox?: InboxStore;
  /** Producer for dead letters (shared, connected by its owner); one is created and owned when absent. */
  readonly producer?: Producer;
  readonly retry?: Partial<RetryPolicy>;
  /** Partitions handled at the same time (default 1); one partition is always handled in order. */
  readonly partitionsConsumedConcurrently?: number;
  /** Where a group without committed offsets starts (default true: nothing published before the first deploy is missed). */
  readonly fromBeginning?: boolean;
  readonly deadLetterTopicFor?: (topic: string) => string;
  /** Commit handled offsets at least this often (default 1 000 ms) and at the end of every batch. */
  readonly autoCommitIntervalMs?: number;
  readonly sessionTimeoutMs?: number;
  /**
   * Longest a fetch waits on the broker for new messages (default 1 000 ms;
   * kafkajs' own default is 5 000). stop() waits for the fetch in flight, so
   * this bounds how long an idle consumer takes to shut down.
   */
  readonly maxWaitTimeMs?: number;
  readonly logger?: MessagingLogger;
}

export type ConsumerStats = Readonly<Record<ConsumerOutcome, number>>;

type Handled = 'done' | 'stopped';

interface Failure {
  readonly reason: DeadLetterReason;
  readonly error: string;
  readonly attempts: number;
}

/**
 * A Kafka consumer group member that hands Frontera events to typed handlers.
 *
 * - Every message is checked against its contract (assertEnvelope); a broken
 *   one goes to the dead-letter topic at once.
 * - The handler runs inside CorrelationContext (correlation id of the event,
 *   causation id = event id), so the events it causes carry them on.
 * - Idempotent by event id: the inbox is checked before, marked after.
 * - A failing handler is retried with exponential backoff, `maxAttempts` runs
 *   in all, then the message goes to the dead-letter topic with the error and
 *   the partition moves on. It never blocks its partition.
 * - Messages of one partition (so of one key) are handled one at a time, in
 *   order; offsets are committed only after their message was handled or
 *   dead-lettered.
 * - stop() drains: no new fetches, the handler in flight finishes, handled
 *   offsets are committed, then the member leaves the group.
 */
export class EventConsumer {
  readonly name: string;
  readonly groupId: string;
  readonly topics: readonly string[];
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly ownsProducer: boolean;
  private readonly handlers: EventHandlers;
  private readonly inbox?: InboxStore;
  private readonly policy: RetryPolicy;
  private readonly deadLetterTopic: (topic: string) => string;
  private readonly logger: MessagingLogger;
  private readonly options: EventConsumerOptions;
  private readonly metric = consumerMessagesCounter();
  private readonly counts: Record<ConsumerOutcome, number> = {
    handled: 0,
    duplicate: 0,
    ignored: 0,
    retried: 0,
    dead_lettered: 0,
  };
  private stopping = new AbortController();
  private started = false;

  constructor(options: EventConsumerOptions) {
    if (options.topics.length === 0) throw new Error(`consumer ${options.name} has no topics`);
    this.options = options;
    this.name = options.name;
    this.groupId = options.groupId ?? options.name;
    this.topics = [...options.topics];
    this.handlers = options.handlers;
    this.inbox = options.inbox;
    this.policy = retryPolicy(options.retry);
    this.deadLetterTopic = options.deadLetterTopicFor ?? deadLetterTopicFor;
    this.logger = options.logger ?? defaultLogger(`EventConsumer ${options.name}`);
    this.consumer = options.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 1_000,
      ...(options.sessionTimeoutMs ? { sessionTimeout: options.sessionTimeoutMs } : {}),
    });
    this.ownsProducer = options.producer === undefined;
    this.producer = options.producer ?? createEventProducer(options.kafka);
  }

  /** Messages seen since construction, by outcome (the same as the counter metric). */
  stats(): ConsumerStats {
    return { ...this.counts };
  }

  get running(): boolean {
    return this.started;
  }

  /** Connects, subscribes and starts consuming (returns once the run loop is started). */
  async start(): Promise<void> {
    if (this.started) return;
    this.stopping = new AbortController();
    await this.inbox?.ensureIndexes();
    if (this.ownsProducer) await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: this.options.autoCommitIntervalMs ?? 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.started = true;
  }

  /** Graceful: lets the message in flight finish, commits, leaves the group, disconnects. */
  async stop(): Promise<void> {
    // Interrupts backoff waits: a message between retries is left uncommitted and redelivered later.
    this.stopping.abort();
    await this.consumer.disconnect(); // stop(): no more fetches, waits for eachBatch, commits resolved offsets
    if (this.ownsProducer) await this.producer.disconnect();
    this.started = false;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopping.signal.aborted) break;
      const outcome = await this.handleMessage(batch.topic, batch.partition, message, heartbeat);
      if (outcome === 'stopped') break;
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private count(topic: string, outcome: ConsumerOutcome): void {
    this.counts[outcome] += 1;
    this.metric.inc({ consumer: this.name, topic, outcome });
  }

  private async handleMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<Handled> {
    const where = `${topic}[${partition}]@${message.offset}`;
    let event: EventEnvelope<EventType, EventData<EventType>>;
    try {
      event = assertEnvelope(parseValue(message.value));
    } catch (error) {
      this.logger.warn(`${where}: refused, breaks its contract (${errorMessage(error)})`);
      const failure: Failure = { reason: 'contract-violation', error: errorMessage(error), attempts: 1 };
      return this.deadLetter(topic, partition, message, failure);
    }

    const handler = this.handlers[event.type] as unknown as AnyEventHandler | undefined;
    if (!handler) {
      this.count(topic, 'ignored');
      return 'done';
    }
    // One consumer span per record, a child of the producer's span (its traceparent header).
    return traced(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromCarrier({
          traceparent: headerText(message.headers, EventHeaders.traceparent),
          tracestate: headerText(message.headers, EventHeaders.tracestate),
        }),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': String(partition),
          'messaging.kafka.offset': Number(message.offset),
          'messaging.consumer.group.name': this.groupId,
          'messaging.message.id': event.id,
          'frontera.event.type': event.type,
          'frontera.consumer': this.name,
          [CORRELATION_ID_ATTRIBUTE]: event.correlationid,
        },
      },
      () => this.handleEvent(topic, partition, message, event, handler, heartbeat),
    );
  }

  private async handleEvent(
    topic: string,
    partition: number,
    message: KafkaMessage,
    event: EventEnvelope<EventType, EventData<EventType>>,
    handler: AnyEventHandler,
    heartbeat: () => Promise<void>,
  ): Promise<Handled> {
    const where = `${topic}[${partition}]@${message.offset}`;
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.inbox && (await this.inbox.has(this.name, event.id))) {
          this.count(topic, 'duplicate');
          return 'done';
        }
        const context: HandlerContext = {
          consumer: this.name,
          topic,
          partition,
          offset: message.offset,
          attempt,
          heartbeat,
        };
        const scope = { correlationId: event.correlationid, causationId: event.id };
        await CorrelationContext.run(scope, () => handler(event, context));
        await this.inbox?.markProcessed(this.name, event);
        this.count(topic, 'handled');
        return 'done';
      } catch (error) {
        const text = `${error instanceof Error ? error.name : 'Error'}: ${errorMessage(error)}`;
        if (isNonRetriable(error)) {
          this.logger.warn(`${where}: event ${event.id} (${event.type}) failed, not retriable (${text})`);
          return this.deadLetter(topic, partition, message, {
            reason: 'non-retriable',
            error: text,
            attempts: attempt,
          });
        }
        if (attempt >= this.policy.maxAttempts) {
          this.logger.error(
            `${where}: event ${event.id} (${event.type}) failed ${attempt} time(s), dead-lettering (${text})`,
            errorStack(error),
          );
          return this.deadLetter(topic, partition, message, {
            reason: 'retries-exhausted',
            error: text,
            attempts: attempt,
          });
        }
        const delay = backoffDelay(attempt, this.policy);
        this.logger.warn(
          `${where}: event ${event.id} (${event.type}) failed, attempt ${attempt}, retry in ${delay} ms (${text})`,
        );
        this.count(topic, 'retried');
        await heartbeat();
        if (!(await abortableDelay(delay, this.stopping.signal))) return 'stopped';
      }
    }
  }

  /** Sends the original message to the dead-letter topic; keeps trying while Kafka refuses (never drops it). */
  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    failure: Failure,
  ): Promise<Handled> {
    const target = this.deadLetterTopic(topic);
    const headers = deadLetterHeaders(message.headers, {
      topic,
      partition,
      offset: message.offset,
      error: failure.error,
      reason: failure.reason,
      attempts: failure.attempts,
      consumer: this.name,
      group: this.groupId,
      failedAt: new Date(),
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.producer.send({
          topic: target,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        this.count(topic, 'dead_lettered');
        return 'done';
      } catch (error) {
        const delay = backoffDelay(Math.min(attempt, 30), this.policy);
        this.logger.error(
          `${topic}[${partition}]@${message.offset}: dead letter to ${target} failed, retry in ${delay} ms (${errorMessage(error)})`,
        );
        if (!(await abortableDelay(delay, this.stopping.signal))) return 'stopped';
      }
    }
  }
}

/** The message value as JSON; the error says what is wrong without quoting the content. */
function parseValue(value: Buffer | null): unknown {
  if (value === null || value.length === 0) {
    throw new ContractViolationError('unknown', [{ path: '', problem: 'message has no value' }]);
  }
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    throw new ContractViolationError('unknown', [{ path: '', problem: 'message value is not valid JSON' }]);
  }
}
