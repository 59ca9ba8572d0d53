import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiResponse,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Public, Roles } from '@frontera/platform-auth';
import { reasonTransitionsController } from '../transitions/reason-transitions.controller';
import { ApiProblems } from './api-problems.decorator';
import { completeOpenApiDocument, createOpenApiDocument, platformStatuses } from './openapi-document';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };

class ThingBody {}

@Controller('things')
@Roles('officer')
class ThingsController {
  @Post()
  @ApiCreatedResponse({ description: 'created', headers: { Location: { description: '/things/{id}' } } })
  @ApiProblems({ 409: 'THING.DUPLICATE' })
  create(@Body() _body: ThingBody): object {
    return {};
  }

  @Get(':id')
  @ApiOkResponse({ description: 'the thing' })
  @ApiProblems(404)
  @ApiResponse({ status: 422, description: 'legacy: application/json' })
  get(@Param('id') _id: string): object {
    return {};
  }
}

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping(): object {
    return {};
  }
}

class ThingParams {
  @ApiProperty({ example: 'thing-1' }) id!: string;
}

/** Routes built at run time: their handlers must still document parameters, body and a unique id. */
const DecisionsController = reasonTransitionsController({
  name: 'DecisionsController',
  path: 'things/:id',
  tag: 'decisions',
  params: ThingParams,
  response: ThingBody,
  transitions: ['suspension', 'reinstatement'].map((resource) => ({
    operation: resource.toUpperCase(),
    resource,
    event: `thing.${resource}`,
    summary: resource,
    description: resource,
  })),
  handler: 'DECISIONS',
  execute: async () => ({}),
});

async function documentOf(keysFetched = false): Promise<OpenAPIObject> {
  const moduleRef = await Test.createTestingModule({
    controllers: [ThingsController, PingController, DecisionsController],
    providers: [{ provide: 'DECISIONS', useValue: {} }],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  try {
    return createOpenApiDocument(app, { title: 't', description: 'd', version: '1', keysFetched });
  } finally {
    await app.close();
  }
}

describe('the OpenAPI document of a service', () => {
  it('documents every error as application/problem+json with the ProblemDetails schema', async () => {
    const document = await documentOf();
    const get = document.paths['/things/{id}'].get;
    expect(get?.responses['404']).toEqual({
      description: expect.stringMatching(/^RESOURCE\.NOT_FOUND/),
      content: PROBLEM,
    });
    expect(get?.responses['422']).toEqual({ description: 'legacy: application/json', content: PROBLEM });
    expect(document.paths['/things'].post?.responses['409']).toEqual({
      description: 'THING.DUPLICATE',
      content: PROBLEM,
    });
    expect(document.components?.schemas?.['ProblemDetails']).toMatchObject({
      required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'correlationId'],
      properties: { errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } } },
      additionalProperties: true,
    });
    expect(document.components?.schemas?.['FieldError']).toMatchObject({
      required: ['field', 'code', 'message'],
    });
  });

  it("adds the platform's own statuses: everywhere 400, 413, 415, 500; 401 and 403 (roles) where protected", async () => {
    const document = await documentOf();
    const statuses = (path: string, method: 'get' | 'post') =>
      Object.keys(document.paths[path][method]?.responses ?? {});
    expect(statuses('/things', 'post')).toEqual(['201', '400', '401', '403', '409', '413', '415', '500']);
    expect(statuses('/things/{id}', 'get')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415',
      '422',
      '500',
    ]);
    expect(statuses('/ping', 'get')).toEqual(['200', '400', '413', '415', '500']);
    expect(document.paths['/things'].post?.responses['401']).toMatchObject({
      headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
      content: PROBLEM,
    });
    expect(Object.keys((await documentOf(true)).paths['/things'].post?.responses ?? {})).toContain('503');
  });

  it('documents public operations without security and the others with the bearer scheme', async () => {
    const document = await documentOf();
    expect(document.paths['/ping'].get?.security).toEqual([]);
    expect(document.paths['/things'].post?.security).toEqual([{ bearer: [] }]);
    expect(document.components?.securitySchemes?.['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('gives every response header a schema', async () => {
    const document = await documentOf();
    expect(document.paths['/things'].post?.responses['201']).toMatchObject({
      headers: { Location: { description: '/things/{id}', schema: { type: 'string' } } },
    });
  });

  it("wraps an error response's own schema in the problem details (allOf)", () => {
    const completed = completeOpenApiDocument(
      {
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        paths: {
          '/ready': {
            get: {
              operationId: 'Health_ready',
              responses: {
                '503': {
                  description: 'not ready',
                  content: {
                    'application/json': {
                      schema: { type: 'object', properties: { checks: { type: 'object' } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      { operations: new Map([['Health_ready', { public: true, rolesRestricted: false }]]) },
    );
    expect(completed.paths['/ready'].get?.responses['503']).toEqual({
      description: 'not ready',
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ProblemDetails' },
              { type: 'object', properties: { checks: { type: 'object' } } },
            ],
          },
        },
      },
    });
  });

  it('knows which statuses the platform answers', () => {
    expect(platformStatuses({ public: true, rolesRestricted: false })).toEqual([400, 413, 415, 500]);
    expect(platformStatuses({ public: false, rolesRestricted: true }, true)).toEqual([
      400, 401, 403, 413, 415, 500, 503,
    ]);
  });

  it('documents the path parameter, the body and a unique operation id of table-driven routes', async () => {
    const document = await documentOf();
    const suspension = document.paths['/things/{id}/suspension'].post;
    const reinstatement = document.paths['/things/{id}/reinstatement'].post;
    expect(suspension?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(suspension?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ReasonRequest' } } },
    });
    expect([suspension?.operationId, reinstatement?.operationId]).toEqual([
      'DecisionsController_suspension',
      'DecisionsController_reinstatement',
    ]);
  });

  it('refuses a status that is not an error', () => {
    expect(() => ApiProblems(200)).toThrow(/not an HTTP error status/);
  });
});
