import { waitFor } from '@frontera/platform-testing';
import { REFERRALS_COLLECTION } from '../../src/persistence/audits.schemas';
import { historyOf, startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';
import { aSweptTask } from '../support/tasks';

jest.setTimeout(120_000);

interface ReferralView {
  id: string;
  agency: string;
  sourceId: string;
  status: string;
  acknowledgementDueAt: string;
}

/**
 * Referrals on the real servers: a REFERRAL audit refers its case to FEVIMTRA and victim services at
 * once (from the service's own outcome event, once), supervisors of the state record the agencies'
 * acknowledgement and outcome, and an unacknowledged referral escalates once its deadline passes.
 */
describe('referrals (real Kafka, FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 13 });
  });

  afterEach(() => h.clock.reset());

  afterAll(async () => {
    await h?.close();
  });

  const escalationsOf = async (referralId: string) =>
    (await historyOf(h, 'referral', referralId)).filter((e) => e.action === 'ESCALATE').length;

  /** A completed audit with a forced-labour indicator; waits for its referrals. */
  async function aReferredAudit(): Promise<{ taskId: string; referrals: ReferralView[] }> {
    const { taskId, inspectorId } = await aSweptTask(h);
    const inspector = await h.as.inspector(inspectorId as string, 'CHP');
    await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send({ code: 'DEBT_BONDAGE', workersAffected: 5 })
      .expect(201);
    await h.t.http.post(`/tasks/${taskId}/completion`).set('Authorization', inspector).send({}).expect(200);
    const supervisor = await h.as.supervisor('CHP');
    const referrals = await waitFor(async () => {
      const listed = await h.t.http.get('/referrals').set('Authorization', supervisor).expect(200);
      const mine = (listed.body.items as ReferralView[]).filter((r) => r.sourceId === taskId);
      return mine.length === 2 ? mine : undefined;
    }, `the referrals of ${taskId}`);
    return { taskId, referrals };
  }

  it('a REFERRAL audit refers the case to FEVIMTRA and victim services, once; supervisors record acknowledgement and outcome', async () => {
    const { taskId, referrals } = await aReferredAudit();
    expect(referrals.map((r) => r.agency).sort()).toEqual(['FEDERAL_PROSECUTOR', 'VICTIM_SERVICES']);
    const fevimtra = referrals.find((r) => r.agency === 'FEDERAL_PROSECUTOR') as ReferralView;
    const [created] = await h.t.events.waitFor(fevimtra.id, 'frontera.audit.referral.created');
    expect(created?.event.data).toMatchObject({
      referralId: fevimtra.id,
      taskId,
      sourceType: 'AUDIT',
      agency: 'FEDERAL_PROSECUTOR',
      state: 'CHP',
      indicators: ['DEBT_BONDAGE'],
    });
    const supervisor = await h.as.supervisor('CHP');

    const acknowledged = await h.t.http
      .post(`/referrals/${fevimtra.id}/acknowledgement`)
      .set('Authorization', supervisor)
      .send({ agencyReference: 'FEVIMTRA/CHP/2026/0042' })
      .expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedAt: expect.any(String) });
    const again = await h.t.http
      .post(`/referrals/${fevimtra.id}/acknowledgement`)
      .set('Authorization', supervisor)
      .send({})
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'REFERRAL.TRANSITION_NOT_ALLOWED',
      currentState: 'ACKNOWLEDGED',
      allowedActions: ['CLOSE'],
    });
    const elsewhere = await h.t.http
      .post(`/referrals/${fevimtra.id}/closure`)
      .set('Authorization', await h.as.supervisor('TAB'))
      .send({ outcome: 'CASE_OPENED' })
      .expect(404);
    expect(elsewhere.body.code).toBe('REFERRAL.NOT_FOUND');
    const badOutcome = await h.t.http
      .post(`/referrals/${fevimtra.id}/closure`)
      .set('Authorization', supervisor)
      .send({ outcome: 'SOLVED' })
      .expect(400);
    expect(badOutcome.body.code).toBe('VALIDATION.FAILED');

    const closed = await h.t.http
      .post(`/referrals/${fevimtra.id}/closure`)
      .set('Authorization', supervisor)
      .send({ outcome: 'CASE_OPENED', victimsAssisted: 5 })
      .expect(200);

    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'CASE_OPENED', victimsAssisted: 5 });
    const [closedEvent] = await h.t.events.waitFor(fevimtra.id, 'frontera.audit.referral.closed');
    expect(closedEvent?.event.data).toMatchObject({
      outcome: 'CASE_OPENED',
      victimsAssisted: 5,
      state: 'CHP',
    });
    expect(
      await h.t.connection.collection(REFERRALS_COLLECTION).countDocuments({ 'record.source.id': taskId }),
    ).toBe(2);
  });

  it('an unacknowledged referral escalates once its deadline passes, once', async () => {
    const { referrals } = await aReferredAudit();
    const victims = referrals.find((r) => r.agency === 'VICTIM_SERVICES') as ReferralView;
    const due = Date.parse(victims.acknowledgementDueAt);
    h.clock.shiftDays(Math.ceil((due - Date.now()) / 86_400_000) - 1);
    expect(h.clock.now().getTime()).toBeLessThan(due);
    expect((await h.sweep()).failed).toBe(0);
    expect(await escalationsOf(victims.id)).toBe(0);

    h.clock.shiftDays(Math.ceil((due - Date.now()) / 86_400_000) + 1);
    const swept = await h.sweep();

    expect(swept.referralsEscalated).toBeGreaterThanOrEqual(1);
    const [overdue] = await h.t.events.waitFor(victims.id, 'frontera.audit.referral.overdue');
    expect(overdue?.event.data).toMatchObject({
      referralId: victims.id,
      agency: 'VICTIM_SERVICES',
      state: 'CHP',
    });
    await h.sweep();
    // Counted in this app's database (other test apps on the shared topics may plan the same employer).
    expect(await escalationsOf(victims.id)).toBe(1);
    const stored = await h.t.raw(REFERRALS_COLLECTION, victims.id);
    expect(stored).toMatchObject({ status: 'AWAITING_ACKNOWLEDGEMENT', escalatesOn: null });
  });
});
