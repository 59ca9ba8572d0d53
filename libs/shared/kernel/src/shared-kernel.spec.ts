import {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  COMPLIANCE_RATINGS,
  EMPLOYER_KINDS,
  EMPLOYER_STATUSES,
  FINDING_SEVERITIES,
  MEXICAN_STATE_NAMES,
  MEXICAN_STATES,
  REFERRAL_AGENCIES,
  RISK_TIERS,
  SECTORS,
  TVTF_ELIGIBLE_STATES,
  WORKER_NATIONALITIES,
  isMexicanState,
} from './index';

const VALUE_LISTS: Record<string, readonly string[]> = {
  MEXICAN_STATES,
  TVTF_ELIGIBLE_STATES,
  EMPLOYER_KINDS,
  EMPLOYER_STATUSES,
  COMPLIANCE_RATINGS,
  SECTORS,
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  FINDING_SEVERITIES,
  RISK_TIERS,
  REFERRAL_AGENCIES,
  WORKER_NATIONALITIES,
};

describe('shared kernel value lists', () => {
  it.each(Object.entries(VALUE_LISTS))('%s is non-empty and has no duplicates', (_name, values) => {
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values).size).toBe(values.length);
  });

  it.each(Object.entries(VALUE_LISTS).filter(([name]) => name !== 'COMPLIANCE_RATINGS'))(
    '%s holds UPPER_SNAKE_CASE codes',
    (_name, values) => {
      for (const value of values) expect(value).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
    },
  );

  describe('Mexican states', () => {
    it('are the 31 states and Mexico City, as three-letter ISO 3166-2:MX codes', () => {
      expect(MEXICAN_STATES).toHaveLength(32);
      for (const state of MEXICAN_STATES) expect(state).toMatch(/^[A-Z]{3}$/);
    });

    it('each have exactly one name, and no two share a name', () => {
      expect(Object.keys(MEXICAN_STATE_NAMES).sort()).toEqual([...MEXICAN_STATES].sort());
      const names = Object.values(MEXICAN_STATE_NAMES);
      expect(new Set(names).size).toBe(names.length);
      expect(MEXICAN_STATE_NAMES.CHP).toBe('Chiapas');
      expect(MEXICAN_STATE_NAMES.ROO).toBe('Quintana Roo');
    });

    it('the TVTF eligible states are known states: Chiapas, Campeche, Tabasco, Quintana Roo', () => {
      for (const state of TVTF_ELIGIBLE_STATES) expect(MEXICAN_STATES).toContain(state);
      expect([...TVTF_ELIGIBLE_STATES].sort()).toEqual(['CAM', 'CHP', 'ROO', 'TAB']);
    });

    it('the TVTF default cannot be changed at run time', () => {
      expect(Object.isFrozen(TVTF_ELIGIBLE_STATES)).toBe(true);
      expect(Object.isFrozen(MEXICAN_STATE_NAMES)).toBe(true);
    });

    it.each(MEXICAN_STATES.map((s) => [s]))('isMexicanState accepts %s', (state) => {
      expect(isMexicanState(state)).toBe(true);
    });

    it.each([['MX-CHP'], ['chp'], ['CHIS'], [''], [null], [undefined], [7], [['CHP']]])(
      'isMexicanState refuses %p',
      (value) => {
        expect(isMexicanState(value)).toBe(false);
      },
    );
  });
});
