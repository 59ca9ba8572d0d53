import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MetricResult } from './metrics';

/** Repository root (bench/lib/ is two levels below it). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Where result files go (gitignored). Override with BENCH_RESULTS_DIR. */
export const RESULTS_DIR = process.env['BENCH_RESULTS_DIR']
  ? path.resolve(process.env['BENCH_RESULTS_DIR'])
  : path.join(REPO_ROOT, 'bench', 'results');

export const RESULT_SCHEMA = 'frontera.bench/v1';

export interface MachineInfo {
  hostname: string;
  os: { type: string; platform: string; release: string; arch: string };
  cpus: { count: number; availableParallelism: number; model: string; speedMHz: number };
  memoryMB: { total: number; freeAtStart: number };
  /** 1/5/15-minute load averages when the run started and when it finished. */
  loadavg: { start: number[]; end?: number[] };
  node: { version: string; v8: string };
  git: { commit: string | null; branch: string | null; dirty: boolean | null };
}

/** The JSON written for one benchmark run (numbers that were NaN are written as null). */
export interface BenchResultFile {
  schema: typeof RESULT_SCHEMA;
  name: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  options: Record<string, unknown>;
  machine: MachineInfo;
  /** Servers the run talked to (URIs without credentials). */
  endpoints: Record<string, string>;
  metrics: MetricResult[];
  notes: string[];
  /** Suites that failed; their metrics are missing. */
  errors: Array<{ group: string; message: string }>;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: REPO_ROOT,
      timeout: 5000,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** OS, CPUs, memory, load, Node version and git commit of this machine and checkout. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    hostname: os.hostname(),
    os: { type: os.type(), platform: os.platform(), release: os.release(), arch: os.arch() },
    cpus: {
      count: cpus.length,
      availableParallelism: os.availableParallelism(),
      model: cpus[0]?.model.trim() ?? 'unknown',
      speedMHz: cpus[0]?.speed ?? 0,
    },
    memoryMB: { total: Math.round(os.totalmem() / 2 ** 20), freeAtStart: Math.round(os.freemem() / 2 ** 20) },
    loadavg: { start: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    node: { version: process.version, v8: process.versions.v8 },
    git: {
      commit: git(['rev-parse', 'HEAD']),
      branch: git(['rev-parse', '--abbrev-ref', 'HEAD']),
      dirty: status === null ? null : status.length > 0,
    },
  };
}

/** Filesystem-safe UTC timestamp: 2025-01-31T12-34-56Z. */
export function fileTimestamp(date: Date = new Date()): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Writes `<dir>/<name>-<timestamp>.json` and `<dir>/<name>-latest.json` (same content).
 * Returns both paths.
 */
export function writeResults(
  result: BenchResultFile,
  dir: string = RESULTS_DIR,
): { file: string; latest: string } {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const file = path.join(dir, `${result.name}-${fileTimestamp(new Date(result.startedAt))}.json`);
  const latest = path.join(dir, `${result.name}-latest.json`);
  writeAtomically(file, text);
  writeAtomically(latest, text);
  return { file, latest };
}

/** Reads a result file written by writeResults. */
export function readResults(file: string): BenchResultFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResultFile>;
  if (parsed.schema !== RESULT_SCHEMA || !Array.isArray(parsed.metrics)) {
    throw new Error(`${file} is not a ${RESULT_SCHEMA} result file`);
  }
  return parsed as BenchResultFile;
}

/** Reads `<dir>/<name>-latest.json`. */
export function readLatestResults(name: string, dir: string = RESULTS_DIR): BenchResultFile {
  return readResults(path.join(dir, `${name}-latest.json`));
}

/** Removes user and password from a server URI before it is printed or stored. */
export function redactUri(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
    }
    return url.toString();
  } catch {
    return uri.replace(/\/\/[^@/]*@/, '//');
  }
}
