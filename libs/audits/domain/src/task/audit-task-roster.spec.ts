import { AuditErrors } from '../errors/audit-errors';
import { anAuditTask, anInspectorUser, aRoster, day } from '../testing';
import { refreshedRoster } from './audit-task.aggregate';

const NUMBERS = new Map(aRoster(9, 'p').map((e, i) => [`p-${i + 1}`, e.permitNumber]));
const entry = (permitId: string) => ({ permitId, permitNumber: NUMBERS.get(permitId) as string });

describe('expected roster', () => {
  it('refreshedRoster keeps the expected permits only, sorted, with the checks they had', () => {
    const current = [
      { ...entry('p-2'), check: 'PRESENT' as const },
      { ...entry('p-1'), check: 'ABSENT' as const },
    ];
    expect(refreshedRoster(current, [entry('p-3'), entry('p-2'), entry('p-3')])).toEqual([
      { ...entry('p-2'), check: 'PRESENT' },
      { ...entry('p-3'), check: 'NOT_CHECKED' },
    ]);
  });

  it('Given a task created with a roster, When the inspector starts it with the roster of today, Then the checklist is the new roster', () => {
    const task = anAuditTask()
      .withRoster([entry('p-1'), entry('p-2')])
      .assigned('insp-1')
      .build();
    task.start(anInspectorUser('insp-1-user'), day(1), [entry('p-2'), entry('p-3')]);
    expect(task.checklist.map((e) => e.permitId)).toEqual(['p-2', 'p-3']);
    expect(task.recordedHistory.at(-2)).toEqual(expect.objectContaining({ field: 'checklist' }));
  });

  it('Then per-worker findings reference roster permits, and the outcome event carries their ids per code', () => {
    const task = anAuditTask()
      .withRoster([entry('p-1')])
      .assigned('insp-1')
      .build();
    const inspector = anInspectorUser('insp-1-user');
    task.start(inspector, day(1), [entry('p-1'), entry('p-2')]);
    task.recordFinding({ findingId: 'f-1', code: 'WITHHELD_WAGES', permitIds: ['p-2'] }, inspector, day(1));
    task.recordFinding(
      { findingId: 'f-2', code: 'WITHHELD_WAGES', permitIds: ['p-1', 'p-2'] },
      inspector,
      day(1),
    );
    expect(() =>
      task.recordFinding({ findingId: 'f-3', code: 'WITHHELD_WAGES', permitIds: ['p-9'] }, inspector, day(1)),
    ).toThrow(expect.objectContaining({ code: AuditErrors.TASK_NOT_ON_ROSTER.code }));
    task.pullEvents();
    task.complete({}, inspector, day(1));
    const completed = task.pullEvents().find((e) => e.type === 'AuditCompleted');
    expect(completed).toEqual(
      expect.objectContaining({
        findings: [
          expect.objectContaining({ code: 'WITHHELD_WAGES', workersAffected: 3, permitIds: ['p-1', 'p-2'] }),
        ],
      }),
    );
    expect(task.findingSummaries()[0]).not.toHaveProperty('permitIds');
  });

  it('refuses a malformed roster at start and changes nothing', () => {
    const task = anAuditTask()
      .withRoster([entry('p-1')])
      .assigned('insp-1')
      .build();
    expect(() =>
      task.start(anInspectorUser('insp-1-user'), day(1), [{ permitId: 'p-2', permitNumber: 'bad number' }]),
    ).toThrow(expect.objectContaining({ code: AuditErrors.TASK_INVALID_DATA.code }));
    expect(task.status).toBe('ASSIGNED');
    expect(task.checklist.map((e) => e.permitId)).toEqual(['p-1']);
  });
});
