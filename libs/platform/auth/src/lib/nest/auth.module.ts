import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ServiceConfig } from '@frontera/platform-config';
import { TokenVerifier } from '../token/token-verifier';
import type { TokenCacheOptions } from '../token/verified-token-cache';
import { AuthGuard } from './auth.guard';

/** The AUTH_* variables of {@link ServiceConfig}. */
export type AuthConfig = Pick<
  ServiceConfig,
  'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_JWKS_URL' | 'AUTH_PUBLIC_KEY'
>;

export interface AuthModuleOptions {
  readonly clockToleranceSeconds?: number;
  /** Verified tokens remembered until their exp (10,000 tokens, at most 300 s by default). */
  readonly tokenCache?: TokenCacheOptions;
}

/**
 * Import once in the root module: `AuthModule.forRoot(config)`. Registers the
 * {@link AuthGuard} globally, so every route requires a token unless `@Public()`.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        {
          provide: TokenVerifier,
          useFactory: () =>
            TokenVerifier.create({
              issuer: config.AUTH_ISSUER,
              audience: config.AUTH_AUDIENCE,
              jwksUrl: config.AUTH_JWKS_URL,
              publicKeyPem: config.AUTH_PUBLIC_KEY,
              clockToleranceSeconds: options.clockToleranceSeconds,
              cache: options.tokenCache,
            }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
