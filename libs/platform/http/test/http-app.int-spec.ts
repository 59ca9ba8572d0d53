import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { getConnectionToken, getModelToken, InjectModel, MongooseModule } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Schema, type Connection, type Model } from 'mongoose';
import request from 'supertest';
import { AuthModule, Public, Roles } from '@frontera/platform-auth';
import { aPrincipal, TestTokenIssuer } from '@frontera/platform-auth/testing';
import { DEV_AUTH_ISSUER, loadConfig, ServiceConfig } from '@frontera/platform-config';
import {
  NoOperatorKeys,
  PROBLEM_MAPPERS,
  ResourceErrors,
  type ProblemMapper,
} from '@frontera/platform-errors';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { configureHttpApp, createHttpApp } from '../src';
import { freePort } from '@frontera/platform-testing';

interface Registration {
  rfc: string;
  legalName: string;
  state: string;
}

const RegistrationSchema = new Schema<Registration>({
  rfc: { type: String, required: true, unique: true },
  legalName: { type: String, required: true },
  state: { type: String, required: true },
});

class AddressDto {
  @IsIn(['CHP', 'CAM', 'TAB', 'ROO'])
  state!: string;

  @IsString()
  @MaxLength(80)
  municipality!: string;
}

class RegisterDto {
  @IsString()
  @Matches(/^[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}$/)
  rfc!: string;

  @IsString()
  @MaxLength(200)
  legalName!: string;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @IsOptional()
  @IsObject()
  @NoOperatorKeys()
  metadata?: Record<string, unknown>;
}

@Controller('registrations')
class RegistrationsController {
  constructor(@InjectModel('Registration') private readonly registrations: Model<Registration>) {}

  @Roles('employer', 'officer')
  @Post()
  @HttpCode(201)
  async register(@Body() dto: RegisterDto): Promise<{ id: string }> {
    const created = await this.registrations.create({
      rfc: dto.rfc,
      legalName: dto.legalName,
      state: dto.address.state,
    });
    return { id: created.id as string };
  }

  @Roles('officer')
  @Get('count')
  async count(): Promise<{ count: number }> {
    return { count: await this.registrations.countDocuments() };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<Registration> {
    const found = await this.registrations.findById(id).lean();
    if (!found) throw ResourceErrors.NOT_FOUND.create();
    return { rfc: found.rfc, legalName: found.legalName, state: found.state };
  }
}

@Public()
@Controller('public')
class PublicController {
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: mongodb://admin:hunter2@db');
  }
}

const officer = aPrincipal('officer').inStates('CHP').build();
const employerStaff = aPrincipal('employer').ofEmployer('emp-1').build();

const aRegistration = (overrides: Record<string, unknown> = {}) => ({
  rfc: 'FLE850101AB3',
  legalName: 'Finca La Esperanza SA de CV',
  address: { state: 'CHP', municipality: 'Tapachula' },
  ...overrides,
});

