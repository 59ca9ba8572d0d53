import type {
  Admin,
  Consumer,
  ConsumerRunConfig,
  ConsumerSubscribeTopics,
  EachBatchPayload,
  EachMessagePayload,
  Kafka,
  Producer,
  ProducerBatch,
  ProducerRecord,
} from 'kafkajs';

/**
 * A topic namespace lets several environments share one Kafka cluster without seeing each other's
 * events: with namespace `dev`, the catalogue's `frontera.employers.employer.v1` is the topic
 * `dev.frontera.employers.employer.v1` on the brokers. Everything above this layer (the catalogue,
 * outbox entries, consumers' handlers, dead-letter names) keeps the catalogue's names; only what
 * goes to and comes from the brokers is mapped. Empty: no namespace, the names as they are.
 */
export const TOPIC_NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function namespacedTopic(namespace: string, topic: string): string {
  return namespace === '' ? topic : `${namespace}.${topic}`;
}

/** The catalogue name of a namespaced topic, or undefined when it is not in the namespace. */
export function topicOutsideNamespace(namespace: string, topic: string): string | undefined {
  if (namespace === '') return topic;
  const prefix = `${namespace}.`;
  return topic.startsWith(prefix) ? topic.slice(prefix.length) : undefined;
}

function assertNamespace(namespace: string): void {
  if (!TOPIC_NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(
      `topic namespace "${namespace}" must be 1–32 lower-case letters, digits, "_" or "-", starting with a letter or digit`,
    );
  }
}

/**
 * The same Kafka client, with every topic its producers, consumers and admin clients name mapped
 * into the namespace (and back for what they report). Covers what Frontera uses: producer send and
 * sendBatch; consumer subscribe (names, not patterns), run (eachBatch, eachMessage), seek, pause,
 * resume, commitOffsets; admin listTopics (the namespace's topics only), createTopics, deleteTopics,
 * fetchTopicMetadata, fetchTopicOffsets, fetchOffsets. Transactions are not mapped (not used here).
 */
export function namespacedKafka(kafka: Kafka, namespace: string): Kafka {
  if (namespace === '') return kafka;
  assertNamespace(namespace);
  const into = (topic: string) => namespacedTopic(namespace, topic);
  const back = (topic: string) => topicOutsideNamespace(namespace, topic) ?? topic;
  return overriding(kafka, {
    producer: (...args: Parameters<Kafka['producer']>) => namespacedProducer(kafka.producer(...args), into),
    consumer: (...args: Parameters<Kafka['consumer']>) =>
      namespacedConsumer(kafka.consumer(...args), into, back),
    admin: (...args: Parameters<Kafka['admin']>) =>
      namespacedAdmin(kafka.admin(...args), namespace, into, back),
  });
}

function namespacedProducer(producer: Producer, into: (t: string) => string): Producer {
  return overriding(producer, {
    send: (record: ProducerRecord) => producer.send({ ...record, topic: into(record.topic) }),
    sendBatch: (batch: ProducerBatch) =>
      producer.sendBatch({
        ...batch,
        topicMessages: batch.topicMessages?.map((tm) => ({ ...tm, topic: into(tm.topic) })),
      }),
  });
}

function namespacedConsumer(
  consumer: Consumer,
  into: (t: string) => string,
  back: (t: string) => string,
): Consumer {
  const names = (topics: ConsumerSubscribeTopics['topics']) =>
    topics.map((t) => {
      if (typeof t !== 'string')
        throw new Error('a namespaced consumer subscribes to topic names, not patterns');
      return into(t);
    });
  const tp = <T extends { topic: string }>(items: T[]): T[] =>
    items.map((i) => ({ ...i, topic: into(i.topic) }));
  return overriding(consumer, {
    subscribe: async (subscription: Parameters<Consumer['subscribe']>[0]) =>
      'topics' in subscription
        ? consumer.subscribe({ ...subscription, topics: names(subscription.topics) })
        : consumer.subscribe({ ...subscription, topic: names([subscription.topic])[0] as string }),
    run: (config?: ConsumerRunConfig) => {
      if (!config) return consumer.run();
      const { eachBatch, eachMessage } = config;
      return consumer.run({
        ...config,
        ...(eachBatch
          ? {
              eachBatch: (payload: EachBatchPayload) =>
                eachBatch({
                  ...payload,
                  batch: overriding(payload.batch, { topic: back(payload.batch.topic) }),
                }),
            }
          : {}),
        ...(eachMessage
          ? {
              eachMessage: (payload: EachMessagePayload) =>
                eachMessage({ ...payload, topic: back(payload.topic) }),
            }
          : {}),
      });
    },
    seek: (target: Parameters<Consumer['seek']>[0]) =>
      consumer.seek({ ...target, topic: into(target.topic) }),
    pause: (topics: Parameters<Consumer['pause']>[0]) => consumer.pause(tp(topics)),
    resume: (topics: Parameters<Consumer['resume']>[0]) => consumer.resume(tp(topics)),
    commitOffsets: (offsets: Parameters<Consumer['commitOffsets']>[0]) => consumer.commitOffsets(tp(offsets)),
  });
}

function namespacedAdmin(
  admin: Admin,
  namespace: string,
  into: (t: string) => string,
  back: (t: string) => string,
): Admin {
  return overriding(admin, {
    listTopics: async () =>
      (await admin.listTopics())
        .map((t) => topicOutsideNamespace(namespace, t))
        .filter((t): t is string => t !== undefined),
    createTopics: (options: Parameters<Admin['createTopics']>[0]) =>
      admin.createTopics({ ...options, topics: options.topics.map((t) => ({ ...t, topic: into(t.topic) })) }),
    deleteTopics: (options: Parameters<Admin['deleteTopics']>[0]) =>
      admin.deleteTopics({ ...options, topics: options.topics.map(into) }),
    fetchTopicMetadata: async (options?: Parameters<Admin['fetchTopicMetadata']>[0]) => {
      const metadata = await admin.fetchTopicMetadata(
        options?.topics ? { ...options, topics: options.topics.map(into) } : options,
      );
      return {
        ...metadata,
        topics: metadata.topics
          .filter((t) => topicOutsideNamespace(namespace, t.name) !== undefined)
          .map((t) => ({ ...t, name: back(t.name) })),
      };
    },
    fetchTopicOffsets: (topic: string) => admin.fetchTopicOffsets(into(topic)),
    fetchOffsets: async (options: Parameters<Admin['fetchOffsets']>[0]) => {
      const answer = await admin.fetchOffsets({ ...options, topics: options.topics?.map(into) });
      return answer.map((entry) => ({ ...entry, topic: back(entry.topic) }));
    },
  });
}

/**
 * The object with some members replaced; every other member is the original's, methods bound to it
 * (kafkajs objects are closures and class instances whose methods expect their own `this`).
 */
function overriding<T extends object>(target: T, replaced: Record<string, unknown>): T {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === 'string' && Object.prototype.hasOwnProperty.call(replaced, property)) {
        return replaced[property];
      }
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}
