import type { Caller } from './caller';
import {
  allOf,
  ALLOW,
  belongsToEmployer,
  deny,
  isAssignedInspector,
  isScopeDenial,
  roleIsOneOf,
  worksInMunicipality,
  worksInState,
} from './access';

const officer: Caller = { id: 'o-1', role: 'officer', states: ['CHP', 'CAM'] };
const supervisor: Caller = { id: 's-1', role: 'supervisor', states: ['TAB'] };
const staff: Caller = { id: 'e-1', role: 'employer', states: [], employerId: 'emp-1' };
const inspector: Caller = { id: 'i-1', role: 'inspector', states: ['CHP'], inspectorId: 'insp-1' };
const localInspector: Caller = { ...inspector, inspectorId: 'insp-2', municipalities: ['07089'] };

describe('access rules on callers', () => {
  it('role: allowed or ROLE_NOT_ALLOWED, which is not a scope denial', () => {
    expect(roleIsOneOf(officer, ['officer', 'supervisor'])).toBe(ALLOW);
    const refused = roleIsOneOf(staff, ['officer']);
    expect(refused).toEqual({ allowed: false, reason: 'ROLE_NOT_ALLOWED' });
    expect(isScopeDenial(refused)).toBe(false);
  });

  it('states: within the caller’s states, never for employer staff or the system', () => {
    expect(worksInState(officer, 'CAM').allowed).toBe(true);
    expect(worksInState(officer, 'TAB')).toEqual(deny('STATE_OUT_OF_SCOPE'));
    expect(worksInState(inspector, 'CHP').allowed).toBe(true);
    // Even when the identity provider adds the employer's state to the token.
    expect(worksInState({ ...staff, states: ['CHP'] }, 'CHP').allowed).toBe(false);
    expect(worksInState({ id: 'system', role: 'system', states: ['CHP'] }, 'CHP').allowed).toBe(false);
    expect(isScopeDenial(worksInState(officer, 'TAB'))).toBe(true);
  });

  it('municipalities narrow inspectors that list them', () => {
    expect(worksInMunicipality(localInspector, 'CHP', '07089').allowed).toBe(true);
    expect(worksInMunicipality(localInspector, 'CHP', '07101')).toEqual(deny('MUNICIPALITY_OUT_OF_SCOPE'));
    expect(worksInMunicipality(inspector, 'CHP', '07101').allowed).toBe(true);
    expect(worksInMunicipality(officer, 'TAB', '27004')).toEqual(deny('STATE_OUT_OF_SCOPE'));
  });

  it('employer staff: their own employer only', () => {
    expect(belongsToEmployer(staff, 'emp-1').allowed).toBe(true);
    expect(belongsToEmployer(staff, 'emp-2')).toEqual(deny('NOT_OWN_EMPLOYER'));
    expect(belongsToEmployer({ ...officer, employerId: 'emp-1' }, 'emp-1').allowed).toBe(false);
  });

  it('inspectors: only the task assigned to them', () => {
    expect(isAssignedInspector(inspector, 'insp-1').allowed).toBe(true);
    expect(isAssignedInspector(inspector, 'insp-2')).toEqual(deny('NOT_ASSIGNED'));
    expect(isAssignedInspector(inspector, null).allowed).toBe(false);
    expect(isAssignedInspector(supervisor, 'insp-1').allowed).toBe(false);
  });

  it('allOf gives the first refusal', () => {
    expect(allOf(ALLOW, deny('NOT_OWN_EMPLOYER'), deny('ROLE_NOT_ALLOWED'))).toEqual(
      deny('NOT_OWN_EMPLOYER'),
    );
    expect(allOf(ALLOW, ALLOW)).toBe(ALLOW);
  });
});