describe('a service HTTP app (configureHttpApp) against FerretDB', () => {
  const endpoints = endpointsFromEnv();
  const database = uniqueName('platform-http');
  let issuer: TestTokenIssuer;
  let app: NestExpressApplication;
  let registrations: Model<Registration>;
  let officerToken: string;

  beforeAll(async () => {
    issuer = await TestTokenIssuer.create({ issuer: DEV_AUTH_ISSUER });
    const config = loadConfig(ServiceConfig, {
      NODE_ENV: 'test',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      MONGODB_URI: databaseUri(endpoints.mongodbUri, database),
      REDIS_URL: endpoints.redisUrl,
      AUTH_PUBLIC_KEY: issuer.publicKeyPem,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(config.MONGODB_URI, { maxPoolSize: config.MONGODB_MAX_POOL_SIZE }),
        MongooseModule.forFeature([{ name: 'Registration', schema: RegistrationSchema }]),
        AuthModule.forRoot(config),
      ],
      controllers: [RegistrationsController, PublicController],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureHttpApp(app, {
      config,
      swagger: { title: 'Test service', description: 'platform-http integration test', version: '0.0.1' },
    });
    await app.init();
    registrations = app.get<Model<Registration>>(getModelToken('Registration'));
    await registrations.init(); // the unique index exists before the first insert
    officerToken = await issuer.mintFor(officer);
  });

  afterAll(async () => {
    if (!app) return;
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  const post = (body: string | object, token: string = officerToken) =>
    request(app.getHttpServer())
      .post('/registrations')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  const count = () => registrations.countDocuments();

  describe('a unique index on FerretDB', () => {
    it('rejects a duplicate and the API answers 409 problem details; nothing else changes', async () => {
      const first = await post(aRegistration()).expect(201);
      const duplicate = await post(aRegistration({ legalName: 'Otra Razón Social SA' })).expect(409);
      expect(duplicate.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(duplicate.body).toMatchObject({
        type: 'https://frontera.example/problems/resource.duplicate',
        status: 409,
        code: 'RESOURCE.DUPLICATE',
        instance: '/registrations',
      });
      expect(duplicate.text).not.toContain('FLE850101AB3');
      expect(await count()).toBe(1);
      const stored = await request(app.getHttpServer())
        .get(`/registrations/${first.body.id as string}`)
        .set('Authorization', `Bearer ${officerToken}`)
        .expect(200);
      expect(stored.body.legalName).toBe('Finca La Esperanza SA de CV');
      await request(app.getHttpServer())
        .get('/registrations/count')
        .set('Authorization', `Bearer ${officerToken}`)
        .expect(200, { count: 1 });
    });
  });

  describe('validation', () => {
    it('refuses an unknown field with 400, listing it as not allowed', async () => {
      const before = await count();
      const response = await post(aRegistration({ rfc: 'AAA010101AA1', isAdmin: true })).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
      expect(response.body.errors).toEqual([
        { field: 'isAdmin', code: 'NOT_ALLOWED', message: 'no es un campo permitido' },
      ]);
      expect(await count()).toBe(before);
    });

    it('refuses {"$ne": null} where a string is expected', async () => {
      const before = await count();
      const response = await post(aRegistration({ rfc: { $ne: null } })).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'rfc', code: 'INVALID_TYPE', message: 'debe ser texto' },
      ]);
      expect(await count()).toBe(before);
    });

    it('refuses operator keys inside free-form objects and lists nested fields by path', async () => {
      const response = await post(
        aRegistration({
          metadata: { crop: { $where: 'sleep(100)' } },
          address: { state: 'JAL', municipality: 'X' },
        }),
      ).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'address.state', code: 'NOT_ONE_OF', message: 'debe ser uno de: CHP, CAM, TAB, ROO' },
        {
          field: 'metadata',
          code: 'NOT_ALLOWED',
          message: 'no puede tener claves que empiecen con "$" o contengan "."',
        },
      ]);
    });

    it('answers in English or Spanish by Accept-Language', async () => {
      const body = aRegistration({ rfc: 'AAA010101AA1', isAdmin: true });
      const en = await post(body).set('Accept-Language', 'en-US,en;q=0.9').expect(400);
      const es = await post(body).set('Accept-Language', 'es-MX').expect(400);
      expect(en.headers['content-language']).toBe('en');
      expect(es.headers['content-language']).toBe('es');
      expect(en.body.title).toBe('The request has invalid data');
      expect(es.body.title).toBe('La solicitud tiene datos no válidos');
      expect(en.body.detail).toBe('Fix the fields listed in "errors" and send the request again.');
      expect(es.body.detail).toBe('Corrija los campos indicados en "errors" y vuelva a enviar la solicitud.');
      expect(en.body.errors[0].message).toBe('is not an allowed field');
    });
  });

  describe('request bodies', () => {
    it('answers a 200 kb body with 413 REQUEST.TOO_LARGE', async () => {
      const response = await post(aRegistration({ legalName: 'x'.repeat(200 * 1024) })).expect(413);
      expect(response.body).toMatchObject({ code: 'REQUEST.TOO_LARGE', status: 413, limitBytes: 100 * 1024 });
    });

    it('answers malformed JSON with 400 REQUEST.MALFORMED_JSON', async () => {
      const response = await post('{"rfc": "FLE850101AB3",').expect(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toMatchObject({
        code: 'REQUEST.MALFORMED_JSON',
        title: 'El cuerpo de la solicitud no es JSON válido',
      });
    });

    it('answers a body that is not JSON with 415', async () => {
      const response = await request(app.getHttpServer())
        .post('/registrations')
        .set('Authorization', `Bearer ${officerToken}`)
        .set('Content-Type', 'text/plain')
        .send('rfc=FLE850101AB3')
        .expect(415);
      expect(response.body).toMatchObject({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', status: 415 });
    });
  });

  describe('other errors', () => {
    it('answers an unknown route with 404 RESOURCE.NOT_FOUND problem details', async () => {
      const response = await request(app.getHttpServer()).get('/nowhere?x=1').expect(404);
      expect(response.body).toMatchObject({ code: 'RESOURCE.NOT_FOUND', instance: '/nowhere' });
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    });

    it('answers a malformed id with 400 and a missing one with 404', async () => {
      const get = (id: string) =>
        request(app.getHttpServer())
          .get(`/registrations/${id}`)
          .set('Authorization', `Bearer ${officerToken}`);
      expect((await get('not-an-object-id').expect(400)).body.code).toBe('REQUEST.INVALID_VALUE');
      expect((await get('64b7f0c2a1b2c3d4e5f60718').expect(404)).body.code).toBe('RESOURCE.NOT_FOUND');
    });

    it('answers the unexpected with a generic 500 INTERNAL and the correlation id', async () => {
      const response = await request(app.getHttpServer())
        .get('/public/boom')
        .set('x-correlation-id', 'corr-int-test-0001')
        .expect(500);
      expect(response.body).toMatchObject({
        code: 'INTERNAL',
        status: 500,
        correlationId: 'corr-int-test-0001',
      });
      expect(response.headers['x-correlation-id']).toBe('corr-int-test-0001');
      expect(response.text).not.toMatch(/secret|hunter2|stack|Error:/);
    });
  });

  describe('authentication', () => {
    it('answers without a token 401, and a role that is not allowed 403', async () => {
      const none = await request(app.getHttpServer()).get('/registrations/count').expect(401);
      expect(none.body.code).toBe('AUTH.UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      const forbidden = await request(app.getHttpServer())
        .get('/registrations/count')
        .set('Authorization', `Bearer ${await issuer.mintFor(employerStaff)}`)
        .expect(403);
      expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
      await request(app.getHttpServer()).get('/public/ping').expect(200, { pong: true });
    });
  });

  it('serves OpenAPI at /docs-json with a bearer scheme, and no X-Powered-By', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.info).toMatchObject({ title: 'Test service', version: '0.0.1' });
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/registrations', '/public/ping']),
    );
    expect(response.headers['x-powered-by']).toBeUndefined();
    await request(app.getHttpServer()).get('/docs').expect(200);
  });
});

