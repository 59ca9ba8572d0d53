import type { SwaggerOptions } from '@frontera/platform-http';

/**
 * The permits service's OpenAPI title and description: served by the service at /docs (main.ts) and
 * used by the combined documentation built at build time (tools/api-docs).
 */
export const OPENAPI_INFO: SwaggerOptions = {
  title: 'Frontera — permits',
  description:
    'Border worker permits (TVTF): workers and their biographical data, applications and harvest rosters, ' +
    'issuance, lifecycle, transfers and the public verification. Errors are RFC 9457 problem details ' +
    '(application/problem+json) with a stable `code`, in Spanish unless Accept-Language asks for English.',
  version: '1',
};
