export * from './lib/nest/auth.decorators';
export * from './lib/nest/auth.guard';
export * from './lib/nest/auth.module';
export * from './lib/principal/principal';
export * from './lib/principal/scope';
export * from './lib/token/token-verifier';
// Test and development token issuing (also used by tools/scripts/dev-token.ts).
export * from './testing';
