import type { ErrorDefinition } from '@frontera/employers-domain';

/**
 * Errors the application raises beyond the domain's rules. They use the domain's DomainError
 * type (`new DomainError(ApplicationErrors.ACCESS_DENIED, { reason })`) so the HTTP layer maps
 * every error of this context through one path. Codes are public API: add, never rename.
 */
export const ApplicationErrors = {
  ACCESS_DENIED: {
    code: 'EMPLOYER.ACCESS_DENIED',
    httpStatus: 403,
    en: 'Your role may not do this ({reason}).',
    es: 'Su rol no puede realizar esta acción ({reason}).',
  },
  CONCURRENT_MODIFICATION: {
    code: 'EMPLOYER.CONCURRENT_MODIFICATION',
    httpStatus: 409,
    en: 'The employer was changed by someone else at the same time; reload it and try again.',
    es: 'Alguien más modificó al empleador al mismo tiempo; vuelva a cargarlo e intente de nuevo.',
  },
  BUSY: {
    code: 'EMPLOYER.BUSY',
    httpStatus: 503,
    en: 'The employer is being changed by other requests right now; try again in a moment.',
    es: 'El empleador está siendo modificado por otras solicitudes; intente de nuevo en un momento.',
  },
} as const satisfies Record<string, ErrorDefinition>;
