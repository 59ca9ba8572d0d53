import { CalendarDate } from '@frontera/shared-kernel';
import { auditProgram } from '../config/audit-program.config';
import { decideOutcome, defaultCorrectiveActionDeadline } from './audit-outcome.rules';

const codes = (...list: string[]) => list.map((code) => ({ code }));

describe('outcome rules', () => {
  it('no finding → COMPLIANT, nothing follows', () => {
    expect(decideOutcome([])).toEqual({
      outcome: 'COMPLIANT',
      gravestSeverity: null,
      requiresCorrectiveAction: false,
      forcedLabourIndicators: [],
    });
  });

  it.each([
    [['NO_WRITTEN_CONTRACT'], 'MINOR'],
    [['NO_WRITTEN_CONTRACT', 'WAGE_BELOW_MINIMUM'], 'SERIOUS'],
    [['MINOR_EMPLOYED', 'UNSAFE_HOUSING'], 'CRITICAL'],
    [['IDENTITY_DOCUMENTS_RETAINED', 'WITHHELD_WAGES'], 'SERIOUS'],
  ])(
    'labour findings without indicators %j → VIOLATIONS with a corrective-action deadline (gravest %s)',
    (list, gravest) => {
      expect(decideOutcome(codes(...list))).toEqual({
        outcome: 'VIOLATIONS',
        gravestSeverity: gravest,
        requiresCorrectiveAction: true,
        forcedLabourIndicators: [],
      });
    },
  );

  it.each([
    [['DEBT_BONDAGE']],
    [['NO_WRITTEN_CONTRACT', 'ISOLATION']],
    [['WAGE_BELOW_MINIMUM', 'WITHHOLDING_OF_WAGES', 'RESTRICTION_OF_MOVEMENT', 'WITHHOLDING_OF_WAGES']],
  ])(
    'any forced-labour indicator %j → REFERRAL (the kernel spells REFERRED so), no corrective deadline',
    (list) => {
      const decision = decideOutcome(codes(...list));
      expect(decision.outcome).toBe('REFERRAL');
      expect(decision.requiresCorrectiveAction).toBe(false);
      expect(decision.gravestSeverity).toBe('CRITICAL');
      expect(decision.forcedLabourIndicators).toEqual(
        [...new Set(list.filter((c) => !['NO_WRITTEN_CONTRACT', 'WAGE_BELOW_MINIMUM'].includes(c)))].sort(),
      );
    },
  );

  it('refuses an unknown code (a programming error: tasks validate codes when recorded)', () => {
    expect(() => decideOutcome(codes('NOT_A_CODE'))).toThrow(TypeError);
  });

  it.each([
    ['MINOR', '2026-05-01'],
    ['SERIOUS', '2026-04-01'],
    ['CRITICAL', '2026-03-17'],
  ] as const)(
    'the default corrective-action deadline of a %s violation is %s (from 2026-03-02)',
    (severity, deadline) => {
      const today = CalendarDate.tryParse('2026-03-02') as CalendarDate;
      expect(defaultCorrectiveActionDeadline(severity, today, auditProgram()).toString()).toBe(deadline);
    },
  );
});
