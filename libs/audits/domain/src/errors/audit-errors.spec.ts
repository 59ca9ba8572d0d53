import { AuditErrors } from './audit-errors';

const definitions = Object.entries(AuditErrors);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('AuditErrors catalogue', () => {
  it('has unique codes of the audits context', () => {
    const codes = definitions.map(([, d]) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes)
      expect(code).toMatch(/^(AUDIT|AUDIT_TASK|AUDIT_PLAN|INSPECTOR|COMPLAINT|REFERRAL|RISK)\.[A-Z_]+$/);
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
      expect(definition.retriable).toBe(false);
    },
  );

  it('uses 500 only for unreadable stored data', () => {
    const fiveHundreds = definitions.filter(([, d]) => d.status === 500).map(([, d]) => d.code);
    expect(fiveHundreds.every((code) => code.endsWith('SNAPSHOT_INVALID'))).toBe(true);
  });

  it('never has a placeholder for a planned date, so no error message can reveal one (unannounced visits)', () => {
    const dated = (name: string) =>
      /date|day|due|deadline|schedule|next/i.test(name) || /(On|At)$/.test(name);
    for (const [, definition] of definitions) {
      const names = [...placeholders(definition.spec.detail.es), ...placeholders(definition.spec.detail.en)];
      expect(names.filter(dated)).toEqual([]);
    }
  });

  it('answers a complaint lookup the same whether the receipt code or the secret is wrong (it names neither)', () => {
    expect(placeholders(AuditErrors.COMPLAINT_NOT_FOUND.spec.detail.en)).toEqual([]);
  });
});
