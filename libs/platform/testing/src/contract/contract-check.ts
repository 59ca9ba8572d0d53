import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../net/free-port';
import { pythonTools } from './python-tools';

/**
 * Checks of every run (schemathesis names): no 5xx; bodies, error bodies included, conform to
 * their documented schema; every status and content type is documented; documented headers
 * conform; a method the document does not have is 405 with `Allow`, and `Allow` (OPTIONS) lists
 * the documented methods.
 */
export const CONTRACT_CHECKS = [
  'not_a_server_error',
  'response_schema_conformance',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'unsupported_method',
  'allow_header_conformance',
] as const;

/**
 * One schemathesis run per entry: its name and its bearer token (`Bearer …` or the bare JWT, or a
 * function minting one right before the run, for runs longer than a token lives), or `undefined`
 * for a run without a token.
 */
export type ContractTokens = Readonly<Record<string, string | undefined | (() => Promise<string>)>>;

/** A service started and seeded for a contract check (see a service's `test/contract/`). */
export interface ContractTarget {
  readonly app?: { getHttpServer(): Server };
  readonly baseUrl?: string;
  readonly tokens: ContractTokens;
  close(): Promise<void>;
}

export interface ContractCheckOptions {
  /** Where the service listens, e.g. `http://127.0.0.1:3001`; or give `app`. */
  readonly baseUrl?: string;
  /** An application not listening yet (Nest's `INestApplication`): listens on 127.0.0.1 for the check. */
  readonly app?: { getHttpServer(): Server };
  /** One run per entry (see {@link ContractTokens}). */
  readonly tokens: ContractTokens;
  /** Path of the OpenAPI JSON; `/docs-json` (platform-http) by default. */
  readonly docsPath?: string;
  /** Test cases per operation and phase (schemathesis `--max-examples`); 5 by default. */
  readonly maxExamples?: number;
  /** Fixed seed (reproducible runs); a random one by default, printed in the report. */
  readonly seed?: number;
  readonly checks?: readonly string[];
  /** Phases (examples, coverage, fuzzing, stateful); all by default. */
  readonly phases?: readonly string[];
  /**
   * Go on after a failure within an operation (schemathesis `--continue-on-failure`), so the counts
   * cover every case of the budget; by default an operation stops at its first failure.
   */
  readonly continueOnFailure?: boolean;
  /**
   * Where the document, the reports and the outputs go (kept); by default a new directory under
   * tmp, removed when nothing was found (the NDJSON of a long run weighs hundreds of MB).
   */
  readonly reportDir?: string;
  /** Longest one run may take; 5 minutes by default. */
  readonly runTimeoutMs?: number;
  /** Called with each run's name when it starts and ends (progress of long runs). */
  readonly progress?: (line: string) => void;
}

/** What one schemathesis run did. */
export interface ContractRun {
  readonly name: string;
  readonly exitCode: number | null;
  /** Test cases generated (schemathesis' count). */
  readonly cases: number;
  /** Responses received, per status. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Responses per operation (`GET /employers/{id}`) and status. */
  readonly operations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Responses that failed each check, by check name. */
  readonly failedChecks: Readonly<Record<string, number>>;
  readonly uniqueFailures: number;
  /** Schemathesis errors (a schema it could not use, an internal error…). */
  readonly errors: number;
  readonly seed: string;
  readonly seconds: number;
  /** Schemathesis' own text from FAILURES / ERRORS / SUMMARY on. */
  readonly summary: string;
  /** The run's files (removed after a check without findings, unless `reportDir` was given). */
  readonly reportDir: string;
}

export interface ContractCheckResult {
  readonly docsUrl: string;
  readonly validation: { readonly ok: boolean; readonly output: string };
  readonly runs: readonly ContractRun[];
  /** The document validates and no run found anything. */
  readonly ok: boolean;
  readonly totals: {
    readonly cases: number;
    readonly responses: number;
    readonly serverErrors: number;
    readonly schemaViolations: number;
    readonly undocumentedStatuses: number;
    readonly undocumentedContentTypes: number;
    readonly headerViolations: number;
    /** Undocumented methods not answered 405 with `Allow`, or an `Allow` that disagrees with the document. */
    readonly methodViolations: number;
  };
  /** Validation result, the counts of every run and schemathesis' summaries. */
  report(): string;
}

