import type { ContentObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@frontera/platform-errors';

/** Name of the problem-details schema in `components.schemas`. */
export const PROBLEM_DETAILS_SCHEMA = 'ProblemDetails';
/** Name of the schema of one entry of its `errors` member. */
export const FIELD_ERROR_SCHEMA = 'FieldError';

export const PROBLEM_DETAILS_REF: ReferenceObject = {
  $ref: `#/components/schemas/${PROBLEM_DETAILS_SCHEMA}`,
};
const FIELD_ERROR_REF: ReferenceObject = { $ref: `#/components/schemas/${FIELD_ERROR_SCHEMA}` };

/** One field to fix, as `ProblemDetailsFilter` of platform-errors writes it. */
export const FIELD_ERROR_SCHEMA_OBJECT: SchemaObject = {
  type: 'object',
  description: 'One field the client must fix. The submitted value is never echoed.',
  required: ['field', 'code', 'message'],
  properties: {
    field: { type: 'string', description: 'Path of the field: `address.state`, `workers[0].name`, `(body)`' },
    code: {
      type: 'string',
      description: 'Stable code: `REQUIRED`, `INVALID_TYPE`, `NOT_ALLOWED`, a rule code…',
    },
    message: { type: 'string', description: 'What is wrong, in the language of the response' },
  },
  example: { field: 'address.state', code: 'NOT_ONE_OF', message: 'debe ser uno de: CHP, CAM, TAB, ROO' },
};

/**
 * RFC 9457 problem details as every Frontera service answers an error (`application/problem+json`):
 * the standard members, a stable `code`, the request's `correlationId`, the fields to fix in
 * `errors`, and extension members of the error (`currentState`, `allowedActions`, `limitBytes`…).
 */
export const PROBLEM_DETAILS_SCHEMA_OBJECT: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details. `code` is stable and machine-readable; `title` and `detail` are in Spanish ' +
    'unless Accept-Language prefers English. Other members are extensions of the error.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'correlationId'],
  properties: {
    type: {
      type: 'string',
      description: 'URI of the problem type',
      example: 'https://frontera.example/problems/validation.failed',
    },
    title: { type: 'string', example: 'La solicitud tiene datos no válidos' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: {
      type: 'string',
      example: 'Corrija los campos indicados en "errors" y vuelva a enviar la solicitud.',
    },
    instance: {
      type: 'string',
      description: 'The request path, without the query string',
      example: '/employers',
    },
    code: { type: 'string', example: 'VALIDATION.FAILED' },
    correlationId: {
      type: 'string',
      description: 'Quote it to support; also in the x-correlation-id header',
    },
    errors: { type: 'array', items: FIELD_ERROR_REF, description: 'The fields to fix (400, 422)' },
  },
  additionalProperties: true,
};

/** The `content` of an error response: problem details, or `schema` refining them. */
export function problemContent(schema?: SchemaObject | ReferenceObject): ContentObject {
  return {
    [PROBLEM_CONTENT_TYPE]: {
      schema:
        schema === undefined || isProblemRef(schema)
          ? PROBLEM_DETAILS_REF
          : { allOf: [PROBLEM_DETAILS_REF, schema] },
    },
  };
}

export function isProblemRef(schema: SchemaObject | ReferenceObject | undefined): boolean {
  return schema !== undefined && '$ref' in schema && schema.$ref === PROBLEM_DETAILS_REF.$ref;
}
