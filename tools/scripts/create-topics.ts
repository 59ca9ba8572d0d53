/**
 * Creates every topic of the catalogue (and its dead-letter companion) that does
 * not exist yet. Run before any consumer starts: by scripts/dev.sh, by the test
 * global setup, and in production as a deploy step. KAFKA_REPLICATION_FACTOR
 * sets the replicas of new topics (default: the brokers' own default).
 */
import { Kafka, logLevel } from 'kafkajs';
import { allTopicSpecs } from '@frontera/contracts';
import { ensureTopics, namespacedKafka, parseBrokers } from '@frontera/platform-messaging';

async function main(): Promise<void> {
  // KAFKA_TOPIC_NAMESPACE, as the services read it: the topics of that namespace (dev.frontera.…).
  const namespace = process.env['KAFKA_TOPIC_NAMESPACE']?.trim() ?? '';
  const kafka = namespacedKafka(
    new Kafka({
      clientId: 'frontera-create-topics',
      brokers: parseBrokers(process.env['KAFKA_BROKERS']),
      logLevel: logLevel.ERROR,
    }),
    namespace,
  );
  // KAFKA_REPLICATION_FACTOR: replicas of each new topic (3 on infra/local/kafka-cluster.sh's
  // cluster); unset, the brokers' default.replication.factor.
  const factorText = process.env['KAFKA_REPLICATION_FACTOR']?.trim() ?? '';
  const replicationFactor = factorText === '' ? undefined : Number(factorText);
  if (replicationFactor !== undefined && !(Number.isInteger(replicationFactor) && replicationFactor >= 1)) {
    throw new Error(
      `KAFKA_REPLICATION_FACTOR=${factorText}: a whole number ≥ 1, or unset for the brokers' default`,
    );
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { created, existing } = await ensureTopics(admin, allTopicSpecs(), { replicationFactor });
    const where = namespace === '' ? '' : ` in namespace ${namespace}`;
    const replicas = replicationFactor === undefined ? '' : `, replication factor ${replicationFactor}`;
    console.log(`topics${where}: ${created.length} created${replicas}, ${existing.length} already there`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`creating topics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
