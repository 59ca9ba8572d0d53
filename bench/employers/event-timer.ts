import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { startGroupAtEnd } from '@frontera/platform-testing';
import { assertLoopback, now, withTimeout } from '../lib';

/**
 * Notes when events of some subjects and one type are consumed from a topic: a consumer group of
 * its own, started at the current end of the topic (the topic is shared with every other run and
 * the services), fetching with a short max wait so arrival is seen within milliseconds.
 */
export class EventTimer {
  /** subject → process.hrtime.bigint() of the first matching event consumed. */
  readonly seenAt = new Map<string, bigint>();
  private readonly wanted = new Set<string>();

  private constructor(
    private readonly consumer: Consumer,
    readonly groupId: string,
    private readonly type: string,
  ) {}

  static async start(options: {
    kafka: Kafka;
    admin: Admin;
    topic: string;
    type: string;
    groupId: string;
  }): Promise<EventTimer> {
    // kafkajs connects to the advertised listeners: they must be local too.
    const cluster = await options.admin.describeCluster();
    for (const broker of cluster.brokers) assertLoopback(broker.host, 'Kafka advertised listener');
    await startGroupAtEnd(options.kafka, options.admin, options.groupId, [options.topic]);
    const consumer = options.kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 10 });
    const timer = new EventTimer(consumer, options.groupId, options.type);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    // The group's committed offsets (the end, set above) win over fromBeginning.
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const at = now();
        if (!message.value) return;
        let event: { type?: unknown; subject?: unknown };
        try {
          event = JSON.parse(message.value.toString('utf8')) as typeof event;
        } catch {
          return;
        }
        if (event.type !== timer.type || typeof event.subject !== 'string') return;
        if (timer.wanted.has(event.subject) && !timer.seenAt.has(event.subject)) {
          timer.seenAt.set(event.subject, at);
        }
      },
    });
    await withTimeout(joined, 30_000, `consumer group ${options.groupId} join`);
    return timer;
  }

  /** Subjects whose events are timed (register them before their events can be published). */
  expect(subject: string): void {
    this.wanted.add(subject);
  }

  /** How many of `subjects` have been seen. */
  count(subjects: readonly string[]): number {
    return subjects.filter((s) => this.seenAt.has(s)).length;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export function quietKafka(clientId: string, brokers: string[]): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}
