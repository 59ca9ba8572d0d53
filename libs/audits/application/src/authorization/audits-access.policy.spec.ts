import type { Caller } from '@frontera/shared-kernel';
import {
  AUDITS_OPERATIONS,
  mayAttempt,
  mayOperateOnEmployer,
  mayOperateOnInspector,
  mayOperateOnTask,
  mayRegisterFor,
  rolesFor,
  taskListScopeFor,
} from './audits-access.policy';

const supervisor: Caller = { id: 'sup-1', role: 'supervisor', states: ['CHP'] };
const inspector: Caller = { id: 'u-1', role: 'inspector', states: ['CHP'], inspectorId: 'insp-1' };
const officer: Caller = { id: 'off-1', role: 'officer', states: ['CHP'] };
const employer: Caller = { id: 'e-1', role: 'employer', states: [], employerId: 'org-1' };

const openTask = { employerId: 'org-1', state: 'CHP', inspectorId: 'insp-1', completed: false };
const completedTask = { ...openTask, completed: true };

describe('audits access policy', () => {
  it('gives every operation at least one role and never lets employer staff act on tasks or inspectors', () => {
    for (const operation of AUDITS_OPERATIONS) {
      expect(rolesFor(operation).length).toBeGreaterThan(0);
      if (operation !== 'VIEW_OUTCOMES') expect(mayAttempt(employer, operation).allowed).toBe(false);
    }
  });

  it.each([
    ['REGISTER_INSPECTOR', ['supervisor']],
    ['DEACTIVATE_INSPECTOR', ['supervisor']],
    ['REASSIGN_TASK', ['supervisor']],
    ['START_AUDIT', ['inspector']],
    ['RECORD_FINDING', ['inspector']],
    ['COMPLETE_AUDIT', ['inspector']],
    ['LIST_TASKS', ['supervisor', 'inspector']],
    ['VIEW_OUTCOMES', ['supervisor', 'officer', 'employer']],
  ] as const)('%s is for %j', (operation, roles) => {
    expect([...rolesFor(operation)].sort()).toEqual([...roles].sort());
  });

  it('an inspector acts on its own tasks only; a supervisor on the tasks of its states', () => {
    expect(mayOperateOnTask(inspector, 'START_AUDIT', openTask)).toEqual({ allowed: true });
    expect(mayOperateOnTask(inspector, 'START_AUDIT', { ...openTask, inspectorId: 'insp-2' })).toEqual({
      allowed: false,
      reason: 'NOT_ASSIGNED',
    });
    expect(mayOperateOnTask(supervisor, 'REASSIGN_TASK', openTask).allowed).toBe(true);
    expect(mayOperateOnTask(supervisor, 'REASSIGN_TASK', { ...openTask, state: 'CAM' })).toEqual({
      allowed: false,
      reason: 'STATE_OUT_OF_SCOPE',
    });
    expect(mayOperateOnTask(officer, 'START_AUDIT', openTask)).toEqual({
      allowed: false,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });

  it('employer staff see only completed outcomes of their own employer', () => {
    expect(mayOperateOnTask(employer, 'VIEW_OUTCOMES', completedTask).allowed).toBe(true);
    expect(mayOperateOnTask(employer, 'VIEW_OUTCOMES', openTask).allowed).toBe(false);
    expect(
      mayOperateOnTask(employer, 'VIEW_OUTCOMES', { ...completedTask, employerId: 'org-2' }).allowed,
    ).toBe(false);
    expect(
      mayOperateOnEmployer(employer, 'VIEW_OUTCOMES', { employerId: 'org-1', states: ['CHP'] }).allowed,
    ).toBe(true);
    expect(
      mayOperateOnEmployer(employer, 'VIEW_OUTCOMES', { employerId: 'org-2', states: ['CHP'] }).allowed,
    ).toBe(false);
    expect(
      mayOperateOnEmployer(officer, 'VIEW_OUTCOMES', { employerId: 'org-2', states: ['CAM'] }).allowed,
    ).toBe(false);
  });

  it('supervisors manage inspectors sharing one of their states and register them only within theirs', () => {
    expect(
      mayOperateOnInspector(supervisor, 'DEACTIVATE_INSPECTOR', { inspectorId: 'i', states: ['CHP', 'TAB'] })
        .allowed,
    ).toBe(true);
    expect(
      mayOperateOnInspector(supervisor, 'DEACTIVATE_INSPECTOR', { inspectorId: 'i', states: ['TAB'] })
        .allowed,
    ).toBe(false);
    expect(
      mayOperateOnInspector(inspector, 'VIEW_INSPECTOR', { inspectorId: 'insp-1', states: ['CHP'] }).allowed,
    ).toBe(true);
    expect(
      mayOperateOnInspector(inspector, 'VIEW_INSPECTOR', { inspectorId: 'insp-2', states: ['CHP'] }).allowed,
    ).toBe(false);
    expect(mayRegisterFor(supervisor, ['CHP']).allowed).toBe(true);
    expect(mayRegisterFor(supervisor, ['CHP', 'TAB'])).toEqual({
      allowed: false,
      reason: 'STATE_OUT_OF_SCOPE',
    });
  });

  it('lists: an inspector its own tasks, a supervisor its states, others nothing', () => {
    expect(taskListScopeFor(inspector)).toEqual({ kind: 'INSPECTOR', inspectorId: 'insp-1' });
    expect(taskListScopeFor(supervisor)).toEqual({ kind: 'STATES', states: ['CHP'] });
    expect(taskListScopeFor(officer)).toBeNull();
    expect(taskListScopeFor({ ...inspector, inspectorId: undefined } as Caller)).toBeNull();
  });
});
