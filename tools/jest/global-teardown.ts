import type { InfraProvider } from '@frontera/platform-testing';
import { PROVIDER_KEY } from './global-setup';

/**
 * Jest global teardown of the integration and end-to-end tiers: releases what the run's provider
 * started (the containers provider removes its containers; local processes stay for the next run).
 */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as Record<symbol, InfraProvider | undefined>;
  const provider = holder[PROVIDER_KEY];
  holder[PROVIDER_KEY] = undefined;
  if (provider?.stop) await provider.stop();
}
