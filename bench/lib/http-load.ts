import { Worker } from 'node:worker_threads';
import { withTimeout } from './timing';

export interface HttpLoadOptions {
  url: string;
  connections: number;
  durationSec: number;
  pipelining?: number;
  /** Per-request timeout in seconds (autocannon's `timeout`). */
  requestTimeoutSec?: number;
  /** Request headers, e.g. `Authorization: Bearer …` for a service's routes. */
  headers?: Record<string, string>;
  /**
   * Paths requested in turn (the next request of any connection takes the next path), e.g. one
   * per stored document so that reads do not hit one row; default: the path of `url`.
   */
  paths?: readonly string[];
}

export interface HttpLoadResult {
  /** Completed 2xx + non-2xx responses. */
  requests: number;
  durationSec: number;
  /** requests ÷ durationSec. */
  requestsPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

// Plain JavaScript run in a worker thread: autocannon gets its own event loop (and core), so the
// load generator does not queue behind the server it measures when both live in this process.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.modulePath);
const options = { ...workerData.options };
const paths = workerData.paths;
if (paths && paths.length > 0) {
  let next = 0;
  options.requests = [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }];
}
autocannon(options).then(
  // Inside a worker thread autocannon returns its raw per-worker result: aggregate it here.
  (raw) => autocannon.aggregateResult([raw], options),
).then(
  (r) => parentPort.postMessage({
    ok: true,
    result: {
      requests: r.requests.total,
      durationSec: r.duration,
      latencyMs: { mean: r.latency.mean, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
    },
  }),
  (err) => parentPort.postMessage({ ok: false, error: String((err && err.stack) || err) }),
);
`;

type WorkerReply =
  | { ok: true; result: Omit<HttpLoadResult, 'requestsPerSec'> }
  | { ok: false; error: string };

/**
 * Loads `url` with autocannon (programmatic API) from a worker thread for `durationSec`
 * seconds over `connections` keep-alive connections. Bounded: the worker is terminated when it
 * has not answered within durationSec + 30 s.
 */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      modulePath: require.resolve('autocannon'),
      options: {
        url: options.url,
        connections: options.connections,
        duration: options.durationSec,
        pipelining: options.pipelining ?? 1,
        timeout: options.requestTimeoutSec ?? 10,
        headers: options.headers ?? {},
      },
      paths: options.paths ? [...options.paths] : undefined,
    },
  });
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`autocannon worker exited with code ${code}`)));
  });
  try {
    const msg = await withTimeout(reply, (options.durationSec + 30) * 1000, `autocannon ${options.url}`);
    if (!msg.ok) throw new Error(`autocannon failed: ${msg.error}`);
    const r = msg.result;
    return { ...r, requestsPerSec: r.durationSec > 0 ? r.requests / r.durationSec : Number.NaN };
  } finally {
    await worker.terminate();
  }
}
