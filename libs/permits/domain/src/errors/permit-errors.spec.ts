import { AppError } from '@frontera/shared-kernel';
import { EligibilityFailures } from '../eligibility/eligibility-failures';
import { PermitErrors } from './permit-errors';

const definitions = Object.entries(PermitErrors);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('PermitErrors catalogue', () => {
  it('has unique codes of the permits context: PERMIT.*, WORKER.*, APPLICATION.*, EMPLOYER_STANDING.*', () => {
    const codes = definitions.map(([, d]) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes)
      expect(code).toMatch(/^(PERMIT|WORKER|APPLICATION|EMPLOYER_STANDING)\.[A-Z_]+$/);
  });

  it.each(definitions)(
    '%s has an allowed status, es/en title and detail with the same placeholders, and is not retriable',
    (_key, definition) => {
      expect([404, 409, 422, 500]).toContain(definition.status);
      const { title, detail } = definition.spec;
      expect(title.en.length).toBeGreaterThan(5);
      expect(title.es.length).toBeGreaterThan(5);
      expect(detail.en.length).toBeGreaterThan(10);
      expect(detail.es.length).toBeGreaterThan(10);
      expect(placeholders(detail.es)).toEqual(placeholders(detail.en));
      expect(definition.spec.retriable).toBe(false);
      expect(definition.retriable).toBe(false);
    },
  );

  it('uses 500 only for unreadable stored data', () => {
    const fiveHundreds = definitions.filter(([, d]) => d.status === 500).map(([, d]) => d.code);
    expect(fiveHundreds.every((code) => code.endsWith('SNAPSHOT_INVALID'))).toBe(true);
  });

  it('includes the codes the application layer and clients rely on', () => {
    expect(definitions.map(([, d]) => d.code)).toEqual(
      expect.arrayContaining([
        'PERMIT.NOT_FOUND',
        'PERMIT.TRANSITION_NOT_ALLOWED',
        'PERMIT.NUMBER_INVALID',
        'PERMIT.VERIFICATION_NO_MATCH',
        'PERMIT.NOT_YET_EXPIRED',
        'PERMIT.NOT_TRANSFERABLE',
        'WORKER.NOT_FOUND',
        'WORKER.MERGED',
        'WORKER.DOCUMENT_ALREADY_REGISTERED',
        'APPLICATION.NOT_FOUND',
        'APPLICATION.NOT_ELIGIBLE',
        'APPLICATION.TRANSITION_NOT_ALLOWED',
        'APPLICATION.NOT_APPROVED',
      ]),
    );
  });

  it('fills the transition error in both languages and exposes currentState and allowedActions', () => {
    const error = PermitErrors.TRANSITION_NOT_ALLOWED.create({
      action: 'REINSTATE',
      currentState: 'ACTIVE',
      allowedActions: ['SUSPEND', 'REVOKE'],
    });
    expect(error).toBeInstanceOf(AppError);
    expect(error.text('en').detail).toBe(
      'Action REINSTATE is not allowed while the permit is ACTIVE. Allowed actions: SUSPEND, REVOKE.',
    );
    expect(error.text('es').detail).toBe(
      'La acción REINSTATE no está permitida mientras el permiso está en ACTIVE. Acciones permitidas: SUSPEND, REVOKE.',
    );
    expect(error.extensions).toMatchObject({ currentState: 'ACTIVE', allowedActions: ['SUSPEND', 'REVOKE'] });
  });

  it('words field constraints with the kernel phrases and names the field in errors[]', () => {
    const error = PermitErrors.WORKER_INVALID_DOCUMENT.create({
      field: 'identityDocument.number',
      constraint: 'TOO_LONG',
      max: 30,
    });
    expect(error.text('en').detail).toBe(
      'Identity document field "identityDocument.number" must have at most 30 characters.',
    );
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['identityDocument.number']);
  });
});

describe('EligibilityFailures catalogue', () => {
  const failures = Object.entries(EligibilityFailures);

  it.each(failures)('%s has its bare code, es/en texts with the same placeholders', (key, definition) => {
    expect(definition.code).toBe(key);
    expect(definition.status).toBe(422);
    expect(definition.retriable).toBe(false);
    expect(placeholders(definition.spec.detail.es)).toEqual(placeholders(definition.spec.detail.en));
    expect(definition.spec.title.es.length).toBeGreaterThan(5);
  });
});
