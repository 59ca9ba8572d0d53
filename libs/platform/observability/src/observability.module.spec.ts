import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { HealthIndicator } from './health/health-indicator';
import { ReadinessService } from './health/readiness.service';
import { ObservabilityModule } from './observability.module';

@Injectable()
class QueueClient {
  readonly reachable = false;
}

@Module({ providers: [QueueClient], exports: [QueueClient] })
class QueueClientModule {}

function indicatorFor(client: QueueClient): HealthIndicator {
  return {
    name: 'queue',
    check: () => (client.reachable ? Promise.resolve() : Promise.reject(new Error('unreachable'))),
  };
}

describe('ObservabilityModule.forRoot', () => {
  it('builds health indicators from application providers through a factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'unit',
          destination: { write: () => undefined },
          health: {
            indicators: {
              imports: [QueueClientModule],
              inject: [QueueClient],
              useFactory: (client: QueueClient) => [indicatorFor(client)],
            },
          },
        }),
      ],
    }).compile();

    const report = await moduleRef.get(ReadinessService).check();

    expect(report).toMatchObject({
      status: 'not_ready',
      checks: { queue: { status: 'down', error: 'unreachable' } },
    });
    await moduleRef.close();
  });
});
