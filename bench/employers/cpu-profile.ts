/**
 * Reads a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) and says where the time went,
 * optionally only within time windows (microseconds of the monotonic clock, the clock of
 * `process.hrtime` and of V8's profile timestamps on Linux), so one profile of a whole benchmark
 * can be cut into its phases.
 *
 * As a command: node tools/scripts/run-ts.cjs bench/employers/cpu-profile.ts <file.cpuprofile>
 *   [--from=<µs> --to=<µs>] [--top=N]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TimeWindow {
  fromUs: number;
  toUs: number;
}

export interface Share {
  name: string;
  /** Share of the window's non-idle samples, in %. */
  pct: number;
  samples: number;
}

export interface ProfileSummary {
  /** Samples in the windows (idle included). */
  samples: number;
  /** Share of those samples in which the thread was busy (not "(idle)"), in %. */
  busyPct: number;
  /** Milliseconds of busy time in the windows. */
  busyMs: number;
  /** Self time by function (name and place), of the busy samples. */
  selfByFunction: Share[];
  /** Self time by where the code comes from: a package of node_modules, node's internals, the app bundle, GC. */
  selfByOrigin: Share[];
  /** Inclusive time (on the stack) of chosen functions of interest, of the busy samples. */
  inclusive: Share[];
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** node_modules/<pkg> (scoped too), node:internal, the app's bundle, or V8's own (GC, program). */
export function originOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  }
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:'))
    return `node:${url.slice(5).split('/')[0] === 'internal' ? 'internal' : url.slice(5)}`;
  return path.basename(url);
}

function functionKey(frame: CallFrame): string {
  const where = frame.url ? `${originOf(frame)}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

/** Functions whose inclusive time answers "which part of the request path": by name. */
export const FUNCTIONS_OF_INTEREST: readonly string[] = [
  'jwtVerify',
  'verify',
  'decrypt',
  'encrypt',
  'validate',
  'validateEnvelope',
  'plainToInstance',
  'serialize',
  'deserialize',
  'stringify',
  'parse',
  'findById',
  'findOne',
  'updateOne',
  'withLock',
  'publishWritten',
  'send',
  'sendBatch',
  'toSnapshot',
  'fromSnapshot',
  'toFields',
  'handle',
  'intercept',
  'canActivate',
];

/**
 * Self and inclusive shares of the samples taken within `windows` (all samples when none are
 * given). Shares are of the busy samples: "(idle)" is left out of every list.
 */
export function summarizeProfile(
  profile: CpuProfile,
  windows: readonly TimeWindow[] = [],
  top = 15,
  interest: readonly string[] = FUNCTIONS_OF_INTEREST,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const origin = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const wanted = new Set(interest);
  let samples = 0;
  let busy = 0;
  let busyUs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows.length > 0 && !windows.some((w) => at >= w.fromUs && at <= w.toUs)) continue;
    samples++;
    const node = byId.get(profile.samples[i]);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy++;
    // The time of a sample is the interval up to the next one.
    busyUs += profile.timeDeltas[i + 1] ?? delta;
    const key = functionKey(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + 1);
    const from = originOf(node.callFrame);
    origin.set(from, (origin.get(from) ?? 0) + 1);
    const onStack = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)?.callFrame.functionName;
      if (name && wanted.has(name)) onStack.add(name);
    }
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
  }
  const shares = (counts: Map<string, number>, limit: number): Share[] =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, n]) => ({ name, samples: n, pct: busy > 0 ? (n / busy) * 100 : 0 }));
  return {
    samples,
    busyPct: samples > 0 ? (busy / samples) * 100 : 0,
    busyMs: busyUs / 1000,
    selfByFunction: shares(self, top),
    selfByOrigin: shares(origin, top),
    inclusive: shares(inclusive, interest.length),
  };
}

export function formatProfileSummary(title: string, summary: ProfileSummary): string {
  const list = (label: string, shares: readonly Share[]): string[] => [
    `  ${label}:`,
    ...shares.map((s) => `    ${s.pct.toFixed(1).padStart(5)} %  ${s.name}`),
  ];
  return [
    `${title}: ${summary.samples} samples, busy ${summary.busyPct.toFixed(0)} % (${summary.busyMs.toFixed(0)} ms)`,
    ...list('self time by origin', summary.selfByOrigin),
    ...list('self time by function', summary.selfByFunction),
    ...list('inclusive time of functions of interest', summary.inclusive),
  ].join('\n');
}

if (require.main === module) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: cpu-profile.ts <file.cpuprofile> [--from=<µs> --to=<µs>] [--top=N]\n');
    process.exit(2);
  }
  const flag = (name: string): number | undefined => {
    const arg = rest.find((a) => a.startsWith(`--${name}=`));
    return arg ? Number(arg.slice(name.length + 3)) : undefined;
  };
  const from = flag('from');
  const to = flag('to');
  const windows = from !== undefined && to !== undefined ? [{ fromUs: from, toUs: to }] : [];
  process.stdout.write(
    `${formatProfileSummary(path.basename(file), summarizeProfile(readCpuProfile(file), windows, flag('top') ?? 25))}\n`,
  );
}
