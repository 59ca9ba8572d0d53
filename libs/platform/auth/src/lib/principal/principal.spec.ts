import { claimsOf, principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it.each([
    [
      { sub: 'u1', role: 'officer', states: ['CHP', 'CAM'] },
      { subject: 'u1', role: 'officer', states: ['CHP', 'CAM'] },
    ],
    [
      { sub: 'u2', role: 'employer', employerId: 'emp-42' },
      { subject: 'u2', role: 'employer', states: [], employerId: 'emp-42' },
    ],
    [
      { sub: 'u3', role: 'inspector', states: ['CHP'], municipalities: ['07089'], inspectorId: 'insp-7' },
      { subject: 'u3', role: 'inspector', states: ['CHP'], municipalities: ['07089'], inspectorId: 'insp-7' },
    ],
    [
      { sub: 'u4', role: 'supervisor', states: ['TAB'], extra: 'ignored' },
      { subject: 'u4', role: 'supervisor', states: ['TAB'] },
    ],
  ])('accepts claims that fit the role: %j', (claims, principal) => {
    const result = principalFromClaims(claims);
    expect(result).toEqual({ ok: true, principal });
    if (result.ok) expect(Object.isFrozen(result.principal)).toBe(true);
  });

  it.each([
    [{ role: 'officer', states: ['CHP'] }, 'sub must be a non-empty string'],
    [
      { sub: 'u', role: 'admin', states: ['CHP'] },
      'role must be one of employer, officer, inspector, supervisor',
    ],
    [{ sub: 'u', role: 'employer' }, 'employerId is required for role employer'],
    [{ sub: 'u', role: 'inspector', states: ['CHP'] }, 'inspectorId is required for role inspector'],
    [{ sub: 'u', role: 'officer' }, 'states must not be empty for role officer'],
    [{ sub: 'u', role: 'officer', states: 'CHP' }, 'states must be a list of codes'],
    [{ sub: 'u', role: 'officer', states: ['chiapas'] }, 'states must be a list of codes'],
    [{ sub: 'u', role: 'officer', states: ['CHP', 'CHP'] }, 'states has duplicates'],
    [
      { sub: 'u', role: 'officer', states: ['CHP'], employerId: 'e1' },
      'employerId is only allowed for role employer',
    ],
    [
      { sub: 'u', role: 'officer', states: ['CHP'], municipalities: ['07089'] },
      'municipalities is only allowed for role inspector',
    ],
    [{ sub: 'u', role: 'employer', employerId: { $ne: null } }, 'employerId must be an id'],
    [
      { sub: 'u', role: 'inspector', states: ['CHP'], inspectorId: 'i', municipalities: ['7089'] },
      'municipalities must be a list',
    ],
  ])('refuses claims that do not fit: %j', (claims, problem) => {
    const result = principalFromClaims(claims);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain(problem);
  });

  it('round-trips through claimsOf', () => {
    const claims = {
      sub: 'u3',
      role: 'inspector',
      states: ['CHP'],
      municipalities: ['07089'],
      inspectorId: 'insp-7',
    };
    const result = principalFromClaims(claims);
    expect(result.ok && claimsOf(result.principal)).toEqual(claims);
  });
});
