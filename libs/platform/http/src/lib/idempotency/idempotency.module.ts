import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { PiiCipher } from '@frontera/platform-pii';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

export interface IdempotencyOptions {
  /** Hours a key is remembered. */
  readonly ttlHours: number;
  /** Stored responses may hold personal data: they are encrypted with the service's cipher. */
  readonly cipher: PiiCipher;
  /** How long a running request's claim lasts unrenewed (default 60 s; IdempotencyStore). */
  readonly leaseMs?: number;
}

/**
 * The Idempotency-Key store (on the service's mongoose connection) and its interceptor, for routes
 * marked `@Idempotent()`. Import it in the module whose controllers use them:
 *
 * ```ts
 * IdempotencyModule.forFeatureAsync({
 *   inject: [PII_CIPHER, CONFIG],
 *   useFactory: (cipher: PiiCipher, config: PermitsConfig) => ({ cipher, ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS }),
 * })
 * ```
 */
@Module({})
export class IdempotencyModule {
  static forFeatureAsync(options: {
    /** Modules exporting what `inject` names (the cipher's, the configuration's). */
    readonly imports?: NonNullable<ModuleMetadata['imports']>;
    readonly inject: readonly InjectionToken[];
    readonly useFactory: (...args: never[]) => IdempotencyOptions;
  }): DynamicModule {
    return {
      module: IdempotencyModule,
      imports: [...(options.imports ?? [])],
      providers: [
        {
          provide: IdempotencyStore,
          inject: [getConnectionToken(), ...options.inject],
          useFactory: async (connection: Connection, ...args: never[]) => {
            const { cipher, ttlHours, leaseMs } = options.useFactory(...args);
            const store = new IdempotencyStore(connection, cipher, ttlHours, {
              ...(leaseMs !== undefined ? { leaseMs } : {}),
            });
            await store.ensureIndexes();
            return store;
          },
        },
        IdempotencyInterceptor,
      ],
      exports: [IdempotencyStore, IdempotencyInterceptor],
    };
  }
}
