import { PUBLIC_ROUTE_METADATA_KEY as OBSERVABILITY_PUBLIC_KEY } from '@frontera/platform-observability';
import { PUBLIC_ROUTE_METADATA_KEY } from './auth.decorators';
import { bearerToken } from './auth.guard';

describe('auth decorators', () => {
  it('mark public routes with the key the observability routes use', () => {
    expect(PUBLIC_ROUTE_METADATA_KEY).toBe(OBSERVABILITY_PUBLIC_KEY);
  });

  it('bearerToken takes a JWT from a Bearer header and nothing else', () => {
    expect(bearerToken('Bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(bearerToken('bearer  aaa.bbb.ccc ')).toBe('aaa.bbb.ccc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer aaa.bbb.ccc, Bearer ddd.eee.fff')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
