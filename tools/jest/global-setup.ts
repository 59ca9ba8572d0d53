import { Kafka, logLevel } from 'kafkajs';
import { allTopicSpecs } from '@frontera/contracts';
import { ensureTopics } from '@frontera/platform-messaging';
import { endpointsToEnv, infraProviderFromEnv, type InfraProvider } from '@frontera/platform-testing';

/** The run's provider, for the global teardown (same process: jest runs both in its parent). */
export const PROVIDER_KEY = Symbol.for('frontera.test.infraProvider');

/**
 * Jest global setup of the integration and end-to-end tiers: gets servers from
 * the provider, exports their endpoints to the test workers, and creates every
 * catalogue topic before any consumer starts. A provider with a stop() (containers) is released
 * by the global teardown (tools/jest/global-teardown.ts).
 */
export default async function globalSetup(): Promise<void> {
  const provider = infraProviderFromEnv();
  const started = Date.now();
  const endpoints = await provider.start();
  (globalThis as Record<symbol, InfraProvider | undefined>)[PROVIDER_KEY] = provider;
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
