/**
 * The command-line tools the infrastructure tests drive: Helm (infra/helm/helm.sh builds it from the
 * Go module proxy into the cache when missing), the project's Python venv (tools/contract/python-env.sh:
 * kubernetes-validate, PyYAML) and any other program, with their whole result kept for assertions.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
}

/** Runs a program to its end; never rejects (the result says how it ended). */
export function run(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout: String(stdout),
          stderr:
            String(stderr) + (failure && typeof failure.code !== 'number' ? `\n${failure.message}` : ''),
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a program and returns its stdout; throws with everything it printed when it fails. */
export async function runOk(file: string, args: string[], options: RunOptions = {}): Promise<string> {
  const result = await run(file, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${file} ${args.join(' ')} ended with code ${result.code} signal ${result.signal}\n` +
        `--- stdout ---\n${result.stdout.slice(-8000)}\n--- stderr ---\n${result.stderr.slice(-8000)}`,
    );
  }
  return result.stdout;
}

/** The Python venv of tools/contract/requirements.txt (created on first use: pip, a few minutes). */
export async function pythonVenv(): Promise<string> {
  const out = await runOk('bash', [path.join(REPO_ROOT, 'tools/contract/python-env.sh')], {
    timeoutMs: 15 * 60_000,
  });
  return out.trim().split('\n').pop() ?? '';
}

/** Every YAML document of `text` as JSON values (PyYAML of the venv: no YAML parser in the workspace). */
export async function parseYamlDocuments(venv: string, text: string): Promise<unknown[]> {
  const out = await runOk(
    path.join(venv, 'bin/python'),
    [
      '-c',
      'import json, sys, yaml\n' +
        'print(json.dumps([d for d in yaml.safe_load_all(sys.stdin) if d is not None]))',
    ],
    { input: text },
  );
  return JSON.parse(out) as unknown[];
}
