import { PermitErrors } from '../errors/permit-errors';
import { aPermit, day, daysAfter } from '../testing';
import { Permit } from './permit.aggregate';
import {
  forcedLabourMakesTransferable,
  MAX_REMEMBERED_AUDIT_FINDINGS,
  type AuditFindingFacts,
} from './permit-audit-findings';
import { PERMIT_STATUSES, type PermitStatus } from './permit.types';

const finding = (overrides: Partial<AuditFindingFacts> = {}): AuditFindingFacts => ({
  taskId: 'task_1',
  code: 'DOCUMENTS_RETAINED',
  severity: 'SERIOUS',
  forcedLabourIndicator: false,
  ...overrides,
});

const WINDOW_END = daysAfter(day(10), 90);

describe('forcedLabourMakesTransferable (the victim-centred rule for one worker, decision 0036)', () => {
  it.each(PERMIT_STATUSES.map((status) => [status]))(
    'a forced-labour finding on a %s permit: transferable only while the worker holds it (ACTIVE, SUSPENDED)',
    (status: PermitStatus) => {
      expect(forcedLabourMakesTransferable([finding({ forcedLabourIndicator: true })], status)).toBe(
        status === 'ACTIVE' || status === 'SUSPENDED',
      );
    },
  );

  it('findings without the indicator never make a permit transferable, whatever their severity', () => {
    const findings = (['MINOR', 'SERIOUS', 'CRITICAL'] as const).map((severity) => finding({ severity }));
    expect(forcedLabourMakesTransferable(findings, 'ACTIVE')).toBe(false);
    expect(
      forcedLabourMakesTransferable([...findings, finding({ forcedLabourIndicator: true })], 'ACTIVE'),
    ).toBe(true);
  });
});

