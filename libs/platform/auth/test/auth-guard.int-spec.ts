import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ProblemDetailsFilter } from '@frontera/platform-errors';
import { AuthModule, CurrentPrincipal, Public, Roles, type AuthConfig, type Principal } from '../src';
import { aPrincipal, TestTokenIssuer } from '../src/testing';

@Controller('cases')
class CasesController {
  @Public()
  @Get('public')
  open(): { open: true } {
    return { open: true };
  }

  @Get('mine')
  mine(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles('officer', 'supervisor')
  @Get('review')
  review(): { reviewed: true } {
    return { reviewed: true };
  }
}

@Roles('inspector')
@Controller('tasks')
class TasksController {
  @Get()
  list(): string[] {
    return [];
  }

  @Roles('supervisor')
  @Get('all')
  all(): string[] {
    return ['every task'];
  }
}

async function appWith(config: AuthConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(config)],
    controllers: [CasesController, TasksController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  return app.init();
}

const officer = aPrincipal('officer').inStates('CHP', 'CAM').build();
const inspector = aPrincipal('inspector').inStates('CHP').asInspector('insp-9').build();
const employer = aPrincipal('employer').ofEmployer('emp-3').build();

describe('auth guard with the issuer public key', () => {
  let issuer: TestTokenIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    issuer = await TestTokenIssuer.create({ issuer: 'https://id.test', audience: 'frontera-api' });
    app = await appWith({
      AUTH_ISSUER: 'https://id.test',
      AUTH_AUDIENCE: 'frontera-api',
      AUTH_PUBLIC_KEY: issuer.publicKeyPem,
    });
  });
  afterAll(() => app.close());

  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  it('lets anyone call a @Public() route', async () => {
    await get('/cases/public').expect(200, { open: true });
  });

  it('answers a request without a token with 401 problem details and a Bearer challenge', async () => {
    const response = await get('/cases/mine').expect(401);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="frontera"');
    expect(response.body).toMatchObject({
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
      title: 'Autenticación requerida',
      instance: '/cases/mine',
      reason: 'missing_token',
    });
  });

  it('gives the handler the verified principal of a valid token', async () => {
    await get('/cases/mine', await issuer.mintFor(officer)).expect(200, {
      ...officer,
      states: ['CHP', 'CAM'],
    });
  });

  it('answers an expired token with 401', async () => {
    const response = await get('/cases/mine', await issuer.mintExpired(officer)).expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', reason: 'token_expired' });
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('answers a token signed by another key with 401', async () => {
    const stranger = await TestTokenIssuer.create({ issuer: 'https://id.test', audience: 'frontera-api' });
    const response = await get('/cases/mine', await stranger.mintFor(officer)).expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', reason: 'invalid_signature' });
  });

  it('answers a token whose claims do not fit the role with 401', async () => {
    const response = await get('/cases/mine', await issuer.mint({ sub: 'x', role: 'employer' })).expect(401);
    expect(response.body).toMatchObject({ reason: 'invalid_claims' });
  });

  it('answers a role that is not allowed with 403 problem details, in English on request', async () => {
    const response = await get('/cases/review', await issuer.mintFor(employer))
      .set('Accept-Language', 'en')
      .expect(403);
    expect(response.body).toMatchObject({
      status: 403,
      code: 'AUTH.FORBIDDEN',
      title: 'Access denied',
      allowedRoles: ['officer', 'supervisor'],
    });
    await get('/cases/review', await issuer.mintFor(officer)).expect(200);
  });

  it('applies controller roles, overridden by handler roles', async () => {
    await get('/tasks', await issuer.mintFor(inspector)).expect(200);
    await get('/tasks', await issuer.mintFor(officer)).expect(403);
    await get('/tasks/all', await issuer.mintFor(inspector)).expect(403);
    await get('/tasks/all', await issuer.mintFor(aPrincipal('supervisor').build())).expect(200);
  });

  it('refuses other schemes and malformed bearer headers', async () => {
    const basic = await get('/cases/mine').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    expect(basic.body.reason).toBe('missing_token');
    const garbage = await get('/cases/mine').set('Authorization', 'Bearer not-a-jwt').expect(401);
    expect(garbage.body.reason).toBe('malformed_token');
  });
});

describe('auth guard with the issuer JWKS URL', () => {
  let issuer: TestTokenIssuer;
  let jwksServer: Server;
  let jwksRequests = 0;
  let app: INestApplication;

  beforeAll(async () => {
    issuer = await TestTokenIssuer.create({
      issuer: 'https://id.test',
      audience: 'frontera-api',
      kid: 'key-1',
    });
    const jwks = JSON.stringify(await issuer.jwks());
    jwksServer = createServer((_req, res) => {
      jwksRequests += 1;
      res.setHeader('Content-Type', 'application/json');
      res.end(jwks);
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    app = await appWith({
      AUTH_ISSUER: 'https://id.test',
      AUTH_AUDIENCE: 'frontera-api',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  });

  it('verifies tokens with keys fetched from the JWKS', async () => {
    const response = await request(app.getHttpServer())
      .get('/cases/mine')
      .set('Authorization', `Bearer ${await issuer.mintFor(officer)}`)
      .expect(200);
    expect(response.body.subject).toBe(officer.subject);
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a token whose key id the JWKS does not have', async () => {
    const other = await TestTokenIssuer.create({
      issuer: 'https://id.test',
      audience: 'frontera-api',
      kid: 'key-2',
    });
    const response = await request(app.getHttpServer())
      .get('/cases/mine')
      .set('Authorization', `Bearer ${await other.mintFor(officer)}`)
      .expect(401);
    expect(response.body.reason).toBe('unknown_key');
  });
});

describe('auth guard when the JWKS cannot be fetched', () => {
  let failingServer: Server;
  let app: INestApplication;

  beforeAll(async () => {
    failingServer = createServer((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await new Promise<void>((resolve) => failingServer.listen(0, '127.0.0.1', resolve));
    const { port } = failingServer.address() as AddressInfo;
    app = await appWith({
      AUTH_ISSUER: 'https://id.test',
      AUTH_AUDIENCE: 'frontera-api',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => failingServer.close(() => resolve()));
  });

  it('answers 503 AUTH.KEYS_UNAVAILABLE, not 401: the token may be fine', async () => {
    const issuer = await TestTokenIssuer.create({
      issuer: 'https://id.test',
      audience: 'frontera-api',
      kid: 'k',
    });
    const response = await request(app.getHttpServer())
      .get('/cases/mine')
      .set('Authorization', `Bearer ${await issuer.mintFor(officer)}`)
      .expect(503);
    expect(response.body).toMatchObject({ code: 'AUTH.KEYS_UNAVAILABLE', status: 503 });
  });
});
