import {
  containerPorts,
  ContainersProvider,
  leftoverContainers,
  OWNER_HOST_LABEL,
  OWNER_PID_LABEL,
  TEST_LABEL,
} from './containers.provider';
import { infraProviderFromEnv } from './infra-provider.factory';

describe('containerPorts', () => {
  it('derives every port from the base, apart from the local processes ports', () => {
    expect(containerPorts()).toEqual({
      kafka: 22092,
      kafkaController: 22093,
      postgres: 22432,
      mongo: 22017,
      redis: 22379,
    });
    const local = [19092, 19093, 15432, 17017, 16379];
    expect(Object.values(containerPorts()).filter((p) => local.includes(p))).toEqual([]);
  });

  it('refuses a base that puts a port into the ephemeral range or below 1024', () => {
    expect(() => containerPorts(32_500)).toThrow(/postgres on port 32932/);
    expect(() => containerPorts(0)).toThrow(/kafka on port 92/);
  });
});

describe('leftoverContainers', () => {
  const alive = new Set([100]);
  const isAlive = (pid: number) => alive.has(pid);
  const c = (id: string, labels: Record<string, string>) => ({ id, labels });

  it('removes containers of dead runs on this host and unowned ones; keeps live runs and other hosts', () => {
    const containers = [
      c('live', { [TEST_LABEL]: 'r1', [OWNER_PID_LABEL]: '100', [OWNER_HOST_LABEL]: 'h' }),
      c('dead', { [TEST_LABEL]: 'r2', [OWNER_PID_LABEL]: '200', [OWNER_HOST_LABEL]: 'h' }),
      c('unowned', { [TEST_LABEL]: 'r3' }),
      c('elsewhere', { [TEST_LABEL]: 'r4', [OWNER_PID_LABEL]: '200', [OWNER_HOST_LABEL]: 'other' }),
      c('not-ours', { 'some.label': 'x' }),
    ];
    expect(leftoverContainers(containers, 'h', isAlive)).toEqual(['dead', 'unowned']);
  });
});

describe('infraProviderFromEnv', () => {
  it('chooses the containers provider for FRONTERA_TEST_INFRA=containers', () => {
    expect(infraProviderFromEnv({ FRONTERA_TEST_INFRA: 'containers' })).toBeInstanceOf(ContainersProvider);
    expect(infraProviderFromEnv({}).name).toBe('local-processes');
  });

  it('names the known providers when given another', () => {
    expect(() => infraProviderFromEnv({ FRONTERA_TEST_INFRA: 'k8s' })).toThrow(
      /use one of: local, containers/,
    );
  });
});

describe('ContainersProvider', () => {
  it('has a run id of its own and no containers before start', () => {
    const a = new ContainersProvider();
    const b = new ContainersProvider();
    expect(a.runId).not.toBe(b.runId);
    expect(a.containerIds()).toEqual([]);
  });
});
