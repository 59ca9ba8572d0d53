import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKeyDirectory, devTokenRefusal, loadOrCreateDevKey } from './dev-keys';

describe('development keys and tokens', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontera-dev-auth-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuse unless FRONTERA_DEV_TOKENS=enabled and NODE_ENV is not production', () => {
    expect(devTokenRefusal({})).toMatch(/FRONTERA_DEV_TOKENS=enabled/);
    expect(devTokenRefusal({ FRONTERA_DEV_TOKENS: 'true' })).toMatch(/FRONTERA_DEV_TOKENS=enabled/);
    expect(devTokenRefusal({ FRONTERA_DEV_TOKENS: 'enabled', NODE_ENV: 'production' })).toMatch(/production/);
    expect(devTokenRefusal({ FRONTERA_DEV_TOKENS: 'enabled', NODE_ENV: 'development' })).toBeUndefined();
    expect(devTokenRefusal({ FRONTERA_DEV_TOKENS: 'enabled' })).toBeUndefined();
  });

  it('live under FRONTERA_CACHE_DIR/dev-auth, or ~/.cache/frontera/dev-auth', () => {
    expect(devKeyDirectory({ FRONTERA_CACHE_DIR: '/x/cache' })).toBe('/x/cache/dev-auth');
    expect(devKeyDirectory({})).toMatch(/\.cache\/frontera\/dev-auth$/);
  });

  it('create the key once, mode 600, and reuse it', () => {
    const first = loadOrCreateDevKey(join(dir, 'dev-auth'));
    expect(first.created).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'dev-auth')).mode & 0o777).toBe(0o700);
    const second = loadOrCreateDevKey(join(dir, 'dev-auth'));
    expect(second).toEqual({ ...first, created: false });
  });
});
