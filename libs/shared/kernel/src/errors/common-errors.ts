import { defineErrors } from './app-error';

/**
 * The errors every context's commands raise the same way, whatever the aggregate, under the
 * context's own codes (`EMPLOYER.BUSY`, `PERMIT.BUSY`): the caller's role may never do this; someone
 * changed the aggregate at the same time; its lock stays taken. A caller of the right role outside
 * its scope gets the context's NOT_FOUND instead (docs/decisions/0002), so nobody learns what
 * exists outside their scope.
 *
 * ```ts
 * export const PermitCommandErrors = commandErrorsFor('PERMIT'); // PERMIT.ACCESS_DENIED, …
 * ```
 */
export function commandErrorsFor(context: string) {
  return defineErrors(context, {
    ACCESS_DENIED: {
      status: 403,
      title: { es: 'Acceso denegado', en: 'Access denied' },
      detail: {
        es: 'Su rol no puede realizar esta acción ({reason}).',
        en: 'Your role may not do this ({reason}).',
      },
    },
    CONCURRENT_MODIFICATION: {
      status: 409,
      retriable: true,
      title: { es: 'Modificación concurrente', en: 'Concurrent modification' },
      detail: {
        es: 'Alguien más modificó el registro al mismo tiempo; vuelva a cargarlo e intente de nuevo.',
        en: 'The record was changed by someone else at the same time; reload it and try again.',
      },
    },
    BUSY: {
      status: 503,
      retriable: true,
      title: { es: 'Registro ocupado', en: 'Record busy' },
      detail: {
        es: 'El registro está siendo modificado por otras solicitudes; intente de nuevo en un momento.',
        en: 'The record is being changed by other requests right now; try again in a moment.',
      },
    },
  });
}

export type CommandErrors = ReturnType<typeof commandErrorsFor>;

/**
 * Raised by an aggregate lock whose key stays taken longer than its bounded wait. Command runners
 * turn it into their context's BUSY; anywhere else it reaches the client as it is (503, retriable).
 */
export const LockErrors = defineErrors('LOCK', {
  BUSY: {
    status: 503,
    retriable: true,
    title: { es: 'Recurso ocupado', en: 'Resource busy' },
    detail: {
      es: 'El recurso está siendo modificado por otras solicitudes; intente de nuevo en un momento.',
      en: 'The resource is being changed by other requests right now; try again in a moment.',
    },
  },
});

/**
 * Raised for a list's `cursor` that is not one the list gave (lists read by cursor: platform-store
 * `readList`, and an application whose list of a scope never gives one, such as an employer's own
 * list). In the kernel so the application layer can refuse a cursor the same way the store does.
 */
export const ListErrors = defineErrors('LIST', {
  INVALID_CURSOR: {
    status: 400,
    title: { es: 'Cursor no válido', en: 'Invalid cursor' },
    detail: {
      es: 'El cursor no es uno que este servicio haya entregado para esta lista; vuelva a empezar sin él.',
      en: 'The cursor is not one this service gave for this list; start again without it.',
    },
  },
});
