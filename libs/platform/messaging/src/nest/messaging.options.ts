import type { KafkaConfig, logLevel } from 'kafkajs';
import type { TopicSpec } from '@frontera/contracts';
import type { EventConsumerOptions } from '../consumer/event-consumer';
import type { OutboxRelayOptions } from '../outbox/outbox-relay';
import type { OutboxTarget } from '../outbox/outbox-store';

/** A consumer the module starts on bootstrap; the module supplies the Kafka client and dead-letter producer. */
export type ConsumerDefinition = Omit<EventConsumerOptions, 'kafka' | 'producer'>;

export interface MessagingModuleOptions {
  readonly clientId: string;
  readonly brokers: string[];
  readonly kafkaLogLevel?: logLevel;
  /** Anything else kafkajs accepts (ssl, sasl, retry…). */
  readonly kafka?: Omit<KafkaConfig, 'clientId' | 'brokers' | 'logLevel'>;
  /**
   * Prefix of every topic on the brokers (`dev` → `dev.frontera.…`), so environments can share a
   * cluster; empty or absent: the catalogue's names (kafka/topic-namespace.ts).
   */
  readonly topicNamespace?: string;
  /** Topics created (if missing) on bootstrap, before any consumer subscribes. */
  readonly ensureTopics?: readonly TopicSpec[];
  readonly consumers?: readonly ConsumerDefinition[];
  /** The relay; it runs when there is at least one source (here or via MessagingRuntime.registerOutboxSource). */
  readonly outbox?: Omit<OutboxRelayOptions, 'publisher' | 'sources' | 'logger'> & {
    readonly sources?: readonly OutboxTarget[];
  };
  /** Consumer lag metric; false turns it off (default every 15 s). */
  readonly consumerLag?: { readonly intervalMs?: number } | false;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The kafkajs client. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
/** The idempotent event producer (connected on application bootstrap). */
export const EVENT_PRODUCER = Symbol('EVENT_PRODUCER');
