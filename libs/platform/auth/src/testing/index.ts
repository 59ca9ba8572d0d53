export * from './dev-keys';
export * from './principal.builder';
export * from './token-issuer';
