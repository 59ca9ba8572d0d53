import { DomainError } from './domain-error';
import { EmployerErrors } from './employer-errors';

const definitions = Object.entries(EmployerErrors);

describe('EmployerErrors catalogue', () => {
  it('has unique, stable-looking codes (CONTEXT.REASON)', () => {
    const codes = definitions.map(([, d]) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^(EMPLOYER|WORKSITE)\.[A-Z_]+$/);
  });

  it.each(definitions)(
    '%s has an HTTP status and messages in English and Spanish with the same placeholders',
    (_key, definition) => {
      expect([404, 409, 422, 500]).toContain(definition.httpStatus);
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(definition.en.length).toBeGreaterThan(10);
      expect(definition.es.length).toBeGreaterThan(10);
      expect(placeholders(definition.es)).toEqual(placeholders(definition.en));
    },
  );

  it('includes the codes the API and other layers rely on', () => {
    expect(definitions.map(([, d]) => d.code)).toEqual(
      expect.arrayContaining([
        'EMPLOYER.NOT_FOUND',
        'EMPLOYER.TRANSITION_NOT_ALLOWED',
        'EMPLOYER.RFC_INVALID_FORMAT',
        'EMPLOYER.RFC_INVALID_DATE',
        'EMPLOYER.RFC_INVALID_CHECK_DIGIT',
        'EMPLOYER.RFC_GENERIC_NOT_ALLOWED',
        'EMPLOYER.KIND_MISMATCH',
        'WORKSITE.NOT_FOUND',
        'WORKSITE.CLOSED',
        'WORKSITE.INVALID_COORDINATES',
      ]),
    );
  });
});

describe('DomainError', () => {
  it('fills placeholders from the details, joining lists, in both languages', () => {
    const error = new DomainError(EmployerErrors.TRANSITION_NOT_ALLOWED, {
      action: 'VERIFY',
      currentState: 'ACTIVE',
      allowedActions: ['SUSPEND', 'DEREGISTER'],
    });
    expect(error.message).toBe(
      'Action VERIFY is not allowed while the employer is ACTIVE. Allowed actions: SUSPEND, DEREGISTER.',
    );
    expect(error.messageIn('es')).toBe(
      'La acción VERIFY no está permitida mientras el empleador está en ACTIVE. Acciones permitidas: SUSPEND, DEREGISTER.',
    );
  });

  it('words field constraints in each language', () => {
    const error = new DomainError(EmployerErrors.WORKSITE_INVALID_CAPACITY, {
      field: 'capacity',
      constraint: 'OUT_OF_RANGE',
      min: 1,
      max: 100,
    });
    expect(error.message).toBe('The declared headcount capacity must be between 1 and 100.');
    expect(error.messageEs).toBe('La capacidad declarada de trabajadores debe estar entre 1 y 100.');
  });

  it('is an Error with a code, a status and frozen details, serialisable for problem details', () => {
    const error = new DomainError(EmployerErrors.WORKSITE_NOT_FOUND, { worksiteId: 'ws-1' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(Object.isFrozen(error.details)).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'WORKSITE.NOT_FOUND',
      httpStatus: 404,
      message: 'Worksite ws-1 does not belong to this employer.',
      messageEs: 'El centro de trabajo ws-1 no pertenece a este empleador.',
      details: { worksiteId: 'ws-1' },
    });
  });

  it('recognises its kind and code', () => {
    const error = new DomainError(EmployerErrors.WORKSITE_CLOSED, { worksiteId: 'ws-1' });
    expect(DomainError.is(error)).toBe(true);
    expect(DomainError.is(error, EmployerErrors.WORKSITE_CLOSED)).toBe(true);
    expect(DomainError.is(error, EmployerErrors.WORKSITE_NOT_FOUND)).toBe(false);
    expect(DomainError.is(new Error('x'))).toBe(false);
  });
});
