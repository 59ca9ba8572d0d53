import {
  DeadLetterReplaysTopic,
  CLOUDEVENTS_CONTENT_TYPE,
  dataschemaFor,
  EventCatalogue,
  jsonSchemaOfClass,
  Topics,
  type JsonSchema,
  type TopicKey,
  type TopicSpec,
} from '@frontera/contracts';
import { DeadLetterHeaders, EventHeaders } from '@frontera/platform-messaging';

/**
 * The AsyncAPI 3.0 document of every Kafka topic and event, generated from the contracts
 * catalogue (libs/contracts): one channel per topic of `Topics` and one per dead-letter companion;
 * one message per event type of `EventCatalogue` (its version, producer, key and description), its
 * payload the CloudEvents envelope with `data` derived from the contract class by
 * `jsonSchemaOfClass`; the headers as the outbox relay and the consumers' dead-lettering set them
 * (`EventHeaders`, `DeadLetterHeaders` of platform-messaging).
 */

type Schema = JsonSchema;

const KAFKA_BINDING_VERSION = '0.5.0';

const ref = (path: string) => ({ $ref: `#/${path}` });

/** The message key a topic's description names (`…; key = employerId`). */
export function keyOf(topic: TopicSpec): string {
  const match = /key = ([A-Za-z]+)/.exec(topic.description);
  if (!match) throw new Error(`topic ${topic.name}: its description names no key ("key = …")`);
  return match[1];
}

const PRODUCERS: Record<string, string> = {
  '/frontera/employers': 'employers',
  '/frontera/permits': 'permits',
  '/frontera/audits': 'audits',
};

/** The envelope every event travels in: CloudEvents 1.0 structured mode (libs/contracts envelope.ts). */
function envelopeSchema(type: string, version: number, source: string, data: Schema): Schema {
  return {
    type: 'object',
    required: [
      'specversion',
      'id',
      'type',
      'source',
      'subject',
      'time',
      'datacontenttype',
      'dataschema',
      'correlationid',
      'data',
    ],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'Unique event id (UUID); consumers deduplicate on it.' },
      type: { const: type },
      source: { const: source, description: 'The producing service.' },
      subject: { type: 'string', description: 'Id of the aggregate the event is about.' },
      time: {
        type: 'string',
        format: 'date-time',
        description: 'When the state change happened (RFC 3339).',
      },
      datacontenttype: { const: 'application/json' },
      dataschema: { const: dataschemaFor(type, version), description: 'Contract and version of `data`.' },
      correlationid: { type: 'string', description: 'Id shared by everything one request or job caused.' },
      causationid: {
        type: 'string',
        description: 'Id of the event or request that directly caused this one.',
      },
      sequence: {
        type: 'integer',
        minimum: 1,
        description: "Position of the event in its aggregate's history, for ordering checks.",
      },
      data,
    },
  };
}

/** Headers of every event message (the outbox relay's `eventHeaders`). */
function eventHeadersSchema(type?: string): Schema {
  return {
    type: 'object',
    required: [EventHeaders.contentType, EventHeaders.id, EventHeaders.type],
    properties: {
      [EventHeaders.contentType]: { const: CLOUDEVENTS_CONTENT_TYPE },
      [EventHeaders.id]: { type: 'string', description: 'The envelope `id`.' },
      [EventHeaders.type]: type ? { const: type } : { type: 'string', description: 'The envelope `type`.' },
    },
  };
}

const DEAD_LETTER_DESCRIPTIONS: Record<keyof typeof DeadLetterHeaders, string> = {
  originalTopic: 'The topic the message was read from.',
  originalPartition: 'Its partition there.',
  originalOffset: 'Its offset there.',
  error: 'Why it failed (never personal data).',
  reason: '`contract-violation`, `non-retriable` or `retries-exhausted`.',
  attempts: 'How many times the consumer tried it.',
  consumer: 'The consumer that gave up.',
  group: 'Its consumer group.',
  failedAt: 'When it gave up (ISO 8601).',
};

function deadLetterHeadersSchema(): Schema {
  const base = eventHeadersSchema();
  const names = Object.keys(DeadLetterHeaders) as (keyof typeof DeadLetterHeaders)[];
  return {
    type: 'object',
    description: "The original message's headers, plus where it came from and why it failed.",
    required: names.map((name) => DeadLetterHeaders[name]),
    properties: {
      ...(base['properties'] as object),
      ...Object.fromEntries(
        names.map((name) => [
          DeadLetterHeaders[name],
          name === 'reason'
            ? {
                enum: ['contract-violation', 'non-retriable', 'retries-exhausted'],
                description: DEAD_LETTER_DESCRIPTIONS[name],
              }
            : { type: 'string', description: DEAD_LETTER_DESCRIPTIONS[name] },
        ]),
      ),
    },
  };
}

export interface AsyncApiOptions {
  /** `host:port` of the Kafka bootstrap server the document names (local runs: 127.0.0.1:19092). */
  readonly kafka?: string;
}

