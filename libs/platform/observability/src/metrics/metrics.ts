import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  register,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from 'prom-client';

/**
 * Metrics live on prom-client's default registry, which GET /metrics serves.
 * Libraries register theirs with the getOrCreate helpers below, so a metric
 * declared by two modules (or two Nest applications in one test process) is
 * created once instead of failing with "already registered".
 */

/** Metric names owned by this library. */
export const HTTP_REQUEST_DURATION_METRIC = 'frontera_http_request_duration_seconds';

function existing<T extends Metric<string>>(
  name: string,
  kind: new (...args: never[]) => T,
  label: string,
): T | undefined {
  const metric = register.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) {
    throw new Error(`Metric ${name} is already registered with another type (wanted a ${label})`);
  }
  return metric;
}

export function getOrCreateCounter<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return existing<Counter<T>>(config.name, Counter, 'counter') ?? new Counter<T>(config);
}

export function getOrCreateGauge<T extends string>(config: GaugeConfiguration<T>): Gauge<T> {
  return existing<Gauge<T>>(config.name, Gauge, 'gauge') ?? new Gauge<T>(config);
}

export function getOrCreateHistogram<T extends string>(config: HistogramConfiguration<T>): Histogram<T> {
  return existing<Histogram<T>>(config.name, Histogram, 'histogram') ?? new Histogram<T>(config);
}

/**
 * How often the event-loop delay is sampled, ms (prom-client's default is 10 ms: a timer waking an
 * idle service 100 times a second; docs/decisions/0037-idle-service-cost.md).
 */
export const EVENT_LOOP_MONITORING_PRECISION_MS = 50;

/** prom-client's process and Node.js metrics (CPU, memory, event loop lag, GC…), once per process. */
export function ensureDefaultMetrics(): void {
  if (register.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
    collectDefaultMetrics({ register, eventLoopMonitoringPrecision: EVENT_LOOP_MONITORING_PRECISION_MS });
  }
}

export function httpRequestDuration(buckets: readonly number[]): Histogram<'method' | 'route' | 'status'> {
  return getOrCreateHistogram({
    name: HTTP_REQUEST_DURATION_METRIC,
    help: 'Duration of HTTP requests, by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [...buckets],
  });
}

/** The Prometheus text exposition of the default registry, and its content type. */
export async function metricsSnapshot(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
