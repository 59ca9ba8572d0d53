import type { SwaggerOptions } from '@frontera/platform-http';

/**
 * The audits service's OpenAPI title and description: served by the service at /docs (main.ts) and
 * used by the combined documentation built at build time (tools/api-docs).
 */
export const OPENAPI_INFO: SwaggerOptions = {
  title: 'Frontera — audits',
  description:
    'Audits of employers of border workers: audit plans by risk, inspectors, audit tasks with findings and ' +
    'outcomes, and the outcomes employers may see. Errors are RFC 9457 problem details ' +
    '(application/problem+json) with a stable `code`, in Spanish unless Accept-Language asks for English.',
  version: '1',
};
