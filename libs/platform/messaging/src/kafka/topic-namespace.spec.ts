import type { Kafka } from 'kafkajs';
import { namespacedKafka, namespacedTopic, topicOutsideNamespace } from './topic-namespace';

describe('topic namespace', () => {
  it('maps a catalogue name into the namespace and back; no namespace leaves names alone', () => {
    expect(namespacedTopic('dev', 'frontera.employers.employer.v1')).toBe(
      'dev.frontera.employers.employer.v1',
    );
    expect(topicOutsideNamespace('dev', 'dev.frontera.employers.employer.v1')).toBe(
      'frontera.employers.employer.v1',
    );
    expect(topicOutsideNamespace('dev', 'frontera.employers.employer.v1')).toBeUndefined();
    expect(topicOutsideNamespace('dev', 'devx.frontera.employers.employer.v1')).toBeUndefined();
    expect(namespacedTopic('', 'frontera.audits.task.v1')).toBe('frontera.audits.task.v1');
    expect(topicOutsideNamespace('', 'frontera.audits.task.v1')).toBe('frontera.audits.task.v1');
  });

  it('returns the same client without a namespace and refuses a namespace that is not a plain word', () => {
    const kafka = { producer: jest.fn() } as unknown as Kafka;
    expect(namespacedKafka(kafka, '')).toBe(kafka);
    for (const bad of ['Dev', 'dev.', '.dev', 'a'.repeat(33), 'dev space', '-dev']) {
      expect(() => namespacedKafka(kafka, bad)).toThrow(/topic namespace/);
    }
    expect(namespacedKafka(kafka, 'staging-2')).not.toBe(kafka);
  });

  it('sends to the namespaced topic and hands consumers the catalogue name', async () => {
    const sent: unknown[] = [];
    let subscribed: unknown;
    let run: ((payload: { topic: string }) => Promise<void>) | undefined;
    const kafka = {
      producer: () => ({
        send: async (record: unknown) => sent.push(record),
        sendBatch: async (batch: unknown) => sent.push(batch),
        connect: async () => 'connected',
      }),
      consumer: () => ({
        subscribe: async (s: unknown) => {
          subscribed = s;
        },
        run: async (config: { eachMessage: (payload: { topic: string }) => Promise<void> }) => {
          run = config.eachMessage;
        },
      }),
    } as unknown as Kafka;
    const namespaced = namespacedKafka(kafka, 'dev');

    const producer = namespaced.producer();
    expect(await producer.connect()).toBe('connected'); // the other members are the original's
    await producer.send({ topic: 'a.v1', messages: [] });
    await producer.sendBatch({ topicMessages: [{ topic: 'b.v1', messages: [] }] });
    expect(sent).toEqual([
      { topic: 'dev.a.v1', messages: [] },
      { topicMessages: [{ topic: 'dev.b.v1', messages: [] }] },
    ]);

    const consumer = namespaced.consumer({ groupId: 'g' });
    await consumer.subscribe({ topics: ['a.v1'], fromBeginning: true });
    expect(subscribed).toEqual({ topics: ['dev.a.v1'], fromBeginning: true });
    await expect(consumer.subscribe({ topics: [/a/] })).rejects.toThrow(/names, not patterns/);
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ topic }) => void seen.push(topic) });
    await run?.({ topic: 'dev.a.v1' });
    expect(seen).toEqual(['a.v1']);
  });
});
