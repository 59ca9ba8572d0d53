import { AppError, defineError, defineErrors } from './app-error';
import { commandErrorsFor, LockErrors } from './common-errors';

const PermitErrors = defineErrors('PERMIT', {
  CANNOT_SUSPEND: {
    status: 409,
    title: { es: 'El permiso no se puede suspender', en: 'The permit cannot be suspended' },
    detail: { es: 'El permiso {permitNumber} está {state}.', en: 'Permit {permitNumber} is {state}.' },
  },
  NOT_FOUND: {
    status: 404,
    title: { es: 'Permiso no encontrado', en: 'Permit not found' },
    detail: { es: 'No existe el permiso.', en: 'There is no such permit.' },
  },
  INVALID_WAGE: {
    status: 422,
    title: { es: 'Salario no válido', en: 'Invalid wage' },
    detail: { es: 'El salario "{field}" {constraint}.', en: 'Wage field "{field}" {constraint}.' },
  },
  WORKER_BUSY: {
    code: 'WORKER.BUSY',
    status: 503,
    retriable: true,
    title: { es: 'Trabajador ocupado', en: 'Worker busy' },
    detail: { es: 'Intente de nuevo.', en: 'Try again.' },
  },
});

describe('error catalogues', () => {
  it('derive stable codes from the context and key, or take an entry’s own code', () => {
    expect(PermitErrors.CANNOT_SUSPEND.code).toBe('PERMIT.CANNOT_SUSPEND');
    expect(PermitErrors.WORKER_BUSY.code).toBe('WORKER.BUSY');
    expect(PermitErrors.NOT_FOUND.status).toBe(404);
  });

  it('fill the detail in both languages, keep the parameters and expose them as extensions', () => {
    const error = PermitErrors.CANNOT_SUSPEND.create(
      { permitNumber: 'TVTF-000123-K', state: 'REVOKED' },
      { extensions: { allowedActions: [] } },
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect(error.text('es')).toEqual({
      title: 'El permiso no se puede suspender',
      detail: 'El permiso TVTF-000123-K está REVOKED.',
    });
    expect(error.text('en').detail).toBe('Permit TVTF-000123-K is REVOKED.');
    expect(error.params).toEqual({ permitNumber: 'TVTF-000123-K', state: 'REVOKED' });
    expect(error.extensions).toEqual({ permitNumber: 'TVTF-000123-K', state: 'REVOKED', allowedActions: [] });
    expect(Object.isFrozen(error.params)).toBe(true);
    expect(error.message).toBe('PERMIT.CANNOT_SUSPEND: Permit TVTF-000123-K is REVOKED.');
    expect(PermitErrors.CANNOT_SUSPEND.is(error)).toBe(true);
    expect(PermitErrors.NOT_FOUND.is(error)).toBe(false);
    expect(AppError.is(error, PermitErrors.CANNOT_SUSPEND)).toBe(true);
    expect(AppError.is(new Error('x'))).toBe(false);
  });

  it('word field constraints in each language and name the field to fix', () => {
    const error = PermitErrors.INVALID_WAGE.create({
      field: 'offeredDailyWage',
      constraint: 'OUT_OF_RANGE',
      min: 1,
      max: 10_000,
    });
    expect(error.text('en').detail).toBe('Wage field "offeredDailyWage" must be between 1 and 10000.');
    expect(error.text('es').detail).toBe('El salario "offeredDailyWage" debe estar entre 1 y 10000.');
    expect(error.fieldErrors).toEqual([
      { field: 'offeredDailyWage', code: 'PERMIT.INVALID_WAGE', message: error.detail },
    ]);
  });

  it('join lists and leave unknown placeholders visible', () => {
    const error = defineError('X.LIST', {
      status: 409,
      title: { es: 't', en: 't' },
      detail: { es: '{allowed} {missing}', en: '{allowed} {missing}' },
    }).create({ allowed: ['A', 'B'], missing: 'm' });
    expect(error.text('en').detail).toBe('A, B m');
    expect(
      // @ts-expect-error -- `state` is missing
      PermitErrors.CANNOT_SUSPEND.create({ permitNumber: 'X' }).text('en').detail,
    ).toBe('Permit X is {state}.');
  });

  it('say explicitly whether retrying can help: false unless the spec says so', () => {
    expect(PermitErrors.NOT_FOUND.retriable).toBe(false);
    expect(PermitErrors.NOT_FOUND.create().retriable).toBe(false);
    expect(PermitErrors.WORKER_BUSY.create().retriable).toBe(true);
    expect(LockErrors.BUSY.create()).toMatchObject({ code: 'LOCK.BUSY', status: 503, retriable: true });
  });

  it('give every context the same command errors under its own codes', () => {
    const errors = commandErrorsFor('PERMIT');
    expect([errors.ACCESS_DENIED.code, errors.CONCURRENT_MODIFICATION.code, errors.BUSY.code]).toEqual([
      'PERMIT.ACCESS_DENIED',
      'PERMIT.CONCURRENT_MODIFICATION',
      'PERMIT.BUSY',
    ]);
    expect(errors.ACCESS_DENIED.create({ reason: 'ROLE_NOT_ALLOWED' })).toMatchObject({
      status: 403,
      retriable: false,
    });
    expect(errors.CONCURRENT_MODIFICATION.retriable).toBe(true);
  });

  it('serialise to code, status, retriable, message and parameters', () => {
    expect(JSON.parse(JSON.stringify(PermitErrors.NOT_FOUND.create({ permitId: 'p-1' })))).toEqual({
      code: 'PERMIT.NOT_FOUND',
      status: 404,
      retriable: false,
      message: 'PERMIT.NOT_FOUND: There is no such permit.',
      params: { permitId: 'p-1' },
    });
  });

  it('refuse malformed codes, non-error statuses and a code defined twice', () => {
    const spec = { title: { es: 't', en: 't' }, detail: { es: 'd', en: 'd' } };
    expect(() => defineError('employer.not_found', { ...spec, status: 404 })).toThrow(/UPPER_SNAKE/);
    expect(() => defineError('EMPLOYER.OK', { ...spec, status: 200 })).toThrow(/not an HTTP error status/);
    expect(() =>
      defineErrors('A', { X: { ...spec, status: 404 }, Y: { ...spec, status: 404, code: 'A.X' } }),
    ).toThrow(/defined twice/);
  });
});
