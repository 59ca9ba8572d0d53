import { anEmployerActor, anInspectorActor, anOfficerActor, aSupervisorActor } from '../testing/actors';
import type { Actor } from '../shared/actor';
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

/** Who, relative to `target`: the actor and what the policy must answer for every operation. */
const cases: {
  who: string;
  actor: Actor;
  allowed: readonly EmployerOperation[];
  deniedBecause: 'ROLE_NOT_ALLOWED' | 'NOT_OWN_EMPLOYER' | 'STATE_OUT_OF_SCOPE';
}[] = [
  {
    who: 'employer staff of this employer',
    actor: anEmployerActor('emp-own'),
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
    actor: anEmployerActor('emp-other'),
    allowed: [],
    deniedBecause: 'NOT_OWN_EMPLOYER',
  },
  {
    who: 'an officer of the employer’s state',
    actor: anOfficerActor('CAM', 'CHP'),
    allowed: ['LIST', 'VIEW', 'VIEW_HISTORY', 'VERIFY', 'REJECT', 'SUSPEND', 'REINSTATE', 'DEREGISTER'],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
  {
    who: 'an officer of other states',
    actor: anOfficerActor('CAM', 'TAB'),
    allowed: [],
    deniedBecause: 'STATE_OUT_OF_SCOPE',
  },
  {
    who: 'a supervisor of the employer’s state',
    actor: aSupervisorActor('CHP'),
    allowed: ['LIST', 'VIEW', 'VIEW_HISTORY'],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
  {
    who: 'an inspector of the employer’s state',
    actor: anInspectorActor('CHP'),
    allowed: [],
    deniedBecause: 'ROLE_NOT_ALLOWED',
  },
];

describe('employer access policy', () => {
  describe.each(cases)('$who', ({ actor, allowed, deniedBecause }) => {
    it.each([...EMPLOYER_OPERATIONS])('%s', (operation) => {
      const decision = mayOperateOn(actor, operation, target);
      if (allowed.includes(operation)) {
        expect(decision).toEqual({ allowed: true });
      } else {
        const roleDecision = mayAttempt(actor, operation);
        // A role that may never do it is refused for the role, before any scope is looked at.
        expect(decision).toEqual({
          allowed: false,
          reason: roleDecision.allowed ? deniedBecause : 'ROLE_NOT_ALLOWED',
        });
      }
    });
  });

  it('employer staff without an employer id in their token own nothing', () => {
    const actor: Actor = { id: 'u-1', role: 'employer', states: [] };
    expect(mayOperateOn(actor, 'VIEW', target)).toEqual({ allowed: false, reason: 'NOT_OWN_EMPLOYER' });
    expect(listScopeFor(actor)).toBeNull();
  });

  describe('list scope', () => {
    it('is the own employer for employer staff', () => {
      expect(listScopeFor(anEmployerActor('emp-own'))).toEqual({ kind: 'EMPLOYER', employerId: 'emp-own' });
    });

    it('is the actor’s states for officers and supervisors, dropping anything that is not a state', () => {
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
    ] as const)('%s: %s', (_who, actor, context, expected) => {
      expect(personalDataAccess(actor, context)).toBe(expected);
    });
  });

  it('shows the risk assessment to officers and supervisors only', () => {
    expect(maySeeRiskAssessment(anOfficerActor())).toBe(true);
    expect(maySeeRiskAssessment(aSupervisorActor())).toBe(true);
    expect(maySeeRiskAssessment(anEmployerActor('emp-own'))).toBe(false);
    expect(maySeeRiskAssessment(anInspectorActor())).toBe(false);
  });
});