interface Exec {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function exec(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n(killed after ${timeoutMs} ms)`;
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function authorization(token: string): string {
  return /^[A-Za-z]+ /.test(token) ? token : `Bearer ${token}`;
}

/** The part of schemathesis' output a reader needs: failures, errors, warnings and summary. */
function summaryOf(stdout: string): string {
  const start = stdout.search(/^=+ (ERRORS|FAILURES|WARNINGS|SUMMARY) =+$/m);
  const text = start >= 0 ? stdout.slice(start) : stdout;
  const limit = 12_000;
  return text.length > limit ? `${text.slice(0, limit / 2)}\n… (cut) …\n${text.slice(-limit / 2)}` : text;
}

/** What a run's responses were, from schemathesis' NDJSON event stream. */
export interface EventCounts {
  /** Responses per status. */
  statuses: Record<string, number>;
  /** Responses per operation and status. */
  operations: Record<string, Record<string, number>>;
  /** Responses that failed each check. */
  failedChecks: Record<string, number>;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Statuses and failed checks of schemathesis' NDJSON report (`--report ndjson`). */
export function countEvents(ndjson: string): EventCounts {
  const counts: EventCounts = { statuses: {}, operations: {}, failedChecks: {} };
  for (const line of ndjson.split('\n')) {
    if (!line.includes('"ScenarioFinished"')) continue;
    const event = JSON.parse(line) as {
      ScenarioFinished?: {
        recorder?: {
          label?: string;
          interactions?: Record<string, { response?: { status_code?: number } | null }>;
          checks?: Record<string, { name: string; status: string }[]>;
        };
      };
    };
    const recorder = event.ScenarioFinished?.recorder;
    if (!recorder) continue;
    const label = recorder.label ?? '?';
    for (const interaction of Object.values(recorder.interactions ?? {})) {
      const status = String(interaction.response?.status_code ?? 'no response');
      increment(counts.statuses, status);
      increment((counts.operations[label] ??= {}), status);
    }
    for (const checks of Object.values(recorder.checks ?? {})) {
      for (const check of checks) if (check.status === 'failure') increment(counts.failedChecks, check.name);
    }
  }
  return counts;
}

/**
 * The `example` a document gives a path parameter (`documentedExample(doc, '/employers/{id}', 'id')`):
 * seed a resource with that id and schemathesis' examples phase reaches its 2xx.
 */
export function documentedExample(document: unknown, path: string, parameter: string): string | undefined {
  type Parameter = { name?: string; in?: string; example?: unknown; schema?: { example?: unknown } };
  const item = (document as { paths?: Record<string, Record<string, unknown>> }).paths?.[path] ?? {};
  for (const operation of Object.values(item)) {
    const parameters = (operation as { parameters?: Parameter[] }).parameters;
    const found = parameters?.find((p) => p.name === parameter && p.in === 'path');
    // @nestjs/swagger puts a DTO property's example in the parameter's schema.
    const example = found?.example ?? found?.schema?.example;
    if (typeof example === 'string') return example;
  }
  return undefined;
}

async function listen(server: Server): Promise<string> {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo;
      resolve(`http://${address}:${port}`);
    });
  });
}

