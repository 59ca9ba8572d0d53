import { randomUUID } from 'node:crypto';
import { createEvent, type EventData } from '@frontera/contracts';
import { INBOX_COLLECTION, inboxId } from '@frontera/platform-messaging';
import { uniqueName, waitFor } from '@frontera/platform-testing';
import { CONSUMERS } from '../../src/messaging/permits-event.consumers';
import { anIssuedPermit, verificationEntry, type IssuedPermit } from '../support/issued-permits';
import { storedPermit } from '../support/permit-lifecycle';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(180_000);

type Findings = EventData<'frontera.audit.outcome.recorded'>['findings'];

const UNKNOWN_METRIC = 'permits_audit_outcome_unknown_permits_total';

/**
 * The consumer of audit outcomes (`permits-audit-outcomes`, frontera.audits.task.v1): real outcome
 * events on Kafka whose finding summaries name permits issued in the test are recorded against
 * those permits — seen by officers, never by the employer or the public — a forced-labour finding
 * makes the worker's permit transferable, the same event twice changes nothing, and an unknown
 * permit id is skipped without failing the others.
 */
describe('audit outcomes recorded against the permits they name (real Kafka, FerretDB, Redis)', () => {
  let t: PermitsTestApp;
  let employer: GivenEmployer;
  let forced: IssuedPermit;
  let other: IssuedPermit;
  let outcome: ReturnType<typeof outcomeEvent>;
  let unknownBefore: number;
  const taskId = uniqueName('task');

  function outcomeEvent(findings: Findings, task = taskId) {
    return createEvent({
      type: 'frontera.audit.outcome.recorded',
      subject: task,
      correlationId: randomUUID(),
      data: {
        taskId: task,
        employerId: employer.employerId,
        kind: 'PERIODIC',
        outcome: 'VIOLATIONS',
        findings,
        completedAt: new Date().toISOString(),
        worksiteId: employer.worksiteId,
        state: employer.state,
      },
    });
  }

  const inbox = () => t.connection.collection(INBOX_COLLECTION);

  async function consumed(eventId: string): Promise<void> {
    await waitFor(
      async () =>
        (await inbox().findOne({ _id: inboxId(CONSUMERS.auditOutcomes, eventId) } as never)) ?? undefined,
      `outcome ${eventId} consumed`,
    );
  }

  async function publish(event: ReturnType<typeof outcomeEvent>): Promise<void> {
    await t.feeder.publish(event as never, employer.employerId);
  }

  async function unknownPermitsCounted(): Promise<number> {
    const metrics = await t.http.get('/metrics').expect(200);
    const line = (metrics.text as string).split('\n').find((l) => l.startsWith(`${UNKNOWN_METRIC} `));
    return line ? Number(line.split(' ')[1]) : 0;
  }

  async function view(permitId: string, as: 'officer' | 'employer') {
    const authorization =
      as === 'officer'
        ? await t.callers.officer(employer.state)
        : await t.callers.employer(employer.employerId);
    const [permit, history] = await Promise.all([
      t.http.get(`/permits/${permitId}`).set('Authorization', authorization).expect(200),
      t.http.get(`/permits/${permitId}/history`).set('Authorization', authorization).expect(200),
    ]);
    return {
      permit: permit.body as Record<string, unknown> & {
        auditFindings: Record<string, unknown>[];
        transferable: { cause: string } | null;
      },
      history: (history.body as { entries: Record<string, unknown>[] }).entries,
    };
  }

  beforeAll(async () => {
    t = await startPermitsApp();
    employer = await anActiveEmployer(t);
    forced = await anIssuedPermit(t, employer);
    other = await anIssuedPermit(t, employer);
    unknownBefore = await unknownPermitsCounted();
    outcome = outcomeEvent([
      {
        code: 'DOCUMENTS_RETAINED',
        severity: 'CRITICAL',
        workersAffected: 1,
        forcedLabourIndicator: true,
        permitIds: [forced.id],
      },
      {
        code: 'NO_WRITTEN_CONTRACT',
        severity: 'MINOR',
        workersAffected: 3,
        forcedLabourIndicator: false,
        // One id no permit of this service has: skipped and counted, the others recorded.
        permitIds: [forced.id, 'pmt_not_held_here', other.id],
      },
      { code: 'UNSAFE_HOUSING', severity: 'SERIOUS', workersAffected: 0, forcedLabourIndicator: false },
    ]);
    await publish(outcome);
    await consumed(outcome.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('officers see each finding in the permit view and its history: code, severity, forced-labour flag, task', async () => {
    const { permit, history } = await view(forced.id, 'officer');

    expect(permit.auditFindings).toEqual([
      expect.objectContaining({
        taskId,
        code: 'DOCUMENTS_RETAINED',
        severity: 'CRITICAL',
        forcedLabourIndicator: true,
      }),
      expect.objectContaining({
        taskId,
        code: 'NO_WRITTEN_CONTRACT',
        severity: 'MINOR',
        forcedLabourIndicator: false,
      }),
    ]);
    const findings = history.filter((e) => e['action'] === 'AUDIT_FINDING');
    expect(findings.map((e) => [e['field'], e['to'], e['relatedId']])).toEqual([
      ['auditFinding.code', 'DOCUMENTS_RETAINED', taskId],
      ['auditFinding.severity', 'CRITICAL', taskId],
      ['auditFinding.forcedLabourIndicator', 'true', taskId],
      ['auditFinding.code', 'NO_WRITTEN_CONTRACT', taskId],
      ['auditFinding.severity', 'MINOR', taskId],
      ['auditFinding.forcedLabourIndicator', 'false', taskId],
    ]);
    expect(findings.every((e) => (e['actor'] as { role: string }).role === 'system')).toBe(true);
  });

  it('the forced-labour worker’s permit stays valid and becomes transferable (FORCED_LABOUR_INDICATOR); the other permit only records its finding', async () => {
    const forcedView = await view(forced.id, 'officer');
    const otherView = await view(other.id, 'officer');

    expect(forcedView.permit).toMatchObject({
      status: 'ACTIVE',
      transferable: { cause: 'FORCED_LABOUR_INDICATOR' },
    });
    expect(otherView.permit.transferable).toBeNull();
    expect(otherView.permit.auditFindings.map((f) => f['code'])).toEqual(['NO_WRITTEN_CONTRACT']);
    const [made] = await t.events.waitFor(forced.id, 'frontera.permit.transferable');
    expect(made?.event.data).toMatchObject({ permitId: forced.id, cause: 'FORCED_LABOUR_INDICATOR' });
  });

  it('the employer sees neither the findings nor the transfer window a forced-labour finding opened', async () => {
    const { permit, history } = await view(forced.id, 'employer');

    expect(permit.auditFindings).toEqual([]);
    expect(permit.transferable).toBeNull();
    expect(history.some((e) => e['action'] === 'AUDIT_FINDING')).toBe(false);
    expect(JSON.stringify(history)).not.toContain('FORCED_LABOUR');
    expect(history.some((e) => e['action'] === 'ISSUE')).toBe(true);
  });

  it('public verification shows none of it: the same five fields, still valid', async () => {
    await verificationEntry(t, forced.id, (entry) => entry !== null);

    const response = await t.http.get(`/verify/${forced.token}`).expect(200);

    expect(Object.keys(response.body).sort()).toEqual([
      'employerName',
      'lastValidDay',
      'status',
      'valid',
      'workerInitials',
    ]);
    expect(response.body).toMatchObject({ valid: true, status: 'ACTIVE' });
    expect(JSON.stringify(response.body)).not.toMatch(/DOCUMENTS_RETAINED|FORCED|task/);
  });

  it('an unknown permit id is skipped and counted, not failed: the batch went on (no dead letter)', async () => {
    expect(await unknownPermitsCounted()).toBe(unknownBefore + 1);
    expect((await storedPermit(t, other.id))['appliedEvents']).toContain(outcome.id);
  });

  it('the same event twice changes nothing: a plain redelivery, and one the inbox has forgotten', async () => {
    const before = await Promise.all([storedPermit(t, forced.id), storedPermit(t, other.id)]);
    const versions = before.map((d) => d['version']);

    // A plain redelivery (the inbox skips it), then a sentinel outcome on the same partition.
    await publish(outcome);
    const sentinel = outcomeEvent(
      [{ code: 'NO_WRITTEN_CONTRACT', severity: 'MINOR', workersAffected: 0, forcedLabourIndicator: false }],
      uniqueName('task'),
    );
    await publish(sentinel);
    await consumed(sentinel.id);
    // A redelivery after its inbox record is gone: the permits' own applied marks hold.
    const removed = await inbox().deleteOne({ _id: inboxId(CONSUMERS.auditOutcomes, outcome.id) } as never);
    expect(removed.deletedCount).toBe(1);
    await publish(outcome);
    await consumed(outcome.id);

    const after = await Promise.all([storedPermit(t, forced.id), storedPermit(t, other.id)]);
    expect(after.map((d) => d['version'])).toEqual(versions);
    const officer = await view(forced.id, 'officer');
    expect(officer.permit.auditFindings).toHaveLength(2);
    expect(officer.history.filter((e) => e['action'] === 'AUDIT_FINDING')).toHaveLength(6);
  });

  it('a later outcome of another task records its findings too; a forced-labour finding on an already transferable permit keeps its window', async () => {
    const before = (await view(forced.id, 'officer')).permit.transferable as unknown as { until: string };
    const later = outcomeEvent(
      [
        {
          code: 'WAGES_WITHHELD',
          severity: 'CRITICAL',
          workersAffected: 1,
          forcedLabourIndicator: true,
          permitIds: [forced.id],
        },
      ],
      uniqueName('task'),
    );

    await publish(later);
    await consumed(later.id);

    const { permit } = await view(forced.id, 'officer');
    expect(permit.auditFindings.map((f) => f['code'])).toEqual([
      'DOCUMENTS_RETAINED',
      'NO_WRITTEN_CONTRACT',
      'WAGES_WITHHELD',
    ]);
    expect((permit.transferable as unknown as { until: string }).until >= before.until).toBe(true);
  });
});
