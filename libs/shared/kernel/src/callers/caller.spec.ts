import { isPersonRole, isRole, PERSON_ROLES, ROLES, SYSTEM_CALLER } from './caller';

describe('roles and callers', () => {
  it('list every person role and the system role once', () => {
    expect(ROLES).toEqual(['employer', 'officer', 'inspector', 'supervisor', 'system']);
    expect(PERSON_ROLES).toEqual(ROLES.filter((role) => role !== 'system'));
  });

  it('tell roles a token may carry from the system role', () => {
    expect(isRole('system')).toBe(true);
    expect(isPersonRole('system')).toBe(false);
    expect(isPersonRole('officer')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('have a frozen system caller without scope', () => {
    expect(SYSTEM_CALLER).toEqual({ id: 'system', role: 'system', states: [] });
    expect(Object.isFrozen(SYSTEM_CALLER)).toBe(true);
  });
});
