import { createEvent } from '@frontera/contracts';
import type { Permit } from '@frontera/permits-domain';
import { aPermit } from '@frontera/permits-domain/testing';
import { callers, PermitsWorld } from '../../testing/permits-world';
import { GetPermitHistoryHandler } from '../queries/scoped-reads';
import {
  auditOutcomeFrom,
  RecordAuditOutcomeHandler,
  type AuditOutcomeEvent,
} from './record-audit-outcome.handler';

function outcomeEvent(findings: AuditOutcomeEvent['data']['findings'], taskId = 'task_7'): AuditOutcomeEvent {
  return createEvent({
    type: 'frontera.audit.outcome.recorded',
    subject: taskId,
    correlationId: 'corr-1',
    data: {
      taskId,
      employerId: 'emp-1',
      kind: 'PERIODIC',
      outcome: 'VIOLATIONS',
      findings,
      completedAt: '2026-03-05T12:00:00.000Z',
    },
  }) as AuditOutcomeEvent;
}

function setUp() {
  const world = new PermitsWorld();
  const handler = new RecordAuditOutcomeHandler({ ...world, transferWindowDays: 90 });
  const [a, b] = world.permits.given(
    aPermit().forEmployer('emp-1').build(),
    aPermit().forEmployer('emp-1').withRandomPart('ZZZZZZZZ').build(),
  ) as [Permit, Permit];
  return { world, handler, a, b };
}

describe('auditOutcomeFrom', () => {
  it('groups the findings that name permits by permit; summaries without permit ids concern none', () => {
    const event = outcomeEvent([
      {
        code: 'DOCUMENTS_RETAINED',
        severity: 'SERIOUS',
        workersAffected: 2,
        forcedLabourIndicator: true,
        permitIds: ['p1', 'p2'],
      },
      {
        code: 'NO_CONTRACT',
        severity: 'MINOR',
        workersAffected: 1,
        forcedLabourIndicator: false,
        permitIds: ['p1', 'p1'],
      },
      { code: 'UNSAFE_HOUSING', severity: 'CRITICAL', workersAffected: 0, forcedLabourIndicator: false },
    ]);

    const facts = auditOutcomeFrom(event);

    expect(facts.taskId).toBe('task_7');
    expect([...facts.findingsByPermit.keys()]).toEqual(['p1', 'p2']);
    expect(facts.findingsByPermit.get('p1')?.map((f) => f.code)).toEqual([
      'DOCUMENTS_RETAINED',
      'NO_CONTRACT',
    ]);
    expect(facts.findingsByPermit.get('p2')).toEqual([
      { taskId: 'task_7', code: 'DOCUMENTS_RETAINED', severity: 'SERIOUS', forcedLabourIndicator: true },
    ]);
  });
});

describe('RecordAuditOutcomeHandler', () => {
  it('records the findings against each permit named, makes the forced-labour worker’s permit transferable, and skips unknown permits counting them', async () => {
    const { world, handler, a, b } = setUp();
    const event = outcomeEvent([
      {
        code: 'FORCED_LABOUR',
        severity: 'CRITICAL',
        workersAffected: 1,
        forcedLabourIndicator: true,
        permitIds: [a.id],
      },
      {
        code: 'NO_CONTRACT',
        severity: 'MINOR',
        workersAffected: 3,
        forcedLabourIndicator: false,
        permitIds: [a.id, b.id, 'pmt_elsewhere'],
      },
    ]);

    const result = await handler.execute(auditOutcomeFrom(event), {
      eventId: event.id,
      correlationId: 'corr-1',
    });

    expect(result).toEqual({ recorded: 2, madeTransferable: 1, unknownPermits: 1, unchanged: 0 });
    const storedA = world.permits.stored(a.id) as Permit;
    const storedB = world.permits.stored(b.id) as Permit;
    expect(storedA.auditFindings.map((f) => f.code)).toEqual(['FORCED_LABOUR', 'NO_CONTRACT']);
    expect(storedA.transferable?.cause).toBe('FORCED_LABOUR_INDICATOR');
    expect(storedB.auditFindings.map((f) => f.code)).toEqual(['NO_CONTRACT']);
    expect(storedB.transferable).toBeNull();
  });

  it('the same event twice changes nothing the second time', async () => {
    const { world, handler, a } = setUp();
    const event = outcomeEvent([
      {
        code: 'FORCED_LABOUR',
        severity: 'CRITICAL',
        workersAffected: 1,
        forcedLabourIndicator: true,
        permitIds: [a.id],
      },
    ]);
    const metadata = { eventId: event.id, correlationId: 'corr-1' };
    await handler.execute(auditOutcomeFrom(event), metadata);
    const version = (world.permits.stored(a.id) as Permit).version;

    const again = await handler.execute(auditOutcomeFrom(event), metadata);

    expect(again).toEqual({ recorded: 0, madeTransferable: 0, unknownPermits: 0, unchanged: 1 });
    expect((world.permits.stored(a.id) as Permit).version).toBe(version);
  });

  it('the history shows the findings and the forced-labour window to officers and supervisors, never to the permit’s employer', async () => {
    const { world, handler, a } = setUp();
    const event = outcomeEvent([
      {
        code: 'FORCED_LABOUR',
        severity: 'CRITICAL',
        workersAffected: 1,
        forcedLabourIndicator: true,
        permitIds: [a.id],
      },
    ]);
    await handler.execute(auditOutcomeFrom(event), { eventId: event.id, correlationId: 'corr-1' });
    const history = new GetPermitHistoryHandler(world);
    const actions = async (caller: Parameters<GetPermitHistoryHandler['execute']>[1]) =>
      (await history.execute(a.id, caller)).map((e) => `${e.action}:${e.field}`);

    const officer = await actions(callers.officer(a.state));
    const supervisor = await actions(callers.supervisor(a.state));
    const employer = await actions(callers.employer('emp-1'));

    expect(officer).toEqual(
      expect.arrayContaining(['AUDIT_FINDING:auditFinding.code', 'MAKE_TRANSFERABLE:transferableUntil']),
    );
    expect(supervisor).toEqual(officer);
    expect(employer).toEqual(
      officer.filter((e) => !e.startsWith('AUDIT_FINDING') && !e.startsWith('MAKE_TRANSFERABLE')),
    );
    expect(employer.length).toBeGreaterThan(0);
  });
});
