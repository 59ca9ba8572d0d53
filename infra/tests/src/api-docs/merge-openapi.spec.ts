import {
  ApiMergeError,
  mergeServiceDocuments,
  operationsOf,
  resolveSchemaCollisions,
  toOpenApi31,
} from '@frontera/api-docs';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function documentOf(paths: Record<string, object>, schemas: Record<string, object>): object {
  return {
    openapi: '3.0.0',
    info: { title: 't', description: 'd', version: '1' },
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

const ok = (schema: string) => ({
  responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref(schema) } } } },
});

const PROBLEM = { type: 'object', properties: { code: { type: 'string' } } };

const employers = documentOf(
  {
    '/employers/{id}/risk': { get: { operationId: 'RiskController_get', ...ok('RiskResponse') } },
    '/employers/{id}/history': { get: { operationId: 'HistoryController_get', ...ok('HistoryResponse') } },
    '/health/live': { get: { operationId: 'HealthController_live', ...ok('ProblemDetails') } },
  },
  {
    ProblemDetails: PROBLEM,
    RiskResponse: { type: 'object', properties: { tier: { type: 'string' } } },
    HistoryResponse: {
      type: 'object',
      properties: { items: { type: 'array', items: ref('EntryResponse') } },
    },
    EntryResponse: { type: 'object', properties: { at: { type: 'string' } } },
  },
);
const audits = documentOf(
  {
    '/tasks/{id}': { get: { operationId: 'TasksController_get', ...ok('RiskResponse') } },
    '/referrals': { get: { operationId: 'ReferralsController_list', ...ok('HistoryResponse') } },
    '/health/live': { get: { operationId: 'HealthController_live', ...ok('ProblemDetails') } },
  },
  {
    ProblemDetails: PROBLEM,
    RiskResponse: { type: 'object', properties: { score: { type: 'number' } } },
    // The same text as employers' HistoryResponse, but its EntryResponse differs.
    HistoryResponse: {
      type: 'object',
      properties: { items: { type: 'array', items: ref('EntryResponse') } },
    },
    EntryResponse: { type: 'object', properties: { on: { type: 'string' } } },
  },
);

describe('the combined OpenAPI document (tools/api-docs/merge-openapi.ts)', () => {
  const services = [
    { service: 'employers', document: employers },
    { service: 'audits', document: audits },
  ];

  it('shares a schema two services define identically, and prefixes by service one they define differently', () => {
    const merged = mergeServiceDocuments(services) as {
      paths: Record<
        string,
        { get: { responses: { '200': { content: { 'application/json': { schema: unknown } } } } } }
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(merged.components.schemas).sort()).toEqual([
      'AuditsEntryResponse',
      'AuditsHistoryResponse',
      'AuditsRiskResponse',
      'EmployersEntryResponse',
      'EmployersHistoryResponse',
      'EmployersRiskResponse',
      'ProblemDetails',
    ]);
    const schemaOf = (path: string) =>
      merged.paths[path].get.responses['200'].content['application/json'].schema;
    expect(schemaOf('/employers/{id}/risk')).toEqual(ref('EmployersRiskResponse'));
    expect(schemaOf('/tasks/{id}')).toEqual(ref('AuditsRiskResponse'));
    // Renamed because what it refers to was renamed (the second round).
    expect(merged.components.schemas['AuditsHistoryResponse']).toEqual({
      type: 'object',
      properties: { items: { type: 'array', items: ref('AuditsEntryResponse') } },
    });
  });

  it('is deterministic and does not change its inputs', () => {
    const before = JSON.stringify(services);
    expect(JSON.stringify(mergeServiceDocuments(services))).toBe(
      JSON.stringify(mergeServiceDocuments(services)),
    );
    expect(JSON.stringify(services)).toBe(before);
  });

  it('has every operation of every service but the operational routes the entry point does not route', () => {
    const merged = mergeServiceDocuments(services);
    expect(operationsOf(merged).sort()).toEqual([
      'GET /employers/{id}/history',
      'GET /employers/{id}/risk',
      'GET /referrals',
      'GET /tasks/{id}',
    ]);
    expect(merged['openapi']).toBe('3.1.0');
    expect(merged['info']).toMatchObject({ title: 'Frontera — API', version: '1' });
  });

  it('fails, naming the path, when two services declare the same path', () => {
    const clash = documentOf(
      { '/tasks/{id}': { post: { operationId: 'Other_post', ...ok('X') } } },
      { X: {} },
    );
    expect(() => mergeServiceDocuments([...services, { service: 'other', document: clash }])).toThrow(
      /duplicate-paths.*\/tasks\/\{id\}/,
    );
    expect(() => mergeServiceDocuments([])).toThrow(ApiMergeError);
  });

  it('fails when the prefixed name of a disputed schema is taken', () => {
    const taken = documentOf(
      {},
      { RiskResponse: { type: 'string' }, AuditsRiskResponse: { type: 'string' } },
    );
    expect(() =>
      resolveSchemaCollisions([
        { service: 'employers', document: employers },
        { service: 'audits', document: taken },
      ]),
    ).toThrow(/AuditsRiskResponse is taken/);
  });

  it('converts 3.0 schemas to 3.1: nullable, nullable references and enums, boolean exclusive bounds', () => {
    const converted = toOpenApi31({
      openapi: '3.0.0',
      components: {
        schemas: {
          A: {
            type: 'object',
            properties: {
              s: { type: 'string', nullable: true, maxLength: 3 },
              e: { type: 'string', enum: ['X', 'Y'], nullable: true },
              r: { nullable: true, type: 'object', allOf: [ref('B')], description: 'the b' },
              n: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
              f: { type: 'boolean', nullable: false },
            },
          },
        },
      },
    });
    expect(converted['openapi']).toBe('3.1.0');
    expect(
      (converted as { components: { schemas: { A: { properties: unknown } } } }).components.schemas.A
        .properties,
    ).toEqual({
      s: { type: ['string', 'null'], maxLength: 3 },
      e: { type: ['string', 'null'], enum: ['X', 'Y', null] },
      r: { description: 'the b', anyOf: [ref('B'), { type: 'null' }] },
      n: { type: 'number', exclusiveMinimum: 0, maximum: 9 },
      f: { type: 'boolean' },
    });
  });
});
