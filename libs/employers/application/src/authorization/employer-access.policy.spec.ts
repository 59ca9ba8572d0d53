import { anEmployerActor, anInspectorActor, anOfficerActor, aSupervisorActor } from '../testing/callers';
import type { Caller } from '@frontera/shared-kernel';
import {
  EMPLOYER_OPERATIONS,
  listScopeFor,
  mayAttempt,
  mayOperateOn,
  maySeeRiskAssessment,
  personalDataAccess,
  type EmployerOperation,
} from './employer-access.policy';

const target = { employerId: 'emp-own', state: 'CHP' };

/** Who, relative to `target`: the caller and what the policy must answer for every operation. */
const cases: {
  who: string;
  caller: Caller;
  allowed: readonly EmployerOperation[];
  deniedBecause: 'ROLE_NOT_ALLOWED' | 'NOT_OWN_EMPLOYER' | 'STATE_OUT_OF_SCOPE';
}[] = [
  {
    who: 'employer staff of this employer',
    caller: anEmployerActor('emp-own'),
    allowed: [
      'REGISTER',
      'LIST',
      'VIEW',
      'REPORT_CHANGE',
      'ADD_WORKSITE',
      'UPDATE_WORKSITE',
      'CLOSE_WORKSITE',
    ],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
  {
    who: 'employer staff of another employer',
    caller: anEmployerActor('emp-other'),
    allowed: [],
    deniedBecause: 'NOT_OWN_EMPLOYER',
  },
  {
    who: 'an officer of the employer’s state',
    caller: anOfficerActor('CAM', 'CHP'),
    allowed: ['LIST', 'VIEW', 'VIEW_HISTORY', 'VERIFY', 'REJECT', 'SUSPEND', 'REINSTATE', 'DEREGISTER'],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
  {
    who: 'an officer of other states',
    caller: anOfficerActor('CAM', 'TAB'),
    allowed: [],
    deniedBecause: 'STATE_OUT_OF_SCOPE',
  },
  {
    who: 'a supervisor of the employer’s state',
    caller: aSupervisorActor('CHP'),
    allowed: ['LIST', 'VIEW', 'VIEW_HISTORY'],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
  {
    who: 'an inspector of the employer’s state',
    caller: anInspectorActor('CHP'),
    allowed: [],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
];

describe('employer access policy', () => {
  describe.each(cases)('$who', ({ caller, allowed, deniedBecause }) => {
    it.each([...EMPLOYER_OPERATIONS])('%s', (operation) => {
      const decision = mayOperateOn(caller, operation, target);
      if (allowed.includes(operation)) {
        expect(decision).toEqual({ allowed: true });
      } else {
        const roleDecision = mayAttempt(caller, operation);
        // A role that may never do it is refused for the role, before any scope is looked at.
        expect(decision).toEqual({
          allowed: false,
          reason: roleDecision.allowed ? deniedBecause : 'ROLE_NOT_ALLOWED',
        });
      }
    });
  });

  it('employer staff without an employer id in their token own nothing', () => {
    const caller: Caller = { id: 'u-1', role: 'employer', states: [] };
    expect(mayOperateOn(caller, 'VIEW', target)).toEqual({ allowed: false, reason: 'NOT_OWN_EMPLOYER' });
    expect(listScopeFor(caller)).toBeNull();
  });

  describe('list scope', () => {
    it('is the own employer for employer staff', () => {
      expect(listScopeFor(anEmployerActor('emp-own'))).toEqual({ kind: 'EMPLOYER', employerId: 'emp-own' });
    });

    it('is the caller’s states for officers and supervisors, dropping anything that is not a state', () => {
      expect(listScopeFor(anOfficerActor('CHP', 'XX'))).toEqual({ kind: 'STATES', states: ['CHP'] });
      expect(listScopeFor(aSupervisorActor('ROO'))).toEqual({ kind: 'STATES', states: ['ROO'] });
    });

    it('does not exist for inspectors', () => {
      expect(listScopeFor(anInspectorActor())).toBeNull();
    });
  });

  describe('personal data', () => {
    it.each([
      ['employer staff, own record', anEmployerActor('emp-own'), 'RECORD', 'FULL'],
      ['employer staff, list', anEmployerActor('emp-own'), 'LIST', 'MASKED'],
      ['officer, record', anOfficerActor(), 'RECORD', 'FULL'],
      ['officer, list', anOfficerActor(), 'LIST', 'FULL'],
      ['supervisor, record', aSupervisorActor(), 'RECORD', 'MASKED'],
      ['supervisor, list', aSupervisorActor(), 'LIST', 'MASKED'],
    ] as const)('%s: %s', (_who, caller, context, expected) => {
      expect(personalDataAccess(caller, context)).toBe(expected);
    });
  });

  it('shows the risk assessment to officers and supervisors only', () => {
    expect(maySeeRiskAssessment(anOfficerActor())).toBe(true);
    expect(maySeeRiskAssessment(aSupervisorActor())).toBe(true);
    expect(maySeeRiskAssessment(anEmployerActor('emp-own'))).toBe(false);
    expect(maySeeRiskAssessment(anInspectorActor())).toBe(false);
  });
});
