/**
 * docker-compose.yml is checked by a real Compose implementation
 * (infra/docker/check-compose.sh: Debian's docker-compose `config -q`, plus one
 * compose service per directory in services/, built by the one
 * infra/docker/service.Dockerfile with SERVICE naming it). No Docker
 * engine is needed. The script installs docker-compose with apt-get when it is
 * missing and runs as root; otherwise it fails and prints the command to run.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CHECK_SCRIPT = path.join(REPO_ROOT, 'infra/docker/check-compose.sh');
const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');

const SCRIPT_TIMEOUT_MS = 5 * 60_000;
// The first run may apt-get install docker-compose.
const TEST_TIMEOUT_MS = SCRIPT_TIMEOUT_MS + 30_000;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCheck(...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [CHECK_SCRIPT, ...args],
      { cwd: REPO_ROOT, timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
  });
}

/** Writes `text` as docker-compose.yml in a fresh temporary directory. */
function writeTempCompose(dirs: string[], text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontera-compose-'));
  dirs.push(dir);
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, text);
  return file;
}

/** Replaces `search` once in `text`, failing loudly if it is not there. */
function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at < 0) {
    throw new Error(`docker-compose.yml no longer contains ${JSON.stringify(search)}: update this test`);
  }
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

describe('docker-compose.yml', () => {
  const tempDirs: string[] = [];
  const original = fs.readFileSync(COMPOSE_FILE, 'utf8');

  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'passes docker-compose config and has a service per services/ directory, built by the shared Dockerfile',
    async () => {
      const result = await runCheck();
      // Whole result in the expectation, so a failure shows the script's output.
      expect(result).toMatchObject({ code: 0, signal: null });
      expect(result.stderr).toContain('OK: compose file valid');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails the check for a service with an invalid key',
    async () => {
      const broken = writeTempCompose(
        tempDirs,
        replaceOnce(original, '  employers:\n', '  employers:\n    not_a_compose_key: true\n'),
      );

      const result = await runCheck(broken);

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      // It failed for the planted key, not for some unrelated reason.
      expect(result.stdout + result.stderr).toContain('not_a_compose_key');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails the check when a services/ directory has no compose service of its name',
    async () => {
      // Renamed everywhere (the gateway depends on it too), so the file stays valid Compose.
      const renamed = writeTempCompose(
        tempDirs,
        original.split('  employers:\n').join('  employers-renamed:\n'),
      );

      const result = await runCheck(renamed);

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("services/employers has no compose service named 'employers'");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'fails the check when a service is built with another SERVICE than its name',
    async () => {
      const crossed = writeTempCompose(
        tempDirs,
        replaceOnce(original, '        SERVICE: permits\n', '        SERVICE: employers\n'),
      );

      const result = await runCheck(crossed);

      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(
        "the compose service 'permits' is not built with the build argument SERVICE: permits",
      );
    },
    TEST_TIMEOUT_MS,
  );
});
