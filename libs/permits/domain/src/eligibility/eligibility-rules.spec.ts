import { PermitErrors } from '../errors/permit-errors';
import { eligibilityRules, TVTF_MINIMUM_AGE } from './eligibility-rules';

describe('eligibilityRules (the configuration)', () => {
  it('defaults to the TVTF states, age 16 and GTM/BLZ; the minimum wage is required', () => {
    const rules = eligibilityRules({ minimumDailyWage: 315.04 });
    expect(rules.eligibleStates).toEqual(['CHP', 'CAM', 'TAB', 'ROO']);
    expect(rules.minimumAge).toBe(TVTF_MINIMUM_AGE);
    expect(rules.nationalities).toEqual(['GTM', 'BLZ']);
    expect(rules.minimumDailyWage.cents).toBe(31_504);
    expect(Object.isFrozen(rules)).toBe(true);
  });

  it.each([
    [{}, 'minimumDailyWage'],
    [{ minimumDailyWage: -1 }, 'minimumDailyWage'],
    [{ minimumDailyWage: 315, eligibleStates: [] }, 'eligibleStates'],
    [{ minimumDailyWage: 315, eligibleStates: ['CHP', 'XXX'] }, 'eligibleStates'],
    [{ minimumDailyWage: 315, minimumAge: 12 }, 'minimumAge'],
    [{ minimumDailyWage: 315, minimumAge: 16.5 }, 'minimumAge'],
  ])('refuses %j naming %s', (config, field) => {
    expect(() => eligibilityRules(config as never)).toThrow(
      expect.objectContaining({
        code: PermitErrors.INVALID_OPTIONS.code,
        params: expect.objectContaining({ field }),
      }),
    );
  });
});
