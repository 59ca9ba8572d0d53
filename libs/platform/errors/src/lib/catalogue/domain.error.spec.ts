import { DomainError, defineError, defineErrors } from './domain.error';

const PermitErrors = defineErrors('PERMIT', {
  CANNOT_SUSPEND: {
    status: 409,
    title: { es: 'El permiso no se puede suspender', en: 'The permit cannot be suspended' },
    detail: {
      es: 'El permiso {permitNumber} está {state}.',
      en: 'Permit {permitNumber} is {state}.',
    },
  },
  NOT_FOUND: {
    status: 404,
    title: { es: 'Permiso no encontrado', en: 'Permit not found' },
    detail: { es: 'No existe el permiso.', en: 'There is no such permit.' },
  },
});

describe('error catalogues', () => {
  it('derive stable codes from the context and key', () => {
    expect(PermitErrors.CANNOT_SUSPEND.code).toBe('PERMIT.CANNOT_SUSPEND');
    expect(PermitErrors.NOT_FOUND.status).toBe(404);
  });

  it('fill the detail parameters in both languages and keep extensions', () => {
    const error = PermitErrors.CANNOT_SUSPEND.create(
      { permitNumber: 'TVTF-000123-K', state: 'REVOKED' },
      { extensions: { currentState: 'REVOKED', allowedActions: [] } },
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.text('es')).toEqual({
      title: 'El permiso no se puede suspender',
      detail: 'El permiso TVTF-000123-K está REVOKED.',
    });
    expect(error.text('en').detail).toBe('Permit TVTF-000123-K is REVOKED.');
    expect(error.extensions).toEqual({ currentState: 'REVOKED', allowedActions: [] });
    expect(error.message).toBe('PERMIT.CANNOT_SUSPEND: Permit TVTF-000123-K is REVOKED.');
    expect(PermitErrors.CANNOT_SUSPEND.is(error)).toBe(true);
    expect(PermitErrors.NOT_FOUND.is(error)).toBe(false);
  });

  it('type-check the parameters a detail needs', () => {
    // @ts-expect-error -- `state` is missing
    const incomplete = PermitErrors.CANNOT_SUSPEND.create({ permitNumber: 'X' });
    expect(incomplete.text('en').detail).toBe('Permit X is {state}.');
    expect(PermitErrors.NOT_FOUND.create().text('en').detail).toBe('There is no such permit.');
  });

  it('refuse malformed codes and non-error statuses', () => {
    const spec = { title: { es: 't', en: 't' }, detail: { es: 'd', en: 'd' } };
    expect(() => defineError('employer.not_found', { ...spec, status: 404 })).toThrow(/UPPER_SNAKE/);
    expect(() => defineError('EMPLOYER.OK', { ...spec, status: 200 })).toThrow(/not an HTTP error status/);
  });
});
