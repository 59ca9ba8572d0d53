export * from './lib/nest/auth.decorators';
export * from './lib/nest/auth.guard';
export * from './lib/nest/auth.module';
export * from './lib/principal/principal';
export * from './lib/principal/caller';
export * from './lib/token/token-verifier';
export * from './lib/token/verified-token-cache';
// Development keys (the dev token issuer's key pair, trusted only with NODE_ENV=development).
export * from './lib/dev/dev-keys';
export * from './lib/dev/development-auth-key';
// Test principals and the token issuer: @frontera/platform-auth/testing.