describe('createHttpApp', () => {
  it('listens on HOST:PORT with everything configured', async () => {
    const issuer = await TestTokenIssuer.create({ issuer: DEV_AUTH_ISSUER });
    const config = loadConfig(ServiceConfig, {
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      AUTH_PUBLIC_KEY: issuer.publicKeyPem,
    });

    @Module({ imports: [AuthModule.forRoot(config)], controllers: [PublicController] })
    class TinyModule {}

    const app = await createHttpApp(TinyModule, {
      config,
      serviceName: 'tiny',
      swagger: { title: 'Tiny', description: 'tiny', version: '1' },
      nestOptions: { logger: false },
    });
    try {
      const base = `http://${config.HOST}:${config.PORT}`;
      expect((await fetch(`${base}/public/ping`)).status).toBe(200);
      const docs = await fetch(`${base}/docs-json`);
      expect(docs.status).toBe(200);
      const problem = await fetch(`${base}/public/ping`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
        body: '{',
      });
      expect(problem.status).toBe(400);
      expect(await problem.json()).toMatchObject({ code: 'REQUEST.MALFORMED_JSON' });
    } finally {
      await app.close();
    }
  });

  it('refuses to configure an application without AuthModule (every route would be open)', async () => {
    @Module({ controllers: [PublicController] })
    class OpenModule {}
    const moduleRef = await Test.createTestingModule({ imports: [OpenModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    try {
      const config = loadConfig(ServiceConfig, {
        NODE_ENV: 'test',
        AUTH_PUBLIC_KEY: (await TestTokenIssuer.create()).publicKeyPem,
      });
      expect(() => configureHttpApp(app, { config, swagger: false })).toThrow(
        /AuthModule\.forRoot\(config\) is not imported/,
      );
    } finally {
      await app.close();
    }
  });
});

describe("problem mappers (a bounded context's own error types)", () => {
  /** Two error types the platform does not know, as permits and audits would have. */
  class PermitRuleBroken extends Error {
    constructor(readonly state: string) {
      super(`permit is ${state}`);
    }
  }
  class AuditNotFound extends Error {}

  // The platform's own catalogue is enough here; what matters is that the mappers are found.
  const mapPermitError: ProblemMapper = (e) =>
    e instanceof PermitRuleBroken
      ? ResourceErrors.CONFLICT.create(
          {},
          { extensions: { currentState: e.state, allowedActions: ['REINSTATE'] }, cause: e },
        )
      : undefined;
  const mapAuditError: ProblemMapper = (e) =>
    e instanceof AuditNotFound
      ? ResourceErrors.NOT_FOUND.create({}, { extensions: { resource: 'audit' }, cause: e })
      : undefined;

  @Public()
  @Controller('context')
  class ContextController {
    @Post('suspension')
    suspend(): never {
      throw new PermitRuleBroken('SUSPENDED');
    }

    @Get('audit')
    audit(): never {
      throw new AuditNotFound();
    }
  }

  let app: NestExpressApplication;

  beforeAll(async () => {
    const config = loadConfig(ServiceConfig, {
      NODE_ENV: 'test',
      AUTH_PUBLIC_KEY: (await TestTokenIssuer.create()).publicKeyPem,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(config)],
      controllers: [ContextController],
      // A module provides its mappers; configureHttpApp finds them.
      providers: [{ provide: PROBLEM_MAPPERS, useValue: [mapPermitError] }],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    configureHttpApp(app, { config, swagger: false, problemMappers: [mapAuditError] });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  const suspend = (language: string) =>
    request(app.getHttpServer()).post('/context/suspension').set('Accept-Language', language).expect(409);

  it("answers a provided mapper's error with its status, code, language and extension members", async () => {
    const es = await suspend('es-MX');
    expect([es.headers['content-type'], es.headers['content-language']]).toEqual([
      'application/problem+json; charset=utf-8',
      'es',
    ]);
    const { type, code, title, instance, currentState, allowedActions } = es.body;
    expect({ type, code, title, instance, currentState, allowedActions }).toEqual({
      type: 'https://frontera.example/problems/resource.conflict',
      code: 'RESOURCE.CONFLICT',
      title: 'Conflicto con el estado actual',
      instance: '/context/suspension',
      currentState: 'SUSPENDED',
      allowedActions: ['REINSTATE'],
    });
    const en = await suspend('en');
    expect([en.headers['content-language'], en.body.title, en.body.currentState]).toEqual([
      'en',
      'Conflict with the current state',
      'SUSPENDED',
    ]);
  });

  it('uses the mappers given as an option as well', async () => {
    const response = await request(app.getHttpServer()).get('/context/audit').expect(404);
    expect(response.body).toMatchObject({ code: 'RESOURCE.NOT_FOUND', resource: 'audit' });
  });

  it("still maps the platform's own errors", async () => {
    const unknown = await request(app.getHttpServer()).get('/context/nowhere').expect(404);
    expect(unknown.body.code).toBe('RESOURCE.NOT_FOUND');
    expect(unknown.body.resource).toBeUndefined();
  });
});
