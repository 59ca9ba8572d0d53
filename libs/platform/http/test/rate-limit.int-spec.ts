import { generateKeyPairSync } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { AuthModule, Public } from '@frontera/platform-auth';
import { loadConfig, ServiceConfig } from '@frontera/platform-config';
import { endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { configureHttpApp, RateLimited, RateLimitModule } from '../src';

jest.setTimeout(30_000);

const REDIS = Symbol('REDIS');

@Public()
@Controller('verify')
class VerifyController {
  @Get()
  @RateLimited('public')
  check(): object {
    return { ok: true };
  }

  @Get('free')
  free(): object {
    return { ok: true };
  }
}

describe('RateLimited (rate-limiter-flexible on real Redis)', () => {
  let app: NestExpressApplication;
  let redis: Redis;

  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const config = loadConfig(ServiceConfig, { NODE_ENV: 'test', AUTH_PUBLIC_KEY: publicKey });
    redis = new Redis(endpointsFromEnv().redisUrl);

    @Module({ providers: [{ provide: REDIS, useValue: redis }], exports: [REDIS] })
    class RedisModule {}

    @Module({
      imports: [
        AuthModule.forRoot(config),
        RateLimitModule.forRoot({
          keyPrefix: `${uniqueName('rate')}:`,
          rules: { public: { points: 3, durationSeconds: 60 } },
          redis: REDIS,
          imports: [RedisModule],
        }),
      ],
      controllers: [VerifyController],
    })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureHttpApp(app, { config, swagger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
  });

  it('lets a client through up to the limit, then 429 problem details with Retry-After', async () => {
    const server = app.getHttpServer();
    for (let i = 0; i < 3; i++) await request(server).get('/verify').expect(200);
    const refused = await request(server).get('/verify').expect(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', status: 429 });
    // Routes without a limit are not affected.
    await request(server).get('/verify/free').expect(200);
  });
});
