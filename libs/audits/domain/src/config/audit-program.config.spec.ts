import { AuditErrors } from '../errors/audit-errors';
import { auditProgram, cadenceFor, DEFAULT_AUDIT_PROGRAM } from './audit-program.config';

describe('audit program configuration: tier → cadence', () => {
  it.each([
    ['HIGH', 30],
    ['MEDIUM', 90],
    ['LOW', 180],
  ] as const)('by default a %s-tier employer is audited every %d days', (tier, days) => {
    expect(cadenceFor(tier)).toBe(days);
    expect(cadenceFor(tier, auditProgram())).toBe(days);
  });

  it('has the defaults of the specification', () => {
    expect(auditProgram()).toEqual(DEFAULT_AUDIT_PROGRAM);
    expect(DEFAULT_AUDIT_PROGRAM).toMatchObject({
      firstAuditWithinDays: 30,
      criticalDueHours: 48,
      utcOffsetMinutes: -360,
    });
  });

  it('is configurable', () => {
    const program = auditProgram({ cadenceDays: { HIGH: 14, LOW: 365 }, randomAuditRate: 0.1 });
    expect(program.cadenceDays).toEqual({ HIGH: 14, MEDIUM: 90, LOW: 365 });
    expect(cadenceFor('HIGH', program)).toBe(14);
    expect(program.randomAuditRate).toBe(0.1);
  });

  it.each([
    [{ cadenceDays: { HIGH: 100 } }, 'cadenceDays'],
    [{ cadenceDays: { MEDIUM: 0 } }, 'cadenceDays.MEDIUM'],
    [{ randomAuditRate: 1.5 }, 'randomAuditRate'],
    [{ criticalDueHours: 0 }, 'criticalDueHours'],
    [{ correctiveActionDays: { MINOR: 200 } }, 'correctiveActionDays.MINOR'],
    [{ acknowledgementDays: { VICTIM_SERVICES: 0 } }, 'acknowledgementDays.VICTIM_SERVICES'],
    [{ utcOffsetMinutes: 1.5 }, 'utcOffsetMinutes'],
  ])('refuses %j naming %s', (options, field) => {
    expect(() => auditProgram(options)).toThrow(
      expect.objectContaining({
        code: AuditErrors.INVALID_OPTIONS.code,
        params: expect.objectContaining({ field }),
      }),
    );
  });
});
