import type { InfraProvider } from './infra-provider';
import { LocalProcessesProvider } from './local-processes.provider';

/**
 * Chooses the provider named by FRONTERA_TEST_INFRA. Only "local" exists now;
 * a container provider (testcontainers 11 on Node 20, host network) slots in here
 * without any test changing.
 */
export function infraProviderFromEnv(env: NodeJS.ProcessEnv = process.env): InfraProvider {
  const kind = env['FRONTERA_TEST_INFRA'] ?? 'local';
  switch (kind) {
    case 'local':
      return new LocalProcessesProvider();
    default:
      throw new Error(`FRONTERA_TEST_INFRA="${kind}" is not a known provider; use "local"`);
  }
}
