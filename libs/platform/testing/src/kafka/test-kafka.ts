import { Kafka, logLevel, type Admin } from 'kafkajs';
import { endpointsFromEnv } from '../infra/infra-provider';
import { uniqueName } from '../naming/unique-names';

/** A quiet kafkajs client for tests, on the brokers the global setup exported, with a unique client id. */
export function testKafka(
  prefix = 'test',
  brokers: readonly string[] = endpointsFromEnv().kafkaBrokers,
): Kafka {
  return new Kafka({ clientId: uniqueName(prefix), brokers: [...brokers], logLevel: logLevel.NOTHING });
}

/** Messages in a topic (sum over partitions of high − low watermark). */
export async function messageCount(admin: Pick<Admin, 'fetchTopicOffsets'>, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}
