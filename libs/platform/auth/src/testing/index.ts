/**
 * @frontera/platform-auth/testing — test principals and a token issuer for tests, benchmarks and the
 * development token CLI. Never imported by a service's production code.
 */
export * from './principal.builder';
export * from './token-issuer';
