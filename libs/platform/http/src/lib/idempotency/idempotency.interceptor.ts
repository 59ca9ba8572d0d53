import {
  applyDecorators,
  Inject,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { principalOf } from '@frontera/platform-auth';
import { IDEMPOTENCY_HEADER, IDEMPOTENT_REPLAYED_HEADER, IdempotencyStore } from './idempotency.store';

/** Response headers a replay repeats. */
const REPLAYED_HEADERS = ['location'] as const;

/**
 * The HTTP handling of `Idempotency-Key` for one route: without the header the handler runs as
 * usual; with it, the first request runs and its body and Location are kept; the same key and
 * body again return them with `Idempotent-Replayed: true`, without running the handler (the
 * route's status code is applied as for the first); see {@link IdempotencyStore}. Keys are
 * scoped to the token subject (`anonymous` on public routes).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<IncomingMessage & { body?: unknown }>();
    const res = http.getResponse<ServerResponse>();
    const header = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    const key = Array.isArray(header) ? header.join(',') : header;
    if (key === undefined) return next.handle();
    const scope = principalOf(req)?.subject ?? 'anonymous';
    return from(
      this.store
        .run(scope, key, req.body ?? null, async () => {
          const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
          const headers: Record<string, string> = {};
          for (const name of REPLAYED_HEADERS) {
            const value = res.getHeader(name);
            if (value !== undefined) headers[name] = String(value);
          }
          return { body, headers };
        })
        .then((outcome) => {
          if (outcome.replayed) {
            for (const [name, value] of Object.entries(outcome.headers)) res.setHeader(name, value);
            res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
          }
          return outcome.body;
        }),
    );
  }
}

/** Marks a route idempotent by `Idempotency-Key` (documented in OpenAPI). Needs IdempotencyModule. */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        '1–255 visible characters, e.g. a UUID. The same key and body return the first response again ' +
        `(with ${IDEMPOTENT_REPLAYED_HEADER}: true) without repeating the operation.`,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    }),
  );
}
