import type { IncomingMessage } from 'node:http';
import { routeTemplateOf, UNMATCHED_ROUTE } from './http-metrics.middleware';

function request(fields: { baseUrl?: string; route?: { path?: unknown } }): IncomingMessage & typeof fields {
  return Object.assign(Object.create(null) as IncomingMessage, fields);
}

describe('routeTemplateOf', () => {
  it('uses the matched route template, not the URL', () => {
    expect(routeTemplateOf(request({ baseUrl: '', route: { path: '/permits/:id' } }))).toBe('/permits/:id');
    expect(routeTemplateOf(request({ baseUrl: '/api', route: { path: '/permits/:id' } }))).toBe(
      '/api/permits/:id',
    );
  });

  it('labels requests no route matched with one bounded value', () => {
    expect(routeTemplateOf(request({}))).toBe(UNMATCHED_ROUTE);
    expect(routeTemplateOf(request({ route: { path: /regex/ } }))).toBe(UNMATCHED_ROUTE);
  });
});
