import { AppError } from '@frontera/shared-kernel';
import { EmployerErrors } from './employer-errors';

const definitions = Object.entries(EmployerErrors);

describe('EmployerErrors catalogue', () => {
  it('has unique, stable-looking codes (CONTEXT.REASON)', () => {
    const codes = definitions.map(([, d]) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^(EMPLOYER|WORKSITE)\.[A-Z_]+$/);
  });

  it.each(definitions)(
    '%s has a status, a title and a detail in English and Spanish with the same placeholders',
    (_key, definition) => {
      expect([404, 409, 422, 500]).toContain(definition.status);
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const { title, detail } = definition.spec;
      expect(title.en.length).toBeGreaterThan(5);
      expect(title.es.length).toBeGreaterThan(5);
      expect(detail.en.length).toBeGreaterThan(10);
      expect(detail.es.length).toBeGreaterThan(10);
      expect(placeholders(detail.es)).toEqual(placeholders(detail.en));
      // Nothing a domain rule refuses gets better by trying again unchanged.
      expect(definition.retriable).toBe(false);
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

describe('employer error texts', () => {
  it('fill placeholders from the parameters, joining lists, in both languages', () => {
    const error = EmployerErrors.TRANSITION_NOT_ALLOWED.create({
      action: 'VERIFY',
      currentState: 'ACTIVE',
      allowedActions: ['SUSPEND', 'DEREGISTER'],
    });
    expect(error.text('en').detail).toBe(
      'Action VERIFY is not allowed while the employer is ACTIVE. Allowed actions: SUSPEND, DEREGISTER.',
    );
    expect(error.text('es').detail).toBe(
      'La acción VERIFY no está permitida mientras el empleador está en ACTIVE. Acciones permitidas: SUSPEND, DEREGISTER.',
    );
    expect(error.extensions).toMatchObject({
      currentState: 'ACTIVE',
      allowedActions: ['SUSPEND', 'DEREGISTER'],
    });
  });

  it('word field constraints in each language', () => {
    const error = EmployerErrors.WORKSITE_INVALID_CAPACITY.create({
      field: 'capacity',
      constraint: 'OUT_OF_RANGE',
      min: 1,
      max: 100,
    });
    expect(error.text('en').detail).toBe('The declared headcount capacity must be between 1 and 100.');
    expect(error.text('es').detail).toBe('La capacidad declarada de trabajadores debe estar entre 1 y 100.');
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['capacity']);
  });

  it('are AppErrors recognised by their definition', () => {
    const error = EmployerErrors.WORKSITE_CLOSED.create({ worksiteId: 'ws-1' });
    expect(error).toBeInstanceOf(AppError);
    expect(EmployerErrors.WORKSITE_CLOSED.is(error)).toBe(true);
    expect(EmployerErrors.WORKSITE_NOT_FOUND.is(error)).toBe(false);
    expect(error).toMatchObject({ code: 'WORKSITE.CLOSED', status: 409, params: { worksiteId: 'ws-1' } });
  });
});
