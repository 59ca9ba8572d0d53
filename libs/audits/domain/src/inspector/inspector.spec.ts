import { given } from '@frontera/shared-kernel/testing';
import { AuditErrors } from '../errors/audit-errors';
import { anInspector, aSupervisor, day, T0 } from '../testing';
import { Inspector, type InspectorSnapshot } from './inspector.aggregate';
import {
  allowedInspectorActions,
  INSPECTOR_ACTIONS,
  INSPECTOR_LIFECYCLE,
  INSPECTOR_STATUSES,
  type InspectorAction,
  type InspectorStatus,
} from './inspector-lifecycle';

const supervisor = aSupervisor('supervisor-2');

const invoke: Record<InspectorAction, (i: Inspector) => unknown> = {
  UPDATE_AREAS: (i) => i.updateAreas([{ state: 'CAM' }], supervisor, day(1)),
  SET_CAPACITY: (i) => i.setCapacity(3, supervisor, day(1)),
  DECLARE_CONFLICT: (i) => i.declareConflict('emp-2', supervisor, day(1)),
  WITHDRAW_CONFLICT: (i) => i.withdrawConflict('emp-9', supervisor, 'Relative left the company', day(1)),
  DEACTIVATE: (i) => i.deactivate(supervisor, 'On leave', day(1)),
  ACTIVATE: (i) => i.activate(supervisor, 'Back from leave', day(1)),
};
const pairs = INSPECTOR_ACTIONS.flatMap((action) =>
  INSPECTOR_STATUSES.map((status) => ({
    action,
    status,
    next: (INSPECTOR_LIFECYCLE[action] as Partial<Record<InspectorStatus, InspectorStatus>>)[status],
  })),
);
const anInspectorIn = (status: InspectorStatus) => {
  const builder = anInspector().withConflict('emp-9');
  return (status === 'INACTIVE' ? builder.inactive() : builder).build();
};

describe('inspector lifecycle, for every status × action', () => {
  it.each(pairs.filter((p) => p.next !== undefined))(
    'Given an $status inspector, When $action, Then $next with one version more',
    ({ action, status, next }) => {
      const inspector = anInspectorIn(status);
      const version = inspector.version;
      invoke[action](inspector);
      expect(inspector.status).toBe(next);
      expect(inspector.version).toBe(version + 1);
      expect(inspector.pullEvents()).toHaveLength(1);
    },
  );

  it.each(pairs.filter((p) => p.next === undefined))(
    'Given an $status inspector, When $action, Then 409 with currentState and allowedActions',
    ({ action, status }) => {
      const inspector = anInspectorIn(status);
      const before = inspector.toSnapshot();
      expect(() => invoke[action](inspector)).toThrow(
        expect.objectContaining({
          code: AuditErrors.INSPECTOR_TRANSITION_NOT_ALLOWED.code,
          params: { action, currentState: status, allowedActions: allowedInspectorActions(status) },
        }),
      );
      expect(inspector.toSnapshot()).toEqual(before);
    },
  );
});

describe('Inspector', () => {
  it('is registered by a supervisor with areas and capacity, ACTIVE', () => {
    const inspector = Inspector.register(
      {
        inspectorId: 'inspector-3',
        areas: [{ state: 'ROO' }, { state: 'CHP', municipalities: ['Tapachula', 'tapachula '] }],
        capacity: 8,
      },
      supervisor,
      T0,
    );
    expect(inspector.pullEvents()).toEqual([
      {
        type: 'InspectorRegistered',
        inspectorId: 'inspector-3',
        occurredAt: T0.toISOString(),
        actorId: 'supervisor-2',
        states: ['CHP', 'ROO'],
        capacity: 8,
      },
    ]);
    expect(inspector.areas).toEqual([
      { state: 'CHP', municipalities: ['Tapachula'] },
      { state: 'ROO', municipalities: null },
    ]);
    expect(inspector.covers('CHP', 'Tapachula')).toBe(true);
    expect(inspector.covers('CHP', 'Huixtla')).toBe(false);
    expect(inspector.covers('ROO', 'Othón P. Blanco')).toBe(true);
  });

  it.each([
    [{ areas: [] }, 'areas'],
    [{ areas: [{ state: 'XX' }] }, 'areas[0].state'],
    [{ areas: [{ state: 'CHP' }, { state: 'CHP' }] }, 'areas[1].state'],
    [{ areas: [{ state: 'CHP', municipalities: [] }] }, 'areas[0].municipalities'],
    [{ capacity: 0 }, 'capacity'],
    [{ capacity: 2.5 }, 'capacity'],
  ])('refuses %j (%s)', (overrides, field) => {
    expect(() =>
      Inspector.register(
        { inspectorId: 'i-1', areas: [{ state: 'CHP' }], capacity: 5, ...overrides },
        supervisor,
        T0,
      ),
    ).toThrow(
      expect.objectContaining({
        code: AuditErrors.INSPECTOR_INVALID_DATA.code,
        params: expect.objectContaining({ field }),
      }),
    );
  });

  it('declares and withdraws conflicts of interest; repeats are no-ops', () => {
    given(anInspector())
      .when((i) => i.declareConflict('emp-5', supervisor, day(1)))
      .then((i, declared, events) => {
        expect(declared).toBe(true);
        expect(i.hasConflictWith('emp-5')).toBe(true);
        expect(events).toMatchObject([{ type: 'InspectorConflictDeclared', employerId: 'emp-5' }]);
        expect(i.declareConflict('emp-5', supervisor, day(2))).toBe(false);
        expect(i.withdrawConflict('emp-5', supervisor, 'Sold the shares', day(3))).toBe(true);
        expect(i.withdrawConflict('emp-5', supervisor, 'Again', day(3))).toBe(false);
        expect(i.assignmentFacts().conflicts).toEqual([]);
      });
  });

  it('unchanged areas or capacity change nothing', () => {
    given(anInspector().withCapacity(4))
      .when((i) => [
        i.setCapacity(4, supervisor, day(1)),
        i.updateAreas([{ state: 'CHP' }], supervisor, day(1)),
      ])
      .thenEvents([]);
  });

  it('deactivation is reason-only and stops assignments', () => {
    given(anInspector())
      .when((i) => i.deactivate(supervisor, 'Retired', day(1)))
      .then((i) => {
        expect(i.assignmentFacts().active).toBe(false);
        expect(i.recordedHistory.at(-1)).toMatchObject({
          action: 'DEACTIVATE',
          from: 'ACTIVE',
          to: 'INACTIVE',
          reason: 'Retired',
        });
      });
    given(anInspector())
      .when((i) => i.deactivate(supervisor, '', day(1)))
      .thenFails(AuditErrors.INVALID_REASON);
  });

  it('round-trips its snapshot and refuses a corrupt one', () => {
    const inspector = anInspector().covering('CHP', ['Tapachula']).withConflict('emp-3').inactive().build();
    const snapshot = inspector.toSnapshot();
    expect(snapshot).toMatchObject({ status: 'INACTIVE', states: ['CHP'], capacity: 10 });
    const again = Inspector.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as InspectorSnapshot);
    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.persistedVersion).toBe(inspector.version);
    expect(() => Inspector.fromSnapshot({ ...snapshot, capacity: -1 })).toThrow(
      expect.objectContaining({ code: AuditErrors.INSPECTOR_SNAPSHOT_INVALID.code, status: 500 }),
    );
  });
});
