import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_FLAGS, serviceNodeFlags } from '@frontera/system-launcher';

const ROOT = path.resolve(__dirname, '../../..');

describe('the node flags of every service (tools/system/node-flags.ts, decision 0052)', () => {
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
});
