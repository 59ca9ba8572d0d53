import { DomainError } from '@frontera/platform-errors';
import { aPrincipal } from '../../testing/principal.builder';
import {
  assertInScope,
  canActOnEmployer,
  canActOnMunicipality,
  canActOnState,
  hasRole,
  isAssignedInspector,
} from './scope';

const officer = aPrincipal('officer').inStates('CHP', 'CAM').build();
const supervisor = aPrincipal('supervisor').inStates('TAB').build();
const employerStaff = aPrincipal('employer').ofEmployer('emp-1').build();
const inspector = aPrincipal('inspector').inStates('CHP').asInspector('insp-1').build();
const localInspector = aPrincipal('inspector')
  .inStates('CHP')
  .inMunicipalities('07089')
  .asInspector('insp-2')
  .build();

describe('scope helpers', () => {
  it('hasRole', () => {
    expect(hasRole(officer, 'officer', 'supervisor')).toBe(true);
    expect(hasRole(employerStaff, 'officer')).toBe(false);
  });

  it('canActOnState: within the states, never for employer staff', () => {
    expect(canActOnState(officer, 'CAM')).toBe(true);
    expect(canActOnState(officer, 'TAB')).toBe(false);
    expect(canActOnState(inspector, 'CHP')).toBe(true);
    expect(canActOnState(employerStaff, 'CHP')).toBe(false);
    // Even when the identity provider adds the employer's state to the token.
    expect(canActOnState(aPrincipal('employer').inStates('CHP').build(), 'CHP')).toBe(false);
  });

  it('canActOnMunicipality narrows inspectors that list municipalities', () => {
    expect(canActOnMunicipality(localInspector, 'CHP', '07089')).toBe(true);
    expect(canActOnMunicipality(localInspector, 'CHP', '07101')).toBe(false);
    expect(canActOnMunicipality(inspector, 'CHP', '07101')).toBe(true);
    expect(canActOnMunicipality(officer, 'TAB', '27004')).toBe(false);
  });

  it('canActOnEmployer: own employer for staff, states for officers and supervisors, never inspectors', () => {
    const chiapasEmployer = { employerId: 'emp-1', state: 'CHP' };
    const tabascoEmployer = { employerId: 'emp-2', state: 'TAB' };
    expect(canActOnEmployer(employerStaff, chiapasEmployer)).toBe(true);
    expect(canActOnEmployer(employerStaff, tabascoEmployer)).toBe(false);
    expect(canActOnEmployer(officer, chiapasEmployer)).toBe(true);
    expect(canActOnEmployer(officer, tabascoEmployer)).toBe(false);
    expect(canActOnEmployer(supervisor, tabascoEmployer)).toBe(true);
    expect(canActOnEmployer(inspector, chiapasEmployer)).toBe(false);
  });

  it('isAssignedInspector: only the inspector the task names', () => {
    expect(isAssignedInspector(inspector, 'insp-1')).toBe(true);
    expect(isAssignedInspector(inspector, 'insp-2')).toBe(false);
    expect(isAssignedInspector(inspector, undefined)).toBe(false);
    expect(isAssignedInspector(supervisor, 'insp-1')).toBe(false);
  });

  it('assertInScope throws 403 AUTH.OUT_OF_SCOPE', () => {
    expect(() => assertInScope(true)).not.toThrow();
    try {
      assertInScope(canActOnState(officer, 'ROO'));
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE', status: 403 });
    }
  });
});
