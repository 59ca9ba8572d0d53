import { generateKeyPairSync } from 'node:crypto';
import {
  Controller,
  Get,
  Injectable,
  Module,
  Post,
  RequestMethod,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule, Public } from '@frontera/platform-auth';
import { loadConfig, ServiceConfig } from '@frontera/platform-config';
import { configureHttpApp } from '../src';

@Public()
@Controller('things')
class ThingsController {
  @Get()
  list(): object[] {
    return [];
  }

  @Post()
  add(): object {
    return {};
  }

  @Get(':id')
  one(): object {
    return {};
  }
}

/** Like the correlation and metrics middleware of platform-observability: every path, every method. */
@Injectable()
class EveryRequestMiddleware implements NestMiddleware {
  use(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void {
    res.setHeader('X-Seen', 'yes');
    next();
  }
}

describe('405 Method Not Allowed from the routes the router has (configureHttpApp)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const config = loadConfig(ServiceConfig, { NODE_ENV: 'test', AUTH_PUBLIC_KEY: publicKey });

    @Module({ imports: [AuthModule.forRoot(config)], controllers: [ThingsController] })
    class AppModule implements NestModule {
      configure(consumer: MiddlewareConsumer): void {
        consumer.apply(EveryRequestMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
      }
    }

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureHttpApp(app, { config, swagger: { title: 't', description: 'd', version: '1' } });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers a method the path does not have with 405 problem details and Allow', async () => {
    const response = await request(app.getHttpServer()).delete('/things?x=1').expect(405);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS, POST');
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toMatchObject({
      status: 405,
      code: 'REQUEST.METHOD_NOT_ALLOWED',
      instance: '/things',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
      correlationId: expect.any(String),
    });
    const one = await request(app.getHttpServer()).patch('/things/42').send({}).expect(405);
    expect(one.headers['allow']).toBe('GET, HEAD, OPTIONS');
    const docs = await request(app.getHttpServer()).post('/docs-json').expect(405);
    expect(docs.headers['allow']).toBe('GET, HEAD, OPTIONS');
  });

  it('keeps 404 for an unknown path and serves the methods a path has', async () => {
    const unknown = await request(app.getHttpServer()).delete('/nowhere').expect(404);
    expect(unknown.body.code).toBe('RESOURCE.NOT_FOUND');
    expect(unknown.headers['allow']).toBeUndefined();
    await request(app.getHttpServer()).get('/things/42').expect(200);
    await request(app.getHttpServer()).head('/things').expect(200);
    await request(app.getHttpServer()).post('/things').send({}).expect(201);
  });

  it('answers OPTIONS on an existing path with 204 and Allow', async () => {
    const response = await request(app.getHttpServer()).options('/things/42').expect(204);
    expect(response.headers['allow']).toBe('GET, HEAD, OPTIONS');
  });

  it('refuses a malformed body first, as on any route (400), then the method', async () => {
    const response = await request(app.getHttpServer())
      .delete('/things')
      .set('Content-Type', 'application/json')
      .send('{')
      .expect(400);
    expect(response.body.code).toBe('REQUEST.MALFORMED_JSON');
  });
});
