import { defineError, defineErrors } from '@frontera/shared-kernel';

/** Errors of the request itself, before any business rule runs. */
export const RequestErrors = defineErrors('REQUEST', {
  MALFORMED_JSON: {
    status: 400,
    title: { es: 'El cuerpo de la solicitud no es JSON válido', en: 'The request body is not valid JSON' },
    detail: { es: 'Envíe un documento JSON bien formado.', en: 'Send a well-formed JSON document.' },
  },
  INVALID: {
    status: 400,
    title: { es: 'Solicitud no válida', en: 'Bad request' },
    detail: {
      es: 'La solicitud no se puede procesar tal como se envió; revise la ruta, los parámetros y el cuerpo.',
      en: 'The request cannot be processed as sent; check the path, the parameters and the body.',
    },
  },
  INVALID_VALUE: {
    status: 400,
    title: { es: 'Un valor de la solicitud no es válido', en: 'A value in the request is not valid' },
    detail: {
      es: 'Un identificador o valor enviado no tiene el formato esperado.',
      en: 'An identifier or value sent does not have the expected format.',
    },
  },
  TOO_LARGE: {
    status: 413,
    title: { es: 'El cuerpo de la solicitud es demasiado grande', en: 'The request body is too large' },
    detail: {
      es: 'El cuerpo excede el tamaño máximo permitido; envíe menos datos por solicitud.',
      en: 'The body exceeds the largest size allowed; send less data per request.',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { es: 'Tipo de contenido no admitido', en: 'Unsupported content type' },
    detail: {
      es: 'Envíe el cuerpo con Content-Type {accepted}.',
      en: 'Send the body with Content-Type {accepted}.',
    },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: { es: 'Método no permitido', en: 'Method not allowed' },
    detail: {
      es: 'Este recurso no admite el método usado.',
      en: 'This resource does not support the method used.',
    },
  },
  RATE_LIMITED: {
    status: 429,
    retriable: true,
    title: { es: 'Demasiadas solicitudes', en: 'Too many requests' },
    detail: {
      es: 'Espere un momento antes de volver a intentarlo.',
      en: 'Wait a moment before trying again.',
    },
  },
  REJECTED: {
    status: 400,
    title: { es: 'La solicitud no se pudo atender', en: 'The request could not be served' },
    detail: {
      es: 'La solicitud no se puede atender en su forma actual.',
      en: 'The request cannot be served in its current form.',
    },
  },
});

export const ValidationErrors = defineErrors('VALIDATION', {
  FAILED: {
    status: 400,
    title: { es: 'La solicitud tiene datos no válidos', en: 'The request has invalid data' },
    detail: {
      es: 'Corrija los campos indicados en "errors" y vuelva a enviar la solicitud.',
      en: 'Fix the fields listed in "errors" and send the request again.',
    },
  },
});

export const ResourceErrors = defineErrors('RESOURCE', {
  NOT_FOUND: {
    status: 404,
    title: { es: 'Recurso no encontrado', en: 'Resource not found' },
    detail: {
      es: 'La dirección solicitada no existe o no está disponible.',
      en: 'The requested address does not exist or is not available.',
    },
  },
  DUPLICATE: {
    status: 409,
    title: { es: 'El recurso ya existe', en: 'The resource already exists' },
    detail: {
      es: 'Ya existe un registro con los mismos datos únicos; no se creó ni modificó nada.',
      en: 'A record with the same unique data already exists; nothing was created or changed.',
    },
  },
  CONFLICT: {
    status: 409,
    title: { es: 'Conflicto con el estado actual', en: 'Conflict with the current state' },
    detail: {
      es: 'La operación no es posible en el estado actual del recurso.',
      en: 'The operation is not possible in the current state of the resource.',
    },
  },
});

export const AuthErrors = defineErrors('AUTH', {
  UNAUTHENTICATED: {
    status: 401,
    title: { es: 'Autenticación requerida', en: 'Authentication required' },
    detail: {
      es: 'Falta el token de acceso, no es válido o ya expiró; inicie sesión de nuevo.',
      en: 'The access token is missing, invalid or expired; sign in again.',
    },
  },
  FORBIDDEN: {
    status: 403,
    title: { es: 'Acceso denegado', en: 'Access denied' },
    detail: { es: 'Su rol no permite esta operación.', en: 'Your role does not allow this operation.' },
  },
  KEYS_UNAVAILABLE: {
    status: 503,
    retriable: true,
    title: { es: 'Servicio de identidad no disponible', en: 'Identity service unavailable' },
    detail: {
      es: 'No se pudieron obtener las llaves para verificar el token; intente más tarde.',
      en: 'The keys to verify the token could not be fetched; try again later.',
    },
  },
});

export const ServiceErrors = defineErrors('SERVICE', {
  UNAVAILABLE: {
    status: 503,
    retriable: true,
    title: { es: 'Servicio no disponible', en: 'Service unavailable' },
    detail: {
      es: 'El servicio no puede atender ahora; intente más tarde.',
      en: 'The service cannot serve now; try later.',
    },
  },
});

/** Anything unexpected. The detail never says what went wrong: that is in the log, under the correlationId. */
export const InternalError = defineError('INTERNAL', {
  status: 500,
  title: { es: 'Error interno', en: 'Internal error' },
  detail: {
    es: 'Ocurrió un error inesperado. Si persiste, comparta el correlationId con soporte.',
    en: 'An unexpected error occurred. If it persists, give the correlationId to support.',
  },
});