/** The AsyncAPI 3.0 document (see the module's comment). */
export function buildAsyncApiDocument(options: AsyncApiOptions = {}): Record<string, unknown> {
  const schemas: Record<string, Schema> = {};
  const messages: Record<string, Schema> = {};
  const channels: Record<string, Schema> = {};
  const operations: Record<string, Schema> = {};
  const byTopic = new Map<TopicKey, string[]>();

  for (const [type, definition] of Object.entries(EventCatalogue)) {
    const dataName = definition.data.name;
    schemas[dataName] ??= jsonSchemaOfClass(definition.data);
    const topic = Topics[definition.topic];
    messages[type] = {
      name: type,
      title: type,
      summary: definition.description,
      contentType: CLOUDEVENTS_CONTENT_TYPE,
      headers: eventHeadersSchema(type),
      payload: envelopeSchema(
        type,
        definition.version,
        definition.source,
        ref(`components/schemas/${dataName}`),
      ),
      bindings: {
        kafka: {
          key: { type: 'string', description: `The ${keyOf(topic)}.` },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
      'x-frontera-version': definition.version,
      'x-frontera-producer': PRODUCERS[definition.source] ?? definition.source,
    };
    byTopic.set(definition.topic, [...(byTopic.get(definition.topic) ?? []), type]);
  }

  messages['deadLetter'] = {
    name: 'deadLetter',
    title: 'Dead letter',
    summary:
      'A message a consumer could not process (a contract violation, a non-retriable error, or its ' +
      'retries exhausted): the original key and value, unchanged.',
    headers: deadLetterHeadersSchema(),
    payload: {
      description:
        'The original value, as received: an event of the original topic, possibly breaking its contract.',
    },
  };

  for (const [key, topic] of Object.entries(Topics) as [TopicKey, TopicSpec][]) {
    const types = byTopic.get(key) ?? [];
    channels[key] = {
      address: topic.name,
      title: topic.name,
      description: topic.description,
      messages: Object.fromEntries(types.map((type) => [type, ref(`components/messages/${type}`)])),
      bindings: {
        kafka: {
          topic: topic.name,
          partitions: topic.partitions,
          topicConfiguration: { 'retention.ms': topic.retentionMs },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
    const producers = [
      ...new Set(types.map((type) => EventCatalogue[type as keyof typeof EventCatalogue].source)),
    ];
    operations[`publish-${key}`] = {
      action: 'send',
      channel: ref(`channels/${key}`),
      title: `Publish to ${topic.name}`,
      summary: `${producers.map((p) => PRODUCERS[p] ?? p).join(', ')} publish(es) these events through its outbox.`,
      messages: types.map((type) => ref(`channels/${key}/messages/${type}`)),
    };
    if (topic.deadLetter) {
      const dlq = `${key}DeadLetter`;
      channels[dlq] = {
        address: topic.deadLetter,
        title: topic.deadLetter,
        description: `Dead letters of ${topic.name}.`,
        messages: { deadLetter: ref('components/messages/deadLetter') },
        bindings: { kafka: { topic: topic.deadLetter, bindingVersion: KAFKA_BINDING_VERSION } },
      };
      operations[`dead-letter-${key}`] = {
        action: 'send',
        channel: ref(`channels/${dlq}`),
        title: `Dead-letter ${topic.name}`,
        summary: 'A consumer of the topic sends what it cannot process.',
        messages: [ref(`channels/${dlq}/messages/deadLetter`)],
      };
    }
  }

  // The operators' replay log (tools/ops/dead-letters.ts, DeadLetters of platform-messaging): one
  // record per dead letter sent back to its topic, so that a second replay publishes nothing.
  const position = {
    type: 'object',
    required: ['topic', 'partition', 'offset'],
    properties: {
      topic: { type: 'string' },
      partition: { type: 'integer', minimum: 0 },
      offset: { type: 'string', description: 'Kafka offset, as a decimal string' },
    },
  };
  messages['deadLetterReplay'] = {
    name: 'deadLetterReplay',
    title: 'Dead letter replayed',
    summary: 'An operator sent a dead letter back to its original topic (ids and offsets only).',
    contentType: 'application/json',
    payload: {
      type: 'object',
      required: ['deadLetter', 'original', 'replayedAt', 'replayedTo'],
      properties: {
        deadLetter: position,
        original: position,
        eventId: { type: 'string' },
        eventType: { type: 'string' },
        replayedAt: { type: 'string', format: 'date-time' },
        replayedTo: position,
      },
    },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The dead letter: <dead-letter topic>:<partition>:<offset>.' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
  channels['deadLetterReplays'] = {
    address: DeadLetterReplaysTopic.name,
    title: DeadLetterReplaysTopic.name,
    description: DeadLetterReplaysTopic.description,
    messages: { deadLetterReplay: ref('components/messages/deadLetterReplay') },
    bindings: {
      kafka: {
        topic: DeadLetterReplaysTopic.name,
        partitions: DeadLetterReplaysTopic.partitions,
        topicConfiguration: { 'retention.ms': DeadLetterReplaysTopic.retentionMs },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
  operations['record-dead-letter-replay'] = {
    action: 'send',
    channel: ref('channels/deadLetterReplays'),
    title: `Record a replay on ${DeadLetterReplaysTopic.name}`,
    summary: 'The dead-letter command records each replay after Kafka acknowledged the copy.',
    messages: [ref('channels/deadLetterReplays/messages/deadLetterReplay')],
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Frontera — events',
      version: '1',
      description:
        'Every Kafka topic and event of Frontera, generated from the contracts catalogue (libs/contracts). ' +
        'Events are CloudEvents 1.0 in structured mode: the message value is the JSON envelope, its ' +
        '`data` the event contract; `ce_id` and `ce_type` are copied into headers. Topic names carry a ' +
        'namespace prefix in shared environments (KAFKA_TOPIC_NAMESPACE: `dev.frontera.…`). Events carry ' +
        'ids and non-personal attributes only.',
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    servers: {
      local: {
        host: options.kafka ?? '127.0.0.1:19092',
        protocol: 'kafka',
        description: 'The local Kafka of infra/local/servers.sh.',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
