import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import type { DependencyStatus, HealthIndicator, ReadinessReport } from './health-indicator';

export const HEALTH_INDICATORS = Symbol('frontera:health-indicators');
export const HEALTH_DEFAULT_TIMEOUT_MS = Symbol('frontera:health-default-timeout-ms');

const MAX_ERROR_LENGTH = 200;

interface CachedStatus {
  status: DependencyStatus;
  expiresAt: number;
}

export class HealthCheckTimeoutError extends Error {
  constructor(name: string, timeoutMs: number) {
    super(`${name} did not answer within ${timeoutMs} ms`);
    this.name = 'HealthCheckTimeoutError';
  }
}

async function withTimeout(name: string, check: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthCheckTimeoutError(name, timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

/**
 * Runs the health indicators in parallel, each bounded by a timeout, reuses
 * results for each indicator's `cacheTtlMs` and shares a check in progress
 * between concurrent probes. Reports `shutting_down` from the moment the
 * application starts closing, so load balancers stop routing to it first.
 */
@Injectable()
export class ReadinessService implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Readiness');
  private readonly cache = new Map<string, CachedStatus>();
  private readonly inFlight = new Map<string, Promise<DependencyStatus>>();
  private shutdownStarted = false;

  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: readonly HealthIndicator[],
    @Inject(HEALTH_DEFAULT_TIMEOUT_MS) private readonly defaultTimeoutMs: number,
  ) {
    const names = indicators.map((i) => i.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`Two health indicators are named "${duplicate}"`);
  }

  get shuttingDown(): boolean {
    return this.shutdownStarted;
  }

  /** From now on readiness fails; called automatically when the Nest application closes. */
  beginShutdown(): void {
    this.shutdownStarted = true;
  }

  async check(): Promise<ReadinessReport> {
    const results = await Promise.all(this.indicators.map((indicator) => this.checkOne(indicator)));
    const checks: Record<string, DependencyStatus> = {};
    this.indicators.forEach((indicator, index) => {
      checks[indicator.name] = results[index];
    });
    if (this.shutdownStarted) return { status: 'shutting_down', checks };
    return { status: results.every((r) => r.status === 'up') ? 'ready' : 'not_ready', checks };
  }

  private checkOne(indicator: HealthIndicator): Promise<DependencyStatus> {
    const cached = this.cache.get(indicator.name);
    if (cached !== undefined && cached.expiresAt > Date.now()) return Promise.resolve(cached.status);
    const running = this.inFlight.get(indicator.name);
    if (running !== undefined) return running;

    const started = performance.now();
    const done = withTimeout(
      indicator.name,
      () => indicator.check(),
      indicator.timeoutMs ?? this.defaultTimeoutMs,
    )
      .then(
        (): DependencyStatus => ({
          status: 'up',
          latencyMs: Math.round(performance.now() - started),
          checkedAt: new Date().toISOString(),
        }),
        (error: unknown): DependencyStatus => ({
          status: 'down',
          latencyMs: Math.round(performance.now() - started),
          error: describe(error),
          checkedAt: new Date().toISOString(),
        }),
      )
      .then((status) => {
        const ttl = indicator.cacheTtlMs ?? 0;
        if (ttl > 0) this.cache.set(indicator.name, { status, expiresAt: Date.now() + ttl });
        this.inFlight.delete(indicator.name);
        return status;
      });
    this.inFlight.set(indicator.name, done);
    return done;
  }

  onModuleDestroy(): void {
    this.beginShutdown();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.indicators.map(async (indicator) => {
        try {
          await indicator.close?.();
        } catch (error) {
          this.logger.warn(`closing health indicator ${indicator.name} failed: ${describe(error)}`);
        }
      }),
    );
  }
}
