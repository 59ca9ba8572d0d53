import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';
import { sleep } from '../lib';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (getconf CLK_TCK, 100 on Linux). */
export const CLOCK_TICKS = ((): number => {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5_000 }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

/** ppid and utime + stime of a process, from /proc/<pid>/stat (undefined once it has exited). */
export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** Pids of the direct children of `ppid`. */
export function childrenOf(ppid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat?.ppid === ppid) children.push(Number(entry));
  }
  return children;
}

export interface LocalServerPids {
  ferretdb?: number;
  /** The postmaster; its children are the backends and background processes. */
  postgres?: number;
  redis?: number;
  kafka?: number;
  /** Where FerretDB's PostgreSQL listens ("127.0.0.1:15432 (user frontera, db ferretdb)"). */
  postgresAddress?: { host: string; port: number; user: string; database: string };
}

/**
 * Pids of the local servers, from `bash infra/local/servers.sh status` ("<name>  running  pid=<n> …");
 * BENCH_FERRETDB_PID names another FerretDB process (one the bench's MONGODB_URI points at).
 */
export function localServerPids(repoRoot: string): LocalServerPids {
  let text = '';
  // `status` pings each server: a server that does not answer makes it slow; try twice.
  for (let attempt = 0; attempt < 2 && !/^postgres\s+\w+\s+pid=/m.test(text); attempt++) {
    try {
      text = execFileSync('bash', [path.join(repoRoot, 'infra/local/servers.sh'), 'status'], {
        encoding: 'utf8',
        timeout: 30_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch (err) {
      text = String((err as { stdout?: unknown }).stdout ?? '');
    }
  }
  const pids: LocalServerPids = {};
  // "running", or "starting" for a server whose port does not answer yet: the process is there.
  for (const match of text.matchAll(/^(\w+)\s+(?:running|starting)\s+pid=(\d+)/gm)) {
    const name = match[1];
    if (name === 'ferretdb' || name === 'postgres' || name === 'redis' || name === 'kafka') {
      pids[name] = Number(match[2]);
    }
  }
  // A FerretDB of one's own (another port, started by hand) is measured instead of the local one.
  const ferretdb = Number(process.env['BENCH_FERRETDB_PID']);
  if (Number.isInteger(ferretdb) && ferretdb > 0) pids.ferretdb = ferretdb;
  const pg = /^postgres\s+\w+\s+pid=\d+\s+([\d.]+):(\d+) \(user (\S+), db (\S+)\)/m.exec(text);
  if (pg) pids.postgresAddress = { host: pg[1], port: Number(pg[2]), user: pg[3], database: pg[4] };
  return pids;
}

/** A PostgreSQL child is a backend when its title names user, database and client address. */
export function isPostgresBackend(pid: number): boolean {
  return /^postgres: \S+ \S+ (\d{1,3}(\.\d{1,3}){3}|\[local\]|::1)/.test(commandLine(pid));
}

/** The client's TCP port in a backend's title ("postgres: frontera ferretdb 127.0.0.1(38622) idle"). */
export function backendClientPort(pid: number): number | undefined {
  const match = /^postgres: \S+ \S+ [\d.]+\((\d+)\)/.exec(commandLine(pid));
  return match ? Number(match[1]) : undefined;
}

/**
 * Local ports of the TCP connections `pid` holds to `remotePort` (its socket inodes from
 * /proc/<pid>/fd, matched in /proc/net/tcp and tcp6): e.g. FerretDB's connections to PostgreSQL,
 * which name the backends that serve it.
 */
export function connectionPorts(pid: number, remotePort: number): Set<number> {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return new Set();
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || !inodes.has(fields[9])) continue;
      if (parseInt(fields[2].split(':')[1] ?? '', 16) !== remotePort) continue;
      ports.add(parseInt(fields[1].split(':')[1] ?? '', 16));
    }
  }
  return ports;
}

export function isAutovacuumWorker(pid: number): boolean {
  return commandLine(pid).startsWith('postgres: autovacuum worker');
}

/** A named set of processes whose CPU is summed (the pids are listed again at the end of the window). */
export interface ProcessGroup {
  name: string;
  pids: () => number[];
}

export interface GroupCpu {
  name: string;
  /** CPU time used in the window ÷ the window's wall time, in % of one core. */
  corePct: number;
  cpuMs: number;
  processes: number;
}

export interface CpuWindow {
  windowMs: number;
  groups: GroupCpu[];
}

/**
 * CPU used by each group over `windowMs` of wall time: utime + stime of its processes at the
 * start and at the end (processes that appear during the window count from 0; those that exit
 * during it are lost: their last ticks are not in /proc any more). `everySecond` runs during the
 * window (cheap checks only: it runs in this process, which is not measured).
 */
export async function sampleCpu(
  groups: readonly ProcessGroup[],
  windowMs: number,
  everySecond: () => void = () => undefined,
): Promise<CpuWindow> {
  const before = groups.map((g) => new Map(g.pids().map((pid) => [pid, readProcStat(pid)?.ticks ?? 0])));
  const started = process.hrtime.bigint();
  const endsAt = Date.now() + windowMs;
  while (Date.now() < endsAt) {
    await sleep(Math.min(1_000, endsAt - Date.now()));
    everySecond();
  }
  const afterPids = groups.map((g) => g.pids());
  const ends = afterPids.map((pids) => new Map(pids.map((pid) => [pid, readProcStat(pid)?.ticks])));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    windowMs: wallMs,
    groups: groups.map((g, i) => {
      let ticks = 0;
      for (const [pid, end] of ends[i]) {
        if (end === undefined) continue;
        ticks += Math.max(0, end - (before[i].get(pid) ?? 0));
      }
      const cpuMs = (ticks * 1000) / CLOCK_TICKS;
      return { name: g.name, corePct: (cpuMs / wallMs) * 100, cpuMs, processes: ends[i].size };
    }),
  };
}

/** Busy clock ticks of the whole machine (all cores) from /proc/stat: user, nice, system, irq, softirq, steal. */
export function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return user + nice + system + irq + softirq + steal;
}

/**
 * CPU of processes outside a known set over a stretch of time: how much the rest of the machine
 * (other engineers' tests, builds) took from a measurement. `known` lists the pids to leave out
 * (their children are not included: list them).
 */
export class ForeignCpu {
  private readonly startedAt = process.hrtime.bigint();
  private readonly machineStart = machineBusyTicks();
  private readonly knownStart: Map<number, number>;

  constructor(private readonly known: () => number[]) {
    this.knownStart = new Map(known().map((pid) => [pid, readProcStat(pid)?.ticks ?? 0]));
  }

  /** % of one core used by other processes since construction. */
  corePct(): number {
    const wallSec = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    let knownTicks = 0;
    for (const pid of this.known()) {
      const end = readProcStat(pid)?.ticks;
      if (end !== undefined) knownTicks += Math.max(0, end - (this.knownStart.get(pid) ?? 0));
    }
    const foreign = Math.max(0, machineBusyTicks() - this.machineStart - knownTicks);
    return wallSec > 0 ? (foreign / CLOCK_TICKS / wallSec) * 100 : Number.NaN;
  }
}
