/**
 * Creates every topic of the catalogue (and its dead-letter companion) that does
 * not exist yet. Run before any consumer starts: by scripts/dev.sh, by the test
 * global setup, and in production as a deploy step.
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
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { created, existing } = await ensureTopics(admin, allTopicSpecs());
    const where = namespace === '' ? '' : ` in namespace ${namespace}`;
    console.log(`topics${where}: ${created.length} created, ${existing.length} already there`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`creating topics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
