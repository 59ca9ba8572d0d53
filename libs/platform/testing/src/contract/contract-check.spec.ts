import { countEvents, documentedExample } from './contract-check';

/** One ScenarioFinished event as schemathesis 4 writes it to its NDJSON report (trimmed). */
function scenario(label: string, cases: Record<string, { status: number; failed?: string[] }>): string {
  return JSON.stringify({
    ScenarioFinished: {
      phase: 'fuzzing',
      recorder: {
        label,
        interactions: Object.fromEntries(
          Object.entries(cases).map(([id, c]) => [id, { request: {}, response: { status_code: c.status } }]),
        ),
        checks: Object.fromEntries(
          Object.entries(cases).map(([id, c]) => [
            id,
            [
              {
                name: 'not_a_server_error',
                status: c.failed?.includes('not_a_server_error') ? 'failure' : 'success',
              },
              {
                name: 'content_type_conformance',
                status: c.failed?.includes('content_type_conformance') ? 'failure' : 'success',
              },
            ],
          ]),
        ),
      },
    },
  });
}

describe('contract check reports', () => {
  it('counts responses per status and operation, and the responses each check failed', () => {
    const ndjson = [
      JSON.stringify({ PhaseStarted: { phase: 'fuzzing' } }),
      scenario('GET /employers', {
        a: { status: 200 },
        b: { status: 400, failed: ['content_type_conformance'] },
      }),
      scenario('POST /employers', { c: { status: 500, failed: ['not_a_server_error'] } }),
      scenario('GET /employers', { d: { status: 400 } }),
      '',
    ].join('\n');
    expect(countEvents(ndjson)).toEqual({
      statuses: { '200': 1, '400': 2, '500': 1 },
      operations: { 'GET /employers': { '200': 1, '400': 2 }, 'POST /employers': { '500': 1 } },
      failedChecks: { content_type_conformance: 1, not_a_server_error: 1 },
    });
  });

  it('finds the example a document gives a path parameter', () => {
    const document = {
      paths: {
        '/employers/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', schema: { type: 'string', example: 'org-7f3a9c' } }],
          },
        },
        '/employers/{id}/worksites/{worksiteId}': {
          patch: { parameters: [{ name: 'worksiteId', in: 'path', example: 'ws_1' }] },
        },
      },
    };
    expect(documentedExample(document, '/employers/{id}', 'id')).toBe('org-7f3a9c');
    expect(documentedExample(document, '/employers/{id}/worksites/{worksiteId}', 'worksiteId')).toBe('ws_1');
    expect(documentedExample(document, '/employers/{id}', 'worksiteId')).toBeUndefined();
    expect(documentedExample({}, '/nowhere', 'id')).toBeUndefined();
  });
});
