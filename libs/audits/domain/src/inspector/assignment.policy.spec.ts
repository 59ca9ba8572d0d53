import { AuditErrors } from '../errors/audit-errors';
import { anInspector } from '../testing';
import {
  ASSIGNMENT_RULES,
  checkManualAssignment,
  chooseInspector,
  failedAssignmentRules,
  type AssignmentRequest,
} from './assignment.policy';

const request = (overrides: Partial<AssignmentRequest> = {}): AssignmentRequest => ({
  employerId: 'emp-1',
  state: 'CHP',
  municipality: 'Tapachula',
  previousInspectorId: null,
  ...overrides,
});

describe('inspector assignment policy', () => {
  it('chooses the eligible inspector with the lowest load', () => {
    const decision = chooseInspector(request(), [
      anInspector().withId('ana').candidate(4),
      anInspector().withId('beto').candidate(1),
      anInspector().withId('carla').candidate(2),
    ]);
    expect(decision.choice).toEqual({ inspectorId: 'beto', mode: 'AUTOMATIC' });
    expect(decision.evaluations.map((e) => [e.inspectorId, e.openTasks])).toEqual([
      ['beto', 1],
      ['carla', 2],
      ['ana', 4],
    ]);
  });

  it.each([
    ['inactive', anInspector().withId('x').inactive().candidate(0), ['ACTIVE']],
    ['outside the state', anInspector().withId('x').covering('TAB').candidate(0), ['COVERS_AREA']],
    [
      'limited to other municipalities',
      anInspector().withId('x').covering('CHP', ['Tuxtla Gutiérrez']).candidate(0),
      ['COVERS_AREA'],
    ],
    ['at capacity', anInspector().withId('x').withCapacity(3).candidate(3), ['HAS_CAPACITY']],
    [
      'in conflict with the employer',
      anInspector().withId('x').withConflict('emp-1').candidate(0),
      ['NO_CONFLICT'],
    ],
  ])('never chooses an inspector %s: the evaluation names the rule', (_case, candidate, failed) => {
    const decision = chooseInspector(request(), [candidate]);
    expect(decision.choice).toBeNull();
    expect(decision.evaluations).toEqual([
      {
        inspectorId: 'x',
        eligible: false,
        failedRules: failed,
        openTasks: candidate.openTasks,
        capacity: candidate.capacity,
      },
    ]);
  });

  it('rotation: never the inspector of the employer’s previous audit, even when the least loaded', () => {
    const decision = chooseInspector(request({ previousInspectorId: 'ana' }), [
      anInspector().withId('ana').candidate(0),
      anInspector().withId('beto').candidate(7),
    ]);
    expect(decision.choice?.inspectorId).toBe('beto');
    expect(decision.evaluations.find((e) => e.inspectorId === 'ana')?.failedRules).toEqual(['ROTATION']);
  });

  it('covers by municipality ignoring case, accents and spacing; a whole state covers every municipality', () => {
    const limited = anInspector()
      .withId('m')
      .covering('CHP', ['Tapachula de Córdova y Ordóñez', 'Huixtla'])
      .candidate(0);
    expect(
      failedAssignmentRules(request({ municipality: 'tapachula de cordova y ordoñez' }), limited),
    ).toEqual([]);
    expect(failedAssignmentRules(request({ municipality: 'HUIXTLA' }), limited)).toEqual([]);
    expect(failedAssignmentRules(request({ municipality: 'Cacahoatán' }), limited)).toEqual(['COVERS_AREA']);
    const twoStates = anInspector().withId('s').covering('TAB').alsoCovering('CHP').candidate(0);
    expect(failedAssignmentRules(request({ municipality: 'Cacahoatán' }), twoStates)).toEqual([]);
  });

  it('ties on load go to the lower share of capacity, then the id: deterministic', () => {
    const decision = chooseInspector(request(), [
      anInspector().withId('b').withCapacity(4).candidate(2),
      anInspector().withId('c').withCapacity(10).candidate(2),
      anInspector().withId('a').withCapacity(10).candidate(2),
    ]);
    expect(decision.evaluations.map((e) => e.inspectorId)).toEqual(['a', 'c', 'b']);
    expect(decision.choice?.inspectorId).toBe('a');
  });

  it('nobody qualifies → no choice: the task stays PENDING_ASSIGNMENT; every rule failed is reported', () => {
    const decision = chooseInspector(request({ previousInspectorId: 'x' }), [
      anInspector().withId('x').covering('TAB').withCapacity(1).withConflict('emp-1').inactive().candidate(1),
    ]);
    expect(decision.choice).toBeNull();
    expect(decision.evaluations[0].failedRules).toEqual(ASSIGNMENT_RULES);
    expect(chooseInspector(request(), []).choice).toBeNull();
  });

  it('a reassignment never chooses the inspector holding the task', () => {
    const decision = chooseInspector(request({ currentInspectorId: 'ana' }), [
      anInspector().withId('ana').candidate(0),
      anInspector().withId('beto').candidate(3),
    ]);
    expect(decision.choice?.inspectorId).toBe('beto');
  });

  it('a supervisor may override capacity and rotation, never activity, area or a conflict', () => {
    expect(
      checkManualAssignment(
        request({ previousInspectorId: 'ana' }),
        anInspector().withId('ana').withCapacity(2).candidate(2),
      ),
    ).toEqual({ choice: { inspectorId: 'ana', mode: 'MANUAL' }, overridden: ['HAS_CAPACITY', 'ROTATION'] });
    expect(() =>
      checkManualAssignment(
        request(),
        anInspector().withId('ana').withConflict('emp-1').covering('TAB').candidate(0),
      ),
    ).toThrow(
      expect.objectContaining({
        code: AuditErrors.TASK_INSPECTOR_NOT_ELIGIBLE.code,
        status: 409,
        params: { inspectorId: 'ana', failedRules: ['COVERS_AREA', 'NO_CONFLICT'] },
      }),
    );
  });
});
