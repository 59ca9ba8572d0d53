import { ServiceUnavailableException } from '@nestjs/common';
import { HealthController } from './health.controller';

describe('HealthController', () => {
  it('is ready until shutdown starts, and live throughout', () => {
    const health = new HealthController();
    expect(health.readyCheck()).toEqual({ status: 'ok' });
    health.markShuttingDown();
    expect(() => health.readyCheck()).toThrow(ServiceUnavailableException);
    expect(health.live()).toEqual({ status: 'ok' });
  });
});