function formatCounts(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key}×${n}`).join(' ');
}

/**
 * The contract check of a service: fetches its OpenAPI document, validates it with
 * openapi-spec-validator, then runs schemathesis against the running service once per token
 * (`tokens`: each role's, and `undefined` for a run without one) with {@link CONTRACT_CHECKS}.
 * Seed data first, so operations reach their 2xx too (use ids the document's examples name, or
 * let schemathesis follow the Location headers).
 *
 * ```ts
 * const result = await contractCheck({ app: t.app, tokens: { officer: await t.callers.officer('CHP'), anonymous: undefined } });
 * expect(result.ok ? 'no findings' : result.report()).toBe('no findings');
 * ```
 */
export async function contractCheck(options: ContractCheckOptions): Promise<ContractCheckResult> {
  const tools = await pythonTools();
  const reportDir = options.reportDir ?? join(tmpdir(), `frontera-contract-${process.pid}-${Date.now()}`);
  mkdirSync(reportDir, { recursive: true });
  const progress = options.progress ?? (() => undefined);

  let server: Server | undefined;
  let baseUrl = options.baseUrl;
  if (!baseUrl) {
    if (!options.app) throw new Error('contractCheck needs baseUrl or app');
    const httpServer = options.app.getHttpServer();
    if (httpServer.listening) {
      const { port } = httpServer.address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
    } else {
      server = httpServer;
      baseUrl = await listen(httpServer);
    }
  }
  try {
    const docsUrl = `${baseUrl}${options.docsPath ?? '/docs-json'}`;
    const response = await fetch(docsUrl);
    if (!response.ok) throw new Error(`GET ${docsUrl} answered ${response.status}`);
    const documentPath = join(reportDir, 'openapi.json');
    writeFileSync(documentPath, await response.text());

    const timeoutMs = options.runTimeoutMs ?? 5 * 60_000;
    const validator = await exec(tools.openapiSpecValidator, [documentPath], reportDir, timeoutMs);
    const validation = { ok: validator.code === 0, output: `${validator.stdout}${validator.stderr}`.trim() };

    const runs: ContractRun[] = [];
    for (const [name, tokenOrMint] of Object.entries(options.tokens)) {
      const token = typeof tokenOrMint === 'function' ? await tokenOrMint() : tokenOrMint;
      const runDir = join(reportDir, name.replace(/[^A-Za-z0-9_-]/g, '_'));
      mkdirSync(runDir, { recursive: true });
      const jsonPath = join(runDir, 'report.json');
      const ndjsonPath = join(runDir, 'events.ndjson');
      const args = [
        'run',
        documentPath,
        '--url',
        baseUrl,
        '--checks',
        (options.checks ?? CONTRACT_CHECKS).join(','),
        '--max-examples',
        String(options.maxExamples ?? 5),
        // One worker: the machine has 2 cores, and CPython 3.11's ast.parse is not thread-safe
        // (hypothesis describing lambdas from several threads fails with a SystemError).
        '--workers',
        '1',
        '--no-color',
        '--generation-database',
        'none',
        '--report',
        'json,ndjson',
        '--report-json-path',
        jsonPath,
        '--report-ndjson-path',
        ndjsonPath,
        ...(options.seed === undefined ? [] : ['--seed', String(options.seed)]),
        ...(options.phases ? ['--phases', options.phases.join(',')] : []),
        ...(options.continueOnFailure ? ['--continue-on-failure'] : []),
        ...(token === undefined ? [] : ['--header', `Authorization: ${authorization(token)}`]),
      ];
      progress(`${name}: running schemathesis`);
      const started = Date.now();
      const result = await exec(tools.schemathesis, args, runDir, timeoutMs);
      writeFileSync(join(runDir, 'output.txt'), `${result.stdout}\n${result.stderr}`);
      const reportText = existsSync(jsonPath) ? readFileSync(jsonPath, 'utf8') : '{}';
      const report = JSON.parse(reportText) as {
        test_cases?: { generated?: number; unique_failures?: number };
        errors?: unknown[];
      };
      // A 128-bit integer: read it as text, JSON.parse would round it.
      const seed = /"seed":\s*"?(\d+)/.exec(reportText)?.[1] ?? String(options.seed ?? '?');
      const counts = countEvents(existsSync(ndjsonPath) ? readFileSync(ndjsonPath, 'utf8') : '');
      const run: ContractRun = {
        name,
        exitCode: result.code,
        cases: report.test_cases?.generated ?? 0,
        statuses: counts.statuses,
        operations: counts.operations,
        failedChecks: counts.failedChecks,
        uniqueFailures: report.test_cases?.unique_failures ?? 0,
        errors: report.errors?.length ?? (result.code === 0 ? 0 : 1),
        seed,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        summary: summaryOf(result.stdout) + (result.code !== 0 && result.stderr ? `\n${result.stderr}` : ''),
        reportDir: runDir,
      };
      runs.push(run);
      progress(`${name}: ${run.cases} cases in ${run.seconds} s, exit ${run.exitCode}`);
    }

    const sum = (pick: (run: ContractRun) => number): number => runs.reduce((n, run) => n + pick(run), 0);
    const failed = (check: string) => sum((run) => run.failedChecks[check] ?? 0);
    const totals = {
      cases: sum((run) => run.cases),
      responses: sum((run) => Object.values(run.statuses).reduce((a, b) => a + b, 0)),
      serverErrors: failed('not_a_server_error'),
      schemaViolations: failed('response_schema_conformance'),
      undocumentedStatuses: failed('status_code_conformance'),
      undocumentedContentTypes: failed('content_type_conformance'),
      headerViolations: failed('response_headers_conformance'),
      methodViolations: failed('unsupported_method') + failed('allow_header_conformance'),
    };
    const ok = validation.ok && runs.every((run) => run.exitCode === 0 && run.errors === 0);
    const kept = !ok || options.reportDir !== undefined;
    if (!kept) rmSync(reportDir, { recursive: true, force: true });
    return {
      docsUrl,
      validation,
      runs,
      ok,
      totals,
      report: () =>
        [
          `contract check of ${docsUrl} (${ok ? 'no findings' : 'FINDINGS'}${kept ? `; files in ${reportDir}` : ''})`,
          `openapi-spec-validator: ${validation.ok ? 'valid' : 'INVALID'}${validation.ok ? '' : `\n${validation.output}`}`,
          ...runs.map((run) =>
            [
              `--- ${run.name}: ${run.cases} cases in ${run.seconds} s (seed ${run.seed}), exit ${run.exitCode}, ` +
                `${run.uniqueFailures} unique failures, ${run.errors} errors`,
              `    responses: ${formatCounts(run.statuses)}`,
              `    failed checks: ${formatCounts(run.failedChecks)}`,
              ...(run.exitCode === 0 ? [] : [run.summary]),
            ].join('\n'),
          ),
          `totals: ${totals.cases} cases, ${totals.responses} responses, ${totals.serverErrors} 5xx, ` +
            `${totals.schemaViolations} schema violations, ${totals.undocumentedStatuses} undocumented statuses, ` +
            `${totals.undocumentedContentTypes} undocumented content types, ${totals.headerViolations} header violations, ` +
            `${totals.methodViolations} method violations`,
        ].join('\n'),
    };
  } finally {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
