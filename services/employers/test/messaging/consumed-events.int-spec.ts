import type { IHeaders } from 'kafkajs';
import { headerText } from '@frontera/platform-messaging';
import { randomUUID } from 'node:crypto';
import { Topics, type EventData, type EventEnvelope } from '@frontera/contracts';
import { aWorksite } from '@frontera/employers-domain/testing';
import { uniqueName, waitFor, type TopicReader } from '@frontera/platform-testing';
import type { EmployerResponse, WorksiteResponse } from '../../src/http/dto/employer.response';
import { EmployersTestApp } from '../support/employers-test-app';
import { anEvent, readPublished } from '../support/kafka';
import { aCompanyIn, aWorksiteRequest } from '../support/requests';

jest.setTimeout(60_000);

type AuditData = EventData<'frontera.audit.outcome.recorded'>;
type Finding = AuditData['findings'][number];

const SERIOUS: Finding = {
  code: 'WAGE_BELOW_MINIMUM',
  severity: 'SERIOUS',
  workersAffected: 6,
  forcedLabourIndicator: false,
};
const FORCED_LABOUR: Finding = {
  code: 'DEBT_BONDAGE',
  severity: 'SERIOUS',
  workersAffected: 3,
  forcedLabourIndicator: true,
};

function anAuditOutcome(employerId: string, overrides: Partial<AuditData> = {}) {
  return anEvent({
    type: 'frontera.audit.outcome.recorded',
    subject: uniqueName('task'),
    correlationId: randomUUID(),
    data: {
      taskId: uniqueName('task'),
      employerId,
      kind: 'PERIODIC',
      outcome: 'VIOLATIONS',
      findings: [SERIOUS],
      completedAt: new Date().toISOString(),
      ...overrides,
    },
  });
}

