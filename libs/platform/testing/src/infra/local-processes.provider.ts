import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { endpointsFromEnv, type InfraEndpoints, type InfraProvider } from './infra-provider';

const run = promisify(execFile);

export function findWorkspaceRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json found above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Parses the `export NAME=value` lines printed by `servers.sh env`. */
export function parseExportLines(output: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const match = /^\s*export\s+([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/**
 * Servers as local processes, installed and started by infra/local/servers.sh
 * (idempotent: running servers are reused; external ones named by
 * KAFKA_BROKERS / MONGODB_URI / REDIS_URL are used as they are).
 */
export class LocalProcessesProvider implements InfraProvider {
  readonly name = 'local-processes';

  constructor(private readonly script = join(findWorkspaceRoot(), 'infra/local/servers.sh')) {}

  async start(): Promise<InfraEndpoints> {
    try {
      await run('bash', [this.script, 'start'], { timeout: 15 * 60_000, maxBuffer: 16 << 20 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`infra/local/servers.sh start failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
    }
    const { stdout } = await run('bash', [this.script, 'env'], { timeout: 30_000 });
    return endpointsFromEnv({ ...process.env, ...parseExportLines(stdout) });
  }
}
