import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PermitNumber } from '@frontera/permits-domain';
import { anIssuedPermit, type IssuedPermit } from '../support/issued-permits';
import { anActiveEmployer, aWorker, startPermitsApp, type PermitsTestApp } from '../support/permits-test-app';

jest.setTimeout(300_000);

/** Requests per kind in one measurement, after WARM_UP of each. */
const SAMPLES = 50;
const WARM_UP = 10;
/** Permits the "known number, wrong year" requests go round (so one cached row does not flatter them). */
const KNOWN_PERMITS = 4;
/**
 * How far a miss's median may be from the wrong-year median: 1 ms, or 15 % of it when that is more.
 * A miss that skipped the standing and worker reads would be two FerretDB round trips (several
 * milliseconds here) faster: far outside.
 */
const TOLERANCE_MS = (reference: number) => Math.max(1, 0.15 * reference);
/** The shared, noisy machine: a measurement a burst of other load spoilt is taken again, at most this often. */
const ATTEMPTS = 3;

type Kind =
  | 'known number, wrong year of birth'
  | 'unknown number'
  | 'wrong check character'
  | 'unknown token';
const REFERENCE: Kind = 'known number, wrong year of birth';
const KINDS: readonly Kind[] = [REFERENCE, 'unknown number', 'wrong check character', 'unknown token'];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function withWrongCheckCharacter(number: string): string {
  const right = number.slice(-1);
  return `${number.slice(0, -1)}${right === 'A' ? 'B' : 'A'}`;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * Misses must cost what a found permit with the wrong year of birth costs, or the time of the answer
 * would tell that a permit exists (PublicVerificationHandler: the same three reads on every path).
 * Measured over HTTP on a listening server with keep-alive connections (undici's fetch), the kinds
 * interleaved in a random order each round so that drifts of the machine's load fall on all of them.
 */
describe('public verification: misses take the time of a found permit with the wrong year of birth', () => {
  let t: PermitsTestApp;
  let base: string;
  let known: IssuedPermit[];

  beforeAll(async () => {
    t = await startPermitsApp({ env: { VERIFY_RATE_PER_MINUTE: '100000' } });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    const employer = await anActiveEmployer(t);
    known = [];
    for (let i = 0; i < KNOWN_PERMITS; i++) known.push(await anIssuedPermit(t, employer, aWorker()));
  });

  afterAll(async () => {
    await t?.close();
  });

  function urlOf(kind: Kind, round: number): string {
    const permit = known[round % known.length];
    switch (kind) {
      case 'known number, wrong year of birth':
        return `/verify?number=${encodeURIComponent(permit.number)}&birthYear=${1950 + (round % 40)}`;
      case 'unknown number': {
        const number = PermitNumber.issue({
          state: 'CHP',
          year: 2026,
          random: (n) => Math.floor(Math.random() * n),
        });
        return `/verify?number=${encodeURIComponent(number.value)}&birthYear=1996`;
      }
      case 'wrong check character':
        return `/verify?number=${encodeURIComponent(withWrongCheckCharacter(permit.number))}&birthYear=1996`;
      case 'unknown token':
        return `/verify/${randomBytes(16).toString('base64url')}`;
    }
  }

  async function timed(path: string): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${base}${path}`);
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    expect(response.status).toBe(404);
    return elapsed;
  }

  async function measure(): Promise<Record<Kind, number[]>> {
    const samples = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    for (let round = 0; round < WARM_UP + SAMPLES; round++) {
      for (const kind of shuffled(KINDS)) {
        const elapsed = await timed(urlOf(kind, round));
        if (round >= WARM_UP) samples[kind].push(elapsed);
      }
    }
    return samples;
  }

  it(`the median of ${SAMPLES} requests of each kind of miss is within tolerance of the wrong-year median`, async () => {
    const report: string[] = [];
    let passed = false;
    for (let attempt = 1; attempt <= ATTEMPTS && !passed; attempt++) {
      const samples = await measure();
      const medians = Object.fromEntries(KINDS.map((k) => [k, median(samples[k])])) as Record<Kind, number>;
      const reference = medians[REFERENCE];
      const tolerance = TOLERANCE_MS(reference);
      passed = KINDS.every((k) => Math.abs(medians[k] - reference) <= tolerance);
      report.push(
        `attempt ${attempt}: ` +
          KINDS.map((k) => {
            const sorted = [...samples[k]].sort((a, b) => a - b);
            const p10 = sorted[Math.floor(0.1 * sorted.length)];
            const p90 = sorted[Math.floor(0.9 * sorted.length)];
            return `${k} median ${medians[k].toFixed(2)} ms (p10 ${p10.toFixed(2)}, p90 ${p90.toFixed(2)}; Δ ${(medians[k] - reference).toFixed(2)})`;
          }).join('; ') +
          ` — tolerance ±${tolerance.toFixed(2)} ms: ${passed ? 'within' : 'outside'}`,
      );
    }
    process.stdout.write(`public verification timing (${SAMPLES} requests per kind)\n${report.join('\n')}\n`);
    expect(passed ? 'within tolerance' : report.join('\n')).toBe('within tolerance');
  });
});
