import { Kafka, logLevel } from 'kafkajs';
import { allTopicSpecs } from '@frontera/contracts';
import { ensureTopics } from '@frontera/platform-messaging';
import { endpointsToEnv, infraProviderFromEnv } from '@frontera/platform-testing';

/**
 * Jest global setup of the integration and end-to-end tiers: gets servers from
 * the provider, exports their endpoints to the test workers, and creates every
 * catalogue topic before any consumer starts.
 */
export default async function globalSetup(): Promise<void> {
  const provider = infraProviderFromEnv();
  const started = Date.now();
  const endpoints = await provider.start();
  Object.assign(process.env, endpointsToEnv(endpoints));

  const kafka = new Kafka({
    clientId: 'frontera-test-setup',
    brokers: endpoints.kafkaBrokers,
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, allTopicSpecs());
  } finally {
    await admin.disconnect();
  }
  process.stdout.write(
    `\n[test servers] ${provider.name} ready in ${Date.now() - started} ms: ` +
      `kafka ${endpoints.kafkaBrokers.join(',')}, mongodb ${endpoints.mongodbUri}, redis ${endpoints.redisUrl}\n`,
  );
}
