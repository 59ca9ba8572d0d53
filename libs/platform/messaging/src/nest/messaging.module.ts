import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { createEventProducer, createKafka } from '../kafka/kafka-client';
import { namespacedKafka } from '../kafka/topic-namespace';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { MessagingRuntime } from './messaging.runtime';
import {
  EVENT_PRODUCER,
  KAFKA_CLIENT,
  MESSAGING_OPTIONS,
  type MessagingModuleOptions,
} from './messaging.options';

export interface MessagingModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: FactoryProvider['inject'];
  readonly useFactory: (...deps: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
  /** Make the providers available to every module (default true). */
  readonly isGlobal?: boolean;
}

const sharedProviders: Provider[] = [
  {
    provide: KAFKA_CLIENT,
    inject: [MESSAGING_OPTIONS],
    useFactory: (options: MessagingModuleOptions): Kafka =>
      namespacedKafka(
        createKafka({
          clientId: options.clientId,
          brokers: options.brokers,
          logLevel: options.kafkaLogLevel,
          kafka: options.kafka,
        }),
        options.topicNamespace ?? '',
      ),
  },
  {
    provide: EVENT_PRODUCER,
    inject: [KAFKA_CLIENT],
    useFactory: (kafka: Kafka): Producer => createEventProducer(kafka),
  },
  {
    provide: OutboxPublisher,
    inject: [EVENT_PRODUCER],
    useFactory: (producer: Producer): OutboxPublisher => new OutboxPublisher({ producer }),
  },
  MessagingRuntime,
];

const exported = [KAFKA_CLIENT, EVENT_PRODUCER, OutboxPublisher, MessagingRuntime];

/**
 * Kafka client, idempotent producer, OutboxPublisher, and the runtime that
 * starts consumers and the outbox relay on bootstrap and stops them on
 * shutdown. The classes it wires work without Nest too.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions, isGlobal = true): DynamicModule {
    return {
      module: MessagingModule,
      global: isGlobal,
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, ...sharedProviders],
      exports: exported,
    };
  }

  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: options.isGlobal ?? true,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        ...sharedProviders,
      ],
      exports: exported,
    };
  }
}