describe('consumed events: audit outcomes, risk changes, permits', () => {
  let t: EmployersTestApp;
  let deadLetters: TopicReader<EventEnvelope>;

  beforeAll(async () => {
    t = await EmployersTestApp.start();
    deadLetters = await readPublished(t.kafka, t.admin, [
      `${Topics.auditTask.name}.dlq`,
      `${Topics.permit.name}.dlq`,
    ]);
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await t?.close();
  });

  /** Dead letters of this file's app (a service running elsewhere consumes the same catalogue topics). */
  function ofThisApp(record: { headers: IHeaders }): boolean {
    return headerText(record.headers, 'dlq-group')?.startsWith(t.config.KAFKA_CONSUMER_GROUP_PREFIX) ?? false;
  }

  async function read(id: string): Promise<EmployerResponse> {
    return (
      await t.http
        .get(`/employers/${id}`)
        .set('Authorization', await t.callers.officer('CHP'))
        .expect(200)
    ).body as EmployerResponse;
  }

  it('serious findings rate the employer B (no new permits) and publish employer.rating.changed caused by the audit event', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const outcome = anAuditOutcome(employer.id);

    await t.feeder.publish(outcome, employer.id);

    const [changed] = await t.events.waitFor(employer.id, 'frontera.employer.rating.changed');
    expect(changed.event).toMatchObject({
      correlationid: outcome.correlationid,
      causationid: outcome.id,
      data: { employerId: employer.id, from: 'A', to: 'B', auditId: outcome.data.taskId },
    });
    const stored = await read(employer.id);
    expect(stored).toMatchObject({ rating: 'B', status: 'ACTIVE', canReceivePermits: false });
    expect(stored.audits).toEqual([
      expect.objectContaining({
        auditId: outcome.data.taskId,
        classification: 'SERIOUS',
        effects: ['RATED_B'],
      }),
    ]);
  });

  it('is idempotent: the same audit event twice changes the rating once and publishes one event', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const serious = anAuditOutcome(employer.id);
    const reAudit = anAuditOutcome(employer.id, { kind: 'FOLLOW_UP', outcome: 'COMPLIANT', findings: [] });

    await t.feeder.publish(serious, employer.id);
    await t.feeder.publish(serious, employer.id); // redelivered
    await t.feeder.publish(reAudit, employer.id); // same key, same partition: handled after the duplicate

    await t.events.waitFor(employer.id, 'frontera.employer.rating.changed', 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.events.about(employer.id, 'frontera.employer.rating.changed').map((r) => r.event.data)).toEqual([
      expect.objectContaining({ from: 'A', to: 'B' }),
      expect.objectContaining({ from: 'B', to: 'A' }),
    ]);
    const stored = await read(employer.id);
    expect(stored.rating).toBe('A');
    expect(stored.audits.map((a) => a.auditId)).toEqual([serious.data.taskId, reAudit.data.taskId]);
    // (Not its version: while other tests run, the audits service's test apps read this employer's
    // verification on the shared topics and publish risk changes that this app applies too.)
    expect(await t.connection.collection('processed_events').countDocuments({ eventId: serious.id })).toBe(1);
  });

  it('a redelivery after a crash between the write and the inbox mark changes nothing (the employer remembers the event id)', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const serious = anAuditOutcome(employer.id);
    await t.feeder.publish(serious, employer.id);
    await t.events.waitFor(employer.id, 'frontera.employer.rating.changed');
    await waitFor(
      async () =>
        (await t.connection.collection('processed_events').countDocuments({ eventId: serious.id })) === 1,
      'the inbox mark',
    );

    // As if the process had died before marking the inbox: the consumer will run the handler again.
    await t.connection.collection('processed_events').deleteMany({ eventId: serious.id });
    await t.feeder.publish(serious, employer.id);
    await waitFor(
      async () =>
        (await t.connection.collection('processed_events').countDocuments({ eventId: serious.id })) === 1,
      'the second handling',
    );

    // Applied once. (Other event ids may be there: the audits service's test apps, running at the same
    // time on the shared topics, publish risk changes for this employer.)
    const applied = ((await t.rawEmployer(employer.id))?.['appliedEvents'] ?? []) as string[];
    expect(applied.filter((id) => id === serious.id)).toEqual([serious.id]);
    expect(t.events.about(employer.id, 'frontera.employer.rating.changed')).toHaveLength(1);
  });

  it('forced-labour indicators suspend the employer pending officer review and publish employer.suspended with cause CRITICAL_FINDINGS', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const critical = anAuditOutcome(employer.id, { kind: 'COMPLAINT', findings: [FORCED_LABOUR] });

    await t.feeder.publish(critical, employer.id);

    const [suspended] = await t.events.waitFor(employer.id, 'frontera.employer.suspended');
    expect(suspended.event.data).toEqual({
      employerId: employer.id,
      cause: 'CRITICAL_FINDINGS',
      reason: expect.stringContaining('DEBT_BONDAGE'),
      auditId: critical.data.taskId,
    });
    expect(suspended.event.causationid).toBe(critical.id);
    const stored = await read(employer.id);
    expect(stored).toMatchObject({
      status: 'SUSPENDED',
      rating: 'B',
      suspension: { cause: 'CRITICAL_FINDINGS', auditIds: [critical.data.taskId] },
      allowedActions: expect.arrayContaining(['REINSTATE']),
    });
  });

  it('a malformed audit event goes to the dead-letter topic and does not block the next one', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const broken = { ...anAuditOutcome(employer.id), data: { employerId: employer.id, severity: 'very' } };

    await t.feeder.publishRaw(Topics.auditTask.name, employer.id, JSON.stringify(broken));
    await t.feeder.publishRaw(Topics.auditTask.name, employer.id, 'not json at all');
    await t.feeder.publish(anAuditOutcome(employer.id), employer.id);

    await t.events.waitFor(employer.id, 'frontera.employer.rating.changed');
    const dead = await waitFor(() => {
      const mine = deadLetters.messages.filter((r) => r.key === employer.id && ofThisApp(r));
      return mine.length >= 2 && mine;
    }, 'two dead letters');
    expect(dead.map((d) => d.headers['dlq-reason']?.toString())).toEqual([
      'contract-violation',
      'contract-violation',
    ]);
    expect(dead[0].headers['dlq-consumer']?.toString()).toBe('employers-audit-outcomes');
    expect((await read(employer.id)).rating).toBe('B');
  });

  it('an outcome for an employer this service does not know is dead-lettered at once (not retried) and the next one is handled', async () => {
    const unknown = uniqueName('org-unknown');
    const employer = await t.active(aCompanyIn('CHP'));

    await t.feeder.publish(anAuditOutcome(unknown), employer.id); // same partition as the next one
    await t.feeder.publish(anAuditOutcome(employer.id), employer.id);

    await t.events.waitFor(employer.id, 'frontera.employer.rating.changed');
    const [dead] = await waitFor(() => {
      const mine = deadLetters.messages.filter(
        (r) => (r.event?.data as { employerId?: string } | undefined)?.employerId === unknown && ofThisApp(r),
      );
      return mine.length > 0 && mine;
    }, 'the dead letter of the unknown employer');
    expect(dead.headers['dlq-reason']?.toString()).toBe('non-retriable');
    expect(dead.headers['dlq-error']?.toString()).toContain('EMPLOYER.NOT_FOUND');
  });

  it('risk changes are kept for officers (the latest one), and publish nothing', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const risk = (score: number, computedAt: Date) =>
      anEvent({
        type: 'frontera.audit.risk.changed',
        subject: employer.id,
        correlationId: randomUUID(),
        data: {
          employerId: employer.id,
          score,
          tier: score >= 70 ? 'HIGH' : 'MEDIUM',
          factors: [
            { factor: 'HEADCOUNT_SPIKE', points: score, explanation: 'La plantilla se duplicó en un mes' },
          ],
          computedAt: computedAt.toISOString(),
        },
      });
    const latest = risk(72, new Date());

    await t.feeder.publish(latest, employer.id);
    await t.feeder.publish(latest, employer.id);
    await t.feeder.publish(risk(10, new Date(Date.now() - 86_400_000)), employer.id); // an older computation

    const stored = await waitFor(async () => {
      const r = await read(employer.id);
      return r.risk !== null && r.risk !== undefined && r;
    }, 'the risk assessment');
    await waitFor(
      async () =>
        (await t.connection
          .collection('processed_events')
          .countDocuments({ consumer: 'employers-risk', eventId: { $ne: latest.id } })) > 0,
      'the older computation handled',
    );
    expect((await read(employer.id)).risk).toMatchObject({
      score: 72,
      tier: 'HIGH',
      factors: [{ factor: 'HEADCOUNT_SPIKE' }],
    });
    expect(stored.version).toBe(3);
    expect((await read(employer.id)).version).toBe(3);
    const own = await t.http
      .get(`/employers/${employer.id}`)
      .set('Authorization', await t.callers.employer(employer.id))
      .expect(200);
    expect(own.body).not.toHaveProperty('risk');
  });

  it('permits issued and ended keep the worksite headcount, compared with its declared capacity', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const staff = await t.callers.employer(employer.id);
    const site = (
      await t.http
        .post(`/employers/${employer.id}/worksites`)
        .set('Authorization', staff)
        .send(aWorksiteRequest(aWorksite().withCapacity(2)))
        .expect(201)
    ).body as WorksiteResponse;
    const permit = (
      type:
        | 'frontera.permit.issued'
        | 'frontera.permit.ended'
        | 'frontera.permit.expired'
        | 'frontera.permit.revoked',
      permitId: string,
    ) => {
      const common = { permitId, workerId: uniqueName('wk'), employerId: employer.id, worksiteId: site.id };
      return type === 'frontera.permit.issued'
        ? anEvent({
            type,
            subject: permitId,
            correlationId: randomUUID(),
            data: {
              ...common,
              permitNumber: 'TVTF-CHP-000123-K',
              state: 'CHP',
              occupation: 'cortador de café',
              validFrom: '2025-01-01T00:00:00Z',
              validUntil: '2026-01-01T00:00:00Z',
            },
          })
        : anEvent({ type, subject: permitId, correlationId: randomUUID(), data: common });
    };
    const issued = ['p-1', 'p-2', 'p-3'].map((p) => permit('frontera.permit.issued', `${p}-${site.id}`));

    for (const event of [...issued, issued[0], permit('frontera.permit.revoked', `p-2-${site.id}`)]) {
      await t.feeder.publish(event, employer.id);
    }

    // Count first, then read: a read taken before the last event was applied must not pass.
    const worksite = await waitFor(async () => {
      const handled = await t.connection
        .collection('processed_events')
        .countDocuments({ consumer: 'employers-permits' });
      if (handled < 4) return false;
      const sites = (
        await t.http.get(`/employers/${employer.id}/worksites`).set('Authorization', staff).expect(200)
      ).body as WorksiteResponse[];
      return sites[0];
    }, 'the permit events handled');
    expect(worksite).toMatchObject({ headcount: 2, capacity: 2, overCapacity: false, remainingCapacity: 0 });

    await t.feeder.publish(permit('frontera.permit.issued', `p-4-${site.id}`), employer.id);
    const over = await waitFor(async () => {
      const sites = (
        await t.http.get(`/employers/${employer.id}/worksites`).set('Authorization', staff).expect(200)
      ).body as WorksiteResponse[];
      return sites[0].headcount === 3 && sites[0];
    }, 'headcount 3');
    expect(over.overCapacity).toBe(true);
  });
});
