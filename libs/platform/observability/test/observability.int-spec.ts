import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { createConnection, type Connection } from 'mongoose';
import { InjectPinoLogger, Logger, PinoLogger } from 'nestjs-pino';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import {
  CORRELATION_HEADER,
  CorrelationContext,
  HealthController,
  kafkaIndicator,
  MetricsController,
  mongooseIndicator,
  ObservabilityModule,
  PUBLIC_ROUTE_METADATA_KEY,
  ReadinessService,
  redisIndicator,
  REDACTED,
  type HealthIndicator,
} from '../src';

const endpoints = endpointsFromEnv();

type LogLine = Record<string, unknown>;

/** The destination the app logs to: every JSON line, parsed. */
class CapturedLogs extends Writable {
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.raw.push(chunk.toString());
    callback();
  }

  lines(): LogLine[] {
    return this.raw
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as LogLine);
  }
}

@Controller('test/workers')
class WorkerLookupController {
  constructor(@InjectPinoLogger('WorkerLookup') private readonly logger: PinoLogger) {}

  @Get(':id')
  lookup(@Param('id') id: string): { id: string; correlationId: string } {
    // What a careless handler might log: the worker's personal data.
    this.logger.info(
      { workerId: id, worker: { documentNumber: 'GT-1234567', phone: '+502 5555 1234', nationality: 'GTM' } },
      'worker looked up',
    );
    return { id, correlationId: CorrelationContext.correlationId() };
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startApp(
  indicators: readonly HealthIndicator[],
  logs: CapturedLogs,
): Promise<INestApplication> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({
        serviceName: 'observability-int',
        serviceVersion: '9.9.9',
        destination: logs,
        health: { indicators },
      }),
    ],
    controllers: [WorkerLookupController],
  })
  class AppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(0, '127.0.0.1');
  return app;
}

async function get(
  app: INestApplication,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return fetch(`${base}${path}`, { headers });
}

describe('ObservabilityModule against real MongoDB (FerretDB), Kafka and Redis', () => {
  let mongo: Connection;
  let redis: Redis;
  let deadRedis: Redis;
  let healthy: INestApplication;
  let broken: INestApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    mongo = await createConnection(databaseUri(endpoints.mongodbUri, uniqueName('obs')), {
      maxPoolSize: 5,
      serverSelectionTimeoutMS: 5_000,
    }).asPromise();
    redis = new Redis(endpoints.redisUrl);
    await redis.ping(); // connected before use, so quit() in afterAll closes it at once
    // Connects on the first PING, is refused, and gives up (no reconnect timer left behind).
    deadRedis = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      lazyConnect: true,
      retryStrategy: () => null,
    });
    deadRedis.on('error', () => undefined);

    healthy = await startApp(
      [mongooseIndicator(mongo), kafkaIndicator({ brokers: endpoints.kafkaBrokers }), redisIndicator(redis)],
      logs,
    );
    broken = await startApp(
      [
        mongooseIndicator(mongo),
        kafkaIndicator({ brokers: endpoints.kafkaBrokers }),
        redisIndicator(deadRedis),
      ],
      new CapturedLogs(),
    );
  });

  afterAll(async () => {
    await healthy?.close();
    await broken?.close();
    await redis?.quit();
    if (deadRedis?.status !== 'end') deadRedis?.disconnect();
    await mongo?.close();
  });

  it('GET /health/live answers 200 without touching dependencies', async () => {
    const res = await get(healthy, '/health/live');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'up', service: 'observability-int', version: '9.9.9' });
  });

  it('GET /health/ready answers 200 listing mongodb, kafka and redis with latencies', async () => {
    const res = await get(healthy, '/health/ready');
    const body = (await res.json()) as {
      status: string;
      checks: Record<string, { status: string; latencyMs: number }>;
    };
    expect({ status: res.status, body: body.status }).toEqual({ status: 200, body: 'ready' });
    expect(Object.keys(body.checks).sort()).toEqual(['kafka', 'mongodb', 'redis']);
    for (const check of Object.values(body.checks)) {
      expect(check).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
    }
  });

  it('GET /health/ready answers 503 problem details when Redis is on a closed port', async () => {
    const res = await get(broken, '/health/ready');
    const body = (await res.json()) as {
      code: string;
      status: number;
      detail: string;
      checks: Record<string, { status: string }>;
    };
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      status: 503,
      code: 'HEALTH.NOT_READY',
      detail: expect.stringContaining('redis:'),
    });
    expect(body.checks['redis'].status).toBe('down');
    expect(body.checks['mongodb'].status).toBe('up');
    expect(body.checks['kafka'].status).toBe('up');
  });

  it('GET /health/ready answers 503 once shutdown began', async () => {
    broken.get(ReadinessService).beginShutdown();
    const res = await get(broken, '/health/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'HEALTH.SHUTTING_DOWN' });
  });

  it('echoes x-correlation-id, logs it on every line of the request and redacts personal data', async () => {
    const res = await get(healthy, '/test/workers/w-42', { [CORRELATION_HEADER]: 'corr-int-obs-0001' });
    expect(res.status).toBe(200);
    expect(res.headers.get(CORRELATION_HEADER)).toBe('corr-int-obs-0001');
    expect(await res.json()).toEqual({ id: 'w-42', correlationId: 'corr-int-obs-0001' });

    const ofRequest = logs.lines().filter((line) => line['correlationId'] === 'corr-int-obs-0001');
    const appLine = ofRequest.find((line) => line['msg'] === 'worker looked up');
    const accessLine = ofRequest.find((line) => line['msg'] === 'request completed');
    expect(appLine).toMatchObject({
      level: 'info',
      service: 'observability-int',
      version: '9.9.9',
      workerId: 'w-42',
      worker: { documentNumber: REDACTED, phone: REDACTED, nationality: 'GTM' },
    });
    expect(accessLine).toMatchObject({
      req: { id: 'corr-int-obs-0001', method: 'GET', path: '/test/workers/w-42' },
      res: { statusCode: 200 },
    });
    const text = logs.raw.join('');
    expect(text).not.toContain('GT-1234567');
    expect(text).not.toContain('5555 1234');
  });

  it('replaces a correlation id that is not plain with a new one', async () => {
    const res = await get(healthy, '/test/workers/w-43', { [CORRELATION_HEADER]: 'x' });
    const echoed = res.headers.get(CORRELATION_HEADER);
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { correlationId: string }).correlationId).toBe(echoed);
  });

  it('GET /metrics serves process metrics and request durations by route template', async () => {
    await get(healthy, '/test/workers/w-44');
    const res = await get(healthy, '/metrics');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(
      /frontera_http_request_duration_seconds_count\{method="GET",route="\/test\/workers\/:id",status="200"\} \d+/,
    );
    expect(text).not.toContain('/test/workers/w-44');
  });

  it('marks the probe and metrics controllers public for the auth guard', () => {
    const reflector = new Reflector();
    expect(reflector.get<boolean>(PUBLIC_ROUTE_METADATA_KEY, HealthController)).toBe(true);
    expect(reflector.get<boolean>(PUBLIC_ROUTE_METADATA_KEY, MetricsController)).toBe(true);
  });
});
