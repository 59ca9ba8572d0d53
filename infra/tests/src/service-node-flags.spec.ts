import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  SERVICE_NODE_FLAGS,
  SERVICE_PROCESS_ENV,
  serviceNodeFlags,
  serviceProcessEnv,
} from '@frontera/system-launcher';

const ROOT = path.resolve(__dirname, '../../..');

describe('the node flags and process environment of every service (tools/system/node-flags.ts, decisions 0052 and 0056)', () => {
  it('Given the container image, When its CMD is read, Then it starts main.js with exactly SERVICE_NODE_FLAGS', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'infra/docker/service.Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])\s*$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    expect(JSON.parse((cmd as RegExpExecArray)[1] as string)).toEqual([
      'node',
      ...SERVICE_NODE_FLAGS,
      'main.js',
    ]);
  });

  it('Given no override, When the flags are asked for, Then they are SERVICE_NODE_FLAGS', () => {
    expect(serviceNodeFlags({})).toEqual([...SERVICE_NODE_FLAGS]);
  });

  it('Given FRONTERA_SERVICE_NODE_FLAGS, When the flags are asked for, Then its words replace them (empty: none)', () => {
    expect(serviceNodeFlags({ FRONTERA_SERVICE_NODE_FLAGS: '' })).toEqual([]);
    expect(
      serviceNodeFlags({ FRONTERA_SERVICE_NODE_FLAGS: ' --max-semi-space-size=8  --cpu-prof ' }),
    ).toEqual(['--max-semi-space-size=8', '--cpu-prof']);
  });

  it('Given the container image, When its ENV lines are read, Then they set every variable of SERVICE_PROCESS_ENV to its value', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'infra/docker/service.Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    const assigned = new Map(
      [...runtime.matchAll(/^ENV ([A-Z_]+)=(\S+)\s*$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    expect(Object.keys(SERVICE_PROCESS_ENV).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(SERVICE_PROCESS_ENV)) expect(assigned.get(name)).toBe(value);
  });

  it('Given no such variable in the environment, When the process environment is asked for, Then it is SERVICE_PROCESS_ENV', () => {
    expect(serviceProcessEnv({})).toEqual({ ...SERVICE_PROCESS_ENV });
  });

  it("Given MALLOC_ARENA_MAX set by an operator, When the process environment is asked for, Then the operator's value is kept", () => {
    expect(serviceProcessEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({
      ...SERVICE_PROCESS_ENV,
      MALLOC_ARENA_MAX: '8',
    });
  });

  it('Given the local run (scripts/dev.sh), When it starts a service, Then it uses the printed environment and flags', () => {
    const dev = readFileSync(path.join(ROOT, 'scripts/dev.sh'), 'utf8');
    expect(dev).toContain('tools/system/print-service-runtime.ts');
    expect(dev).toMatch(
      /env "\$\{service_env\[@\]\}" .*\n.*node "\$\{service_flags\[@\]\}" "dist\/services\/\$\{name\}\/main\.js"/,
    );
  });
});
