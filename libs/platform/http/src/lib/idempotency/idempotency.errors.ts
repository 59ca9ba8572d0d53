import { defineErrors } from '@frontera/shared-kernel';

export const IdempotencyErrors = defineErrors('IDEMPOTENCY', {
  KEY_INVALID: {
    status: 400,
    title: { es: 'Idempotency-Key no válida', en: 'Invalid Idempotency-Key' },
    detail: {
      es: 'La cabecera Idempotency-Key debe tener de 1 a 255 caracteres visibles (se recomienda un UUID).',
      en: 'The Idempotency-Key header must be 1 to 255 visible characters (a UUID is recommended).',
    },
  },
  KEY_REUSED: {
    status: 422,
    title: { es: 'Idempotency-Key reutilizada', en: 'Idempotency-Key reused' },
    detail: {
      es: 'Esta Idempotency-Key ya se usó con otro cuerpo de solicitud; use una clave nueva para una solicitud nueva.',
      en: 'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
    },
  },
  IN_PROGRESS: {
    status: 409,
    title: { es: 'Solicitud en curso', en: 'Request in progress' },
    detail: {
      es: 'Una solicitud con esta Idempotency-Key aún se está procesando; espere y vuelva a intentarlo.',
      en: 'A request with this Idempotency-Key is still being processed; wait and try again.',
    },
  },
});
