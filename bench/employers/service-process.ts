import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { LOOPBACK, sleep, TimeoutError, withTimeout } from '../lib';
import { serviceNodeFlags, serviceProcessEnv } from '../../tools/system/node-flags';

/** The last lines a child process wrote (stdout and stderr), bounded. */
class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.max) this.lines = this.lines.slice(-this.max);
  }

  text(): string {
    return [...this.lines, this.partial].filter((l) => l.length > 0).join('\n');
  }
}

export interface MemoryReading {
  /** Resident set size now (VmRSS), MiB. */
  rssMiB: number;
  /** Highest resident set size since the process started (VmHWM), MiB. */
  peakMiB: number;
  /** Of the RSS: anonymous memory (heaps, stacks) and file-backed pages (the node binary, libraries), MiB. */
  anonMiB: number;
  fileMiB: number;
}

/** VmRSS and VmHWM of a Linux process, from /proc/<pid>/status. */
export function readMemory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]);
  };
  return {
    rssMiB: kib('VmRSS') / 1024,
    peakMiB: kib('VmHWM') / 1024,
    anonMiB: kib('RssAnon') / 1024,
    fileMiB: kib('RssFile') / 1024,
  };
}

/** The service's V8 heap from its Prometheus text (prom-client default metrics), MiB. */
export function heapFromMetrics(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const pick = (metric: string, label: string): void => {
    const match = new RegExp(`^${metric} (\\d+(?:\\.\\d+)?(?:e\\+?\\d+)?)`, 'm').exec(text);
    if (match) out[label] = Number(match[1]) / 2 ** 20;
  };
  pick('nodejs_heap_size_total_bytes', 'heapTotal');
  pick('nodejs_heap_size_used_bytes', 'heapUsed');
  pick('nodejs_external_memory_bytes', 'external');
  for (const match of text.matchAll(/^nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\d+)/gm)) {
    out[`space.${match[1]}`] = Number(match[2]) / 2 ** 20;
  }
  return out;
}

/** Memory of a service after a quiet moment: RSS (/proc) and, when /metrics answers, its V8 heap. */
export type IdleMemoryReading = MemoryReading & { heap?: Record<string, number> };

/**
 * When a service's idle memory is read, ms after its last request (decision 0056). V8's memory
 * reducer collects and gives back what a load left some 10–25 s after the allocation stops (the
 * permits service, sampled every second: 145–151 MiB until then, 120–127 MiB after); a reading at
 * 5 s (the benches' until 2026-12-04) catches the load's garbage. The goal figure is the settled
 * one; the early one is reported beside it.
 */
export const IDLE_EARLY_MS = 5_000;
export const IDLE_SETTLED_MS = 30_000;

/** The two idle readings of a service: early (IDLE_EARLY_MS) and settled (IDLE_SETTLED_MS). */
export interface IdleMemoryReadings {
  readonly early: IdleMemoryReading;
  readonly settled: IdleMemoryReading;
}

export interface ServiceOptions {
  /** The built entry point, e.g. dist/services/employers/main.js. */
  main: string;
  /** Arguments of the script (after `main`). */
  args?: readonly string[];
  /** Options of node itself (before `main`), e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
  cwd: string;
  port: number;
  /** Environment of the service (PATH, PORT and HOST are added). */
  env: Record<string, string>;
  readyTimeoutMs: number;
}

export interface StopResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/** A service started as a child process of the bench, listening on 127.0.0.1. */
export class ServiceProcess {
  /** Every child still running, for killAll() (watchdogs, interrupts: never leave one behind). */
  private static readonly started = new Set<ServiceProcess>();
  private readonly tail = new OutputTail(200);

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.tail.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.tail.push(chunk));
    ServiceProcess.started.add(this);
    child.once('exit', () => ServiceProcess.started.delete(this));
  }

  /** SIGKILL to every child process started here that is still running (synchronous). */
  static killAll(): void {
    for (const service of ServiceProcess.started) service.kill();
  }

  /** Spawns `node <main>` and waits until GET /health/ready answers 200. */
  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const child = spawn(
      process.execPath,
      // The deployment's node flags first (tools/system/node-flags.ts), then the bench's own.
      [...serviceNodeFlags(), ...(options.nodeArgs ?? []), options.main, ...(options.args ?? [])],
      {
        cwd: options.cwd,
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          // The deployment's process environment (malloc settings), then the bench's own.
          ...serviceProcessEnv(),
          ...options.env,
          PORT: String(options.port),
          HOST: LOOPBACK,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const service = new ServiceProcess(child, `http://${LOOPBACK}:${options.port}`);
    try {
      await service.waitReady(options.readyTimeoutMs);
    } catch (err) {
      service.kill();
      throw new Error(`${(err as Error).message}\n--- service output ---\n${service.output()}`);
    }
    return service;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the service has no pid');
    return this.child.pid;
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.tail.text();
  }

  memory(): MemoryReading {
    return readMemory(this.pid);
  }

  /** The memory IDLE_EARLY_MS and IDLE_SETTLED_MS after the last request (call it right after). */
  async idleReadings(): Promise<IdleMemoryReadings> {
    const early = await this.idleMemory(IDLE_EARLY_MS);
    const settled = await this.idleMemory(IDLE_SETTLED_MS - IDLE_EARLY_MS);
    return { early, settled };
  }

  /** The memory after `idleMs` without requests: RSS, and the V8 heap from GET /metrics. */
  async idleMemory(idleMs: number): Promise<IdleMemoryReading> {
    await sleep(idleMs);
    const reading = this.memory();
    let heap: Record<string, number> | undefined;
    try {
      const res = await fetch(`${this.baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
      heap = heapFromMetrics(await res.text());
    } catch {
      heap = undefined;
    }
    return { ...reading, ...(heap ? { heap } : {}) };
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const started = Date.now();
    for (;;) {
      if (!this.running()) {
        throw new Error(`the service exited (code ${this.child.exitCode}, signal ${this.child.signalCode})`);
      }
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > timeoutMs) throw new TimeoutError('GET /health/ready = 200', timeoutMs);
      await sleep(200);
    }
  }

  /** SIGTERM, then waits for the exit (SIGKILL after `timeoutMs`, and a TimeoutError). */
  async stop(timeoutMs: number): Promise<StopResult> {
    const started = Date.now();
    if (!this.running()) {
      return { code: this.child.exitCode, signal: this.child.signalCode, ms: 0 };
    }
    const exited = once(this.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    this.child.kill('SIGTERM');
    try {
      const [code, signal] = await withTimeout(exited, timeoutMs, 'service exit after SIGTERM');
      return { code, signal, ms: Date.now() - started };
    } catch (err) {
      this.kill();
      throw err;
    }
  }

  /** SIGKILL when still running (clean-up after a failure; synchronous, safe in 'exit' handlers). */
  kill(): void {
    if (this.running()) this.child.kill('SIGKILL');
  }
}
