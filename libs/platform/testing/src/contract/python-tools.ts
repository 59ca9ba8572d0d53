import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '../infra/local-processes.provider';

const run = promisify(execFile);

/** The executables of the contract tests' Python venv (tools/contract/requirements.txt). */
export interface PythonTools {
  readonly venv: string;
  readonly schemathesis: string;
  readonly openapiSpecValidator: string;
}

function toolsIn(venv: string): PythonTools {
  return {
    venv,
    schemathesis: join(venv, 'bin', 'schemathesis'),
    openapiSpecValidator: join(venv, 'bin', 'openapi-spec-validator'),
  };
}

/**
 * The venv `FRONTERA_PYTHON_TOOLS` names (scripts/test.sh exports it after `ensure_python_tools`),
 * or the one `tools/contract/python-env.sh` creates or reuses (a first run installs from PyPI,
 * about 40 s).
 */
export async function pythonTools(env: NodeJS.ProcessEnv = process.env): Promise<PythonTools> {
  const given = env['FRONTERA_PYTHON_TOOLS'];
  if (given && existsSync(toolsIn(given).schemathesis) && existsSync(toolsIn(given).openapiSpecValidator)) {
    return toolsIn(given);
  }
  const script = join(findWorkspaceRoot(), 'tools', 'contract', 'python-env.sh');
  try {
    const { stdout } = await run('bash', [script], { env, timeout: 10 * 60_000, maxBuffer: 16 << 20 });
    const venv = stdout.trim().split('\n').pop() ?? '';
    return toolsIn(venv);
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`tools/contract/python-env.sh failed:\n${e.stderr ?? e.message}`);
  }
}
