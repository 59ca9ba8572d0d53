import { ContainersProvider } from './containers.provider';
import type { InfraProvider } from './infra-provider';
import { LocalProcessesProvider } from './local-processes.provider';

/** The providers FRONTERA_TEST_INFRA can name. */
export const INFRA_PROVIDERS = ['local', 'containers'] as const;

/**
 * Chooses the provider named by FRONTERA_TEST_INFRA: "local" (the default: processes started by
 * infra/local/servers.sh, seconds, no root) or "containers" (the same servers as containers from the
 * images built by infra/docker/images.sh, through testcontainers; root and a Docker engine).
 * No test changes with the provider.
 */
export function infraProviderFromEnv(env: NodeJS.ProcessEnv = process.env): InfraProvider {
  const kind = env['FRONTERA_TEST_INFRA'] ?? 'local';
  switch (kind) {
    case 'local':
      return new LocalProcessesProvider();
    case 'containers':
      return new ContainersProvider();
    default:
      throw new Error(
        `FRONTERA_TEST_INFRA="${kind}" is not a known provider; use one of: ${INFRA_PROVIDERS.join(', ')}`,
      );
  }
}