describe('Permit.recordAuditFindings', () => {
  it('Given an ACTIVE permit, When a finding without the indicator is recorded, Then the history holds its code, severity, flag and task, and nothing else changes', () => {
    const permit = aPermit().build();
    const before = permit.version;

    const outcome = permit.recordAuditFindings([finding()], WINDOW_END, day(10));

    expect(outcome).toEqual({ recorded: 1, madeTransferable: false });
    expect(permit.version).toBe(before + 1);
    expect(permit.status).toBe('ACTIVE');
    expect(permit.transferable).toBeNull();
    expect(permit.pullEvents()).toEqual([]);
    const entries = permit.recordedHistory.filter((e) => e.action === 'AUDIT_FINDING');
    expect(entries.map((e) => [e.field, e.to, e.relatedId, e.actor.role, e.version])).toEqual([
      ['auditFinding.code', 'DOCUMENTS_RETAINED', 'task_1', 'system', before + 1],
      ['auditFinding.severity', 'SERIOUS', 'task_1', 'system', before + 1],
      ['auditFinding.forcedLabourIndicator', 'false', 'task_1', 'system', before + 1],
    ]);
    expect(permit.auditFindings).toEqual([{ ...finding(), recordedAt: day(10).toISOString() }]);
  });

  it('Given an ACTIVE permit, When a forced-labour finding is recorded, Then it becomes transferable (FORCED_LABOUR_INDICATOR) in the same version, with its event', () => {
    const permit = aPermit().build();
    const before = permit.version;

    const outcome = permit.recordAuditFindings(
      [finding(), finding({ code: 'FORCED_LABOUR', severity: 'CRITICAL', forcedLabourIndicator: true })],
      WINDOW_END,
      day(10),
    );

    expect(outcome).toEqual({ recorded: 2, madeTransferable: true });
    expect(permit.version).toBe(before + 1);
    expect(permit.isValidAt(day(11))).toBe(true);
    expect(permit.isTransferableAt(day(11))).toBe(true);
    expect(permit.transferable).toEqual({
      cause: 'FORCED_LABOUR_INDICATOR',
      until: WINDOW_END.toISOString(),
      since: day(10).toISOString(),
    });
    expect(permit.pullEvents()).toEqual([
      expect.objectContaining({ type: 'PermitTransferable', cause: 'FORCED_LABOUR_INDICATOR' }),
    ]);
  });

  it('Given a SUSPENDED permit, When a forced-labour finding is recorded, Then it is transferable but stays SUSPENDED (it moves once reinstated)', () => {
    const permit = aPermit().suspended().build();

    const outcome = permit.recordAuditFindings(
      [finding({ forcedLabourIndicator: true })],
      WINDOW_END,
      day(10),
    );

    expect(outcome.madeTransferable).toBe(true);
    expect(permit.status).toBe('SUSPENDED');
    expect(permit.isTransferableAt(day(11))).toBe(false);
  });

  it.each([['revoked'], ['expired'], ['ended']] as const)(
    'Given a %s permit, When a forced-labour finding is recorded, Then it is recorded and nothing else changes',
    (status) => {
      const permit = aPermit()[status]().build();

      const outcome = permit.recordAuditFindings(
        [finding({ forcedLabourIndicator: true })],
        WINDOW_END,
        day(10),
      );

      expect(outcome).toEqual({ recorded: 1, madeTransferable: false });
      expect(permit.transferable).toBeNull();
      expect(permit.pullEvents()).toEqual([]);
    },
  );

  it('Given an already transferable permit with a later window, Then a forced-labour finding is recorded and the window is kept', () => {
    const permit = aPermit().transferable(200).build();
    const window = permit.transferable;

    const outcome = permit.recordAuditFindings(
      [finding({ forcedLabourIndicator: true })],
      WINDOW_END,
      day(10),
    );

    expect(outcome).toEqual({ recorded: 1, madeTransferable: false });
    expect(permit.transferable).toEqual(window);
  });

  it('records one task’s finding code once: the same findings again change nothing (no new version)', () => {
    const permit = aPermit().build();
    permit.recordAuditFindings([finding(), finding()], WINDOW_END, day(10));
    expect(permit.auditFindings).toHaveLength(1);
    const version = permit.version;

    const again = permit.recordAuditFindings([finding()], WINDOW_END, day(11));

    expect(again).toEqual({ recorded: 0, madeTransferable: false });
    expect(permit.version).toBe(version);
    expect(permit.recordAuditFindings([finding({ taskId: 'task_2' })], WINDOW_END, day(11)).recorded).toBe(1);
  });

  it('survives its snapshot, and keeps only the latest findings', () => {
    const permit = aPermit().build();
    for (let i = 0; i < MAX_REMEMBERED_AUDIT_FINDINGS + 3; i++) {
      permit.recordAuditFindings([finding({ taskId: `task_${i}` })], WINDOW_END, day(10));
    }
    const restored = Permit.fromSnapshot(permit.toSnapshot());

    expect(restored.auditFindings).toHaveLength(MAX_REMEMBERED_AUDIT_FINDINGS);
    expect(restored.auditFindings[0].taskId).toBe('task_3');
    expect(restored.auditFindings).toEqual(permit.auditFindings);
  });

  it('a snapshot stored before findings existed has none', () => {
    const { auditFindings: _none, ...older } = aPermit().buildSnapshot();
    expect(Permit.fromSnapshot(older).auditFindings).toEqual([]);
  });

  it.each([
    ['a code that is not upper snake case', finding({ code: 'documents retained' }), 'finding.code'],
    ['an unknown severity', finding({ severity: 'HUGE' as never }), 'finding.severity'],
    ['a task id with an operator', finding({ taskId: '{"$ne":1}' }), 'finding.taskId'],
    [
      'a flag that is not a boolean',
      finding({ forcedLabourIndicator: 'yes' as never }),
      'finding.forcedLabourIndicator',
    ],
  ])('%s is refused with PERMIT.INVALID_DATA naming the field, and changes nothing', (_case, bad, field) => {
    const permit = aPermit().build();
    const version = permit.version;
    let error: unknown;
    try {
      permit.recordAuditFindings([bad], WINDOW_END, day(10));
    } catch (e) {
      error = e;
    }
    expect(PermitErrors.INVALID_DATA.is(error) || PermitErrors.INVALID_ID.is(error)).toBe(true);
    expect(JSON.stringify((error as { params?: unknown }).params ?? {})).toContain(field);
    expect(permit.version).toBe(version);
    expect(permit.recordedHistory.filter((e) => e.action === 'AUDIT_FINDING')).toEqual([]);
  });
});
