import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  Module,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RequestErrors, ServiceErrors } from '@frontera/platform-errors';
import { problemContent } from '../openapi/problem-details.schema';

/** One named limit: `points` requests per `durationSeconds` per client. */
export interface RateLimitRule {
  readonly points: number;
  readonly durationSeconds: number;
}

export interface RateLimitOptions {
  /** Redis key prefix (`frontera:<service>:rate:`), so limits hold across the service's instances. */
  readonly keyPrefix: string;
  /** The limits by name, e.g. `{ 'public-verification': { points: 30, durationSeconds: 60 } }`. */
  readonly rules: Readonly<Record<string, RateLimitRule>>;
  /** Token of the service's Redis connection (e.g. the aggregate lock's LOCK_REDIS). */
  readonly redis: symbol | string;
  readonly imports?: DynamicModule['imports'];
}

const RATE_LIMIT_RULE = 'frontera:rate-limit-rule';
export const RATE_LIMITERS = Symbol('frontera:rate-limiters');

/**
 * Per-client request limits on Redis (rate-limiter-flexible's RateLimiterRedis: a maintained
 * library; atomic counters with expiry, shared by every instance of the service). A request over
 * its limit gets 429 REQUEST.RATE_LIMITED with `Retry-After`; Redis down answers 503 (the limit is
 * a protection, never skipped silently). The client is `req.ip` (trust the proxy in front with
 * HTTP_TRUST_PROXY, or every client behind it shares one limit).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMITERS) private readonly limiters: ReadonlyMap<string, RateLimiterRedis>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<string | undefined>(RATE_LIMIT_RULE, context.getHandler());
    if (name === undefined) return true;
    const limiter = this.limiters.get(name);
    if (!limiter) throw new Error(`no rate limit rule "${name}" (RateLimitModule.forRoot rules)`);
    const req = context.switchToHttp().getRequest<IncomingMessage & { ip?: string }>();
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      await limiter.consume(client);
      return true;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw RequestErrors.RATE_LIMITED.create({}, { headers: { 'Retry-After': String(seconds) } });
      }
      throw ServiceErrors.UNAVAILABLE.create({}, { cause: refusal });
    }
  }
}

/** Limits a route by a rule of RateLimitModule (documented: 429 with Retry-After). */
export function RateLimited(rule: string): MethodDecorator {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_RULE, rule),
    UseGuards(RateLimitGuard),
    ApiResponse({
      status: 429,
      description: 'REQUEST.RATE_LIMITED: too many requests from this client; wait `Retry-After` seconds',
      content: problemContent(),
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
    }),
  );
}

@Module({})
export class RateLimitModule {
  static forRoot(options: RateLimitOptions): DynamicModule {
    return {
      module: RateLimitModule,
      global: true,
      imports: [...(options.imports ?? [])],
      providers: [
        {
          provide: RATE_LIMITERS,
          inject: [options.redis],
          useFactory: (redis: Redis) =>
            new Map(
              Object.entries(options.rules).map(([name, rule]) => [
                name,
                new RateLimiterRedis({
                  storeClient: redis,
                  keyPrefix: `${options.keyPrefix}${name}`,
                  points: rule.points,
                  duration: rule.durationSeconds,
                  // Redis down → refuse (503), never let an unlimited flood through.
                  insuranceLimiter: undefined,
                }),
              ]),
            ),
        },
        RateLimitGuard,
      ],
      exports: [RATE_LIMITERS, RateLimitGuard],
    };
  }
}
