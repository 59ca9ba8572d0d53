import type { HealthIndicator } from './health-indicator';
import { ReadinessService } from './readiness.service';

/** An indicator whose outcome the test decides, counting its calls. */
function fakeIndicator(name: string, behaviour: () => Promise<void>, extra: Partial<HealthIndicator> = {}) {
  const calls = { count: 0 };
  const indicator: HealthIndicator = {
    name,
    check: () => {
      calls.count += 1;
      return behaviour();
    },
    ...extra,
  };
  return { indicator, calls };
}

const up = () => Promise.resolve();
const never = () => new Promise<void>(() => undefined);

describe('ReadinessService', () => {
  it('is ready when every indicator answers, with status and latency per dependency', async () => {
    const service = new ReadinessService(
      [fakeIndicator('mongodb', up).indicator, fakeIndicator('redis', up).indicator],
      500,
    );
    const report = await service.check();
    expect(report.status).toBe('ready');
    expect(Object.keys(report.checks)).toEqual(['mongodb', 'redis']);
    expect(report.checks['redis']).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
  });

  it('is not ready when one fails, saying why', async () => {
    const service = new ReadinessService(
      [
        fakeIndicator('mongodb', up).indicator,
        fakeIndicator('redis', () => Promise.reject(new Error('ECONNREFUSED'))).indicator,
      ],
      500,
    );
    const report = await service.check();
    expect(report.status).toBe('not_ready');
    expect(report.checks['redis']).toMatchObject({ status: 'down', error: 'ECONNREFUSED' });
    expect(report.checks['mongodb'].status).toBe('up');
  });

  it('bounds a hanging check by its timeout', async () => {
    const service = new ReadinessService([fakeIndicator('kafka', never, { timeoutMs: 50 }).indicator], 5_000);
    const started = Date.now();
    const report = await service.check();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.checks['kafka']).toMatchObject({
      status: 'down',
      error: 'kafka did not answer within 50 ms',
    });
  });

  it('reuses a result for cacheTtlMs and shares a check in progress', async () => {
    const cached = fakeIndicator('kafka', up, { cacheTtlMs: 60_000 });
    const uncached = fakeIndicator('redis', up);
    const service = new ReadinessService([cached.indicator, uncached.indicator], 500);
    await Promise.all([service.check(), service.check()]);
    await service.check();
    expect(cached.calls.count).toBe(1);
    expect(uncached.calls.count).toBe(2);
  });

  it('reports shutting_down once shutdown began, even with healthy dependencies', async () => {
    const service = new ReadinessService([fakeIndicator('redis', up).indicator], 500);
    service.onModuleDestroy();
    expect((await service.check()).status).toBe('shutting_down');
  });

  it('refuses two indicators with the same name', () => {
    expect(
      () =>
        new ReadinessService(
          [fakeIndicator('redis', up).indicator, fakeIndicator('redis', up).indicator],
          500,
        ),
    ).toThrow(/Two health indicators are named "redis"/);
  });

  it('closes indicators that own resources on application shutdown', async () => {
    const close = jest.fn(() => Promise.resolve());
    const service = new ReadinessService([fakeIndicator('kafka', up, { close }).indicator], 500);
    await service.onApplicationShutdown();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
