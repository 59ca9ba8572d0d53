import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * infra/docker/engine.sh: the engine runs with no bridge network, `status` is one line, and `stop`
 * never stops a daemon this script (with this data directory) did not start.
 */
const root = join(__dirname, '../../..');
const script = join(root, 'infra/docker/engine.sh');
const run = promisify(execFile);

describe('infra/docker/engine.sh', () => {
  beforeAll(async () => {
    await run('bash', [script, 'start'], { timeout: 15 * 60_000 });
  }, 15 * 60_000);

  it('status prints one line: running, with the server version and socket', async () => {
    const { stdout } = await run('bash', [script, 'status']);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stdout).toMatch(
      /^docker\s+running\s+(pid=\d+|-)\s+(ours|not ours), server \d+\.\d+\S*, \/var\/run\/docker\.sock\n$/,
    );
  });

  it('runs the engine with no bridge: only the host and none networks, no docker0 link', async () => {
    const { stdout } = await run('docker', ['network', 'ls', '--format', '{{.Name}} {{.Driver}}']);
    expect(stdout.trim().split('\n').sort()).toEqual(['host host', 'none null']);
    await expect(run('ip', ['link', 'show', 'docker0'])).rejects.toThrow();
  });

  it('stop leaves alone a daemon it did not start (another data directory: no pid file of its own)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontera-engine-'));
    try {
      const { stdout } = await run('bash', [script, 'stop'], {
        env: { ...process.env, FRONTERA_DATA_DIR: dataDir },
      });
      expect(stdout).toMatch(/not started by this script: left alone/);
      const after = await run('bash', [script, 'status'], {
        env: { ...process.env, FRONTERA_DATA_DIR: dataDir },
      });
      expect(after.stdout).toMatch(/^docker\s+running\s+-\s+not ours/);
      await expect(run('docker', ['info', '--format', '{{.ServerVersion}}'])).resolves.toBeDefined();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
