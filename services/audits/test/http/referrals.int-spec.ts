import { RecordReferralStatisticsHandler, type ReferralStatisticsEvent } from '@frontera/audits-application';
import type { MexicanState } from '@frontera/shared-kernel';
import { waitFor } from '@frontera/platform-testing';
import {
  COMPLAINTS_COLLECTION,
  REFERRAL_STATISTICS_COLLECTION,
  REFERRALS_COLLECTION,
} from '../../src/persistence/audits.schemas';
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
  /** A place complaint in `state` (no employer: never triaged automatically); its id. */
  async function aComplaintIn(state: MexicanState, indicators = ['DEBT_BONDAGE']): Promise<string> {
    const filed = await h.t.http
      .post('/complaints')
      .send({
        place: 'Finca La Esperanza',
        state,
        description: 'Nos cobran una deuda que no termina',
        indicators,
      })
      .expect(201);
    const stored = await waitFor(
      async () =>
        (await h.t.connection
          .collection(COMPLAINTS_COLLECTION)
          .findOne({ receiptCode: (filed.body.receiptCode as string).replace(/-/g, '') })) ?? undefined,
      'the complaint stored',
    );
    return String(stored._id);
  }

  const referralsOf = (complaintId: string) =>
    h.t.connection.collection(REFERRALS_COLLECTION).countDocuments({ 'record.source.id': complaintId });

  it('a supervisor refers a complaint to an agency directly: the agency’s deadline, published, one referral per complaint and agency, escalated like any', async () => {
    const complaintId = await aComplaintIn('CHP');
    const supervisor = await h.as.supervisor('CHP');

    const created = await h.t.http
      .post(`/complaints/${complaintId}/referrals`)
      .set('Authorization', supervisor)
      .send({ agency: 'FEDERAL_PROSECUTOR', reason: 'Servidumbre por deudas; víctimas en el lugar' })
      .expect(201);

    expect(created.body).toMatchObject({
      agency: 'FEDERAL_PROSECUTOR',
      sourceType: 'COMPLAINT',
      sourceId: complaintId,
      employerId: null,
      state: 'CHP',
      indicators: ['DEBT_BONDAGE'],
      status: 'AWAITING_ACKNOWLEDGEMENT',
    });
    const referralId = created.body.id as string;
    // FEVIMTRA: 3 days, at the end of the program's day
    const dueInDays = (Date.parse(created.body.acknowledgementDueAt) - Date.now()) / 86_400_000;
    expect(dueInDays).toBeGreaterThan(2);
    expect(dueInDays).toBeLessThanOrEqual(4);
    const [event] = await h.t.events.waitFor(referralId, 'frontera.audit.referral.created');
    expect(event?.event.data).toMatchObject({
      referralId,
      complaintId,
      sourceType: 'COMPLAINT',
      state: 'CHP',
    });
    expect(event?.event.data).not.toHaveProperty('taskId');
    expect(JSON.stringify(event?.event.data)).not.toContain('Servidumbre');
    const history = await historyOf(h, 'referral', referralId);
    expect(history).toMatchObject([
      { action: 'CREATE', reason: 'Servidumbre por deudas; víctimas en el lugar' },
    ]);
    const complaint = await h.t.raw(COMPLAINTS_COLLECTION, complaintId);
    expect((complaint?.['record'] as { referralIds: string[] }).referralIds).toEqual([referralId]);

    // The same agency again: the same referral, nothing changed.
    const again = await h.t.http
      .post(`/complaints/${complaintId}/referrals`)
      .set('Authorization', supervisor)
      .send({ agency: 'FEDERAL_PROSECUTOR', reason: 'Otra vez' })
      .expect(201);
    expect(again.body.id).toBe(referralId);
    expect((await h.t.raw(COMPLAINTS_COLLECTION, complaintId))?.['version']).toBe(complaint?.['version']);
    expect(await referralsOf(complaintId)).toBe(1);
    // The same Idempotency-Key and body replays the first answer.
    const key = `key-${complaintId}`;
    const first = await h.t.http
      .post(`/complaints/${complaintId}/referrals`)
      .set('Authorization', supervisor)
      .set('Idempotency-Key', key)
      .send({ agency: 'VICTIM_SERVICES', reason: 'Atención a las víctimas' })
      .expect(201);
    const replay = await h.t.http
      .post(`/complaints/${complaintId}/referrals`)
      .set('Authorization', supervisor)
      .set('Idempotency-Key', key)
      .send({ agency: 'VICTIM_SERVICES', reason: 'Atención a las víctimas' })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    await h.t.http
      .post(`/complaints/${complaintId}/referrals`)
      .set('Authorization', supervisor)
      .set('Idempotency-Key', key)
      .send({ agency: 'LABOUR_AUTHORITY', reason: 'Atención a las víctimas' })
      .expect(422);
    expect(await referralsOf(complaintId)).toBe(2);

    // Unacknowledged past its deadline: escalated by the sweep, once.
    const due = Date.parse(created.body.acknowledgementDueAt);
    h.clock.shiftDays(Math.ceil((due - Date.now()) / 86_400_000) + 1);
    await h.sweep();
    await h.sweep();
    expect(await escalationsOf(referralId)).toBe(1);
    const [overdue] = await h.t.events.waitFor(referralId, 'frontera.audit.referral.overdue');
    expect(overdue?.event.data).toMatchObject({ referralId, agency: 'FEDERAL_PROSECUTOR', state: 'CHP' });
  });

  it('bad input is a 4xx problem and changes nothing; a dismissed complaint cannot be referred (409)', async () => {
    const complaintId = await aComplaintIn('CHP');
    const supervisor = await h.as.supervisor('CHP');
    const before = await h.t.raw(COMPLAINTS_COLLECTION, complaintId);
    const post = (body: object) =>
      h.t.http.post(`/complaints/${complaintId}/referrals`).set('Authorization', supervisor).send(body);

    for (const body of [
      { agency: 'INTERPOL', reason: 'x' },
      { agency: 'FEDERAL_PROSECUTOR' },
      { agency: 'FEDERAL_PROSECUTOR', reason: 'x'.repeat(2001) },
      { agency: 'FEDERAL_PROSECUTOR', reason: 'ok', extra: true },
      { agency: { $ne: null }, reason: 'ok' },
    ]) {
      const refused = await post(body).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('VALIDATION.FAILED');
    }
    const blank = await post({ agency: 'FEDERAL_PROSECUTOR', reason: '   ' }).expect(422);
    expect(blank.body.code).toBe('AUDIT.INVALID_REASON');
    const unknown = await h.t.http
      .post(`/complaints/cmp_nothere/referrals`)
      .set('Authorization', supervisor)
      .send({ agency: 'FEDERAL_PROSECUTOR', reason: 'ok' })
      .expect(404);
    expect(unknown.body.code).toBe('COMPLAINT.NOT_FOUND');
    expect((await h.t.raw(COMPLAINTS_COLLECTION, complaintId))?.['version']).toBe(before?.['version']);
    expect(await referralsOf(complaintId)).toBe(0);

    await h.t.http
      .post(`/complaints/${complaintId}/dismissal`)
      .set('Authorization', supervisor)
      .send({ reason: 'No es un empleador del programa' })
      .expect(200);
    const dismissed = await h.t.raw(COMPLAINTS_COLLECTION, complaintId);
    const refused = await post({ agency: 'STATE_PROSECUTOR', reason: 'Tarde' }).expect(409);
    expect(refused.body).toMatchObject({
      code: 'COMPLAINT.TRANSITION_NOT_ALLOWED',
      currentState: 'DISMISSED',
      action: 'RECORD_REFERRAL',
    });
    expect((await h.t.raw(COMPLAINTS_COLLECTION, complaintId))?.['version']).toBe(dismissed?.['version']);
    expect(await referralsOf(complaintId)).toBe(0);
  });

  it('referral statistics count by agency, state, outcome, indicator and milestone from the referral events, once per event; no person in them', async () => {
    // ZAC: a state no other test refers in, so the deltas are this test's own.
    const state: MexicanState = 'ZAC';
    const supervisor = await h.as.supervisor(state);
    const officer = await h.as.officer(state);
    const statistics = async (bearer: string, query = `?state=${state}`) =>
      (await h.t.http.get(`/referrals/statistics${query}`).set('Authorization', bearer).expect(200)).body;
    const before = await statistics(officer);
    const count = (body: { byOutcome: Record<string, number> }, outcome: string) =>
      body.byOutcome[outcome] ?? 0;

    const complaintId = await aComplaintIn(state, ['DEBT_BONDAGE', 'ISOLATION']);
    const refer = async (agency: string) =>
      (
        await h.t.http
          .post(`/complaints/${complaintId}/referrals`)
          .set('Authorization', supervisor)
          .send({ agency, reason: 'Riesgo para las víctimas' })
          .expect(201)
      ).body.id as string;
    const fevimtra = await refer('FEDERAL_PROSECUTOR');
    const victims = await refer('VICTIM_SERVICES');
    // Each event's deltas are applied one counter at a time: wait for the last of them.
    const opened = await waitFor(async () => {
      const body = await statistics(supervisor);
      return body.total === before.total + 2 &&
        body.byIndicator.ISOLATION === (before.byIndicator.ISOLATION ?? 0) + 2 &&
        body.byIndicator.DEBT_BONDAGE === (before.byIndicator.DEBT_BONDAGE ?? 0) + 2
        ? body
        : undefined;
    }, 'two more referrals counted');
    expect(count(opened, 'OPEN')).toBe(count(before, 'OPEN') + 2);
    expect(opened.states).toEqual([state]);
    expect(opened.byIndicator.DEBT_BONDAGE).toBe((before.byIndicator.DEBT_BONDAGE ?? 0) + 2);
    expect(opened.byIndicator.ISOLATION).toBe((before.byIndicator.ISOLATION ?? 0) + 2);
    expect(opened.cells).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ family: 'STATE', agency: 'VICTIM_SERVICES', state, status: 'OPEN' }),
      ]),
    );

    await h.t.http
      .post(`/referrals/${fevimtra}/acknowledgement`)
      .set('Authorization', supervisor)
      .send({})
      .expect(200);
    await h.t.http
      .post(`/referrals/${fevimtra}/closure`)
      .set('Authorization', supervisor)
      .send({ outcome: 'CASE_OPENED' })
      .expect(200);
    await h.t.http
      .post(`/referrals/${victims}/closure`)
      .set('Authorization', supervisor)
      .send({ outcome: 'VICTIMS_ASSISTED', victimsAssisted: 2 })
      .expect(200);
    // The final counts, every delta of every event applied (a partial state differs in one of them).
    const settled = (body: typeof before) =>
      body.total === before.total + 2 &&
      count(body, 'OPEN') === count(before, 'OPEN') &&
      count(body, 'CASE_OPENED') === count(before, 'CASE_OPENED') + 1 &&
      count(body, 'VICTIMS_ASSISTED') === count(before, 'VICTIMS_ASSISTED') + 1 &&
      body.byMilestone.ACKNOWLEDGED === (before.byMilestone.ACKNOWLEDGED ?? 0) + 2 &&
      body.byIndicator.DEBT_BONDAGE === (before.byIndicator.DEBT_BONDAGE ?? 0) + 2 &&
      body.byIndicator.ISOLATION === (before.byIndicator.ISOLATION ?? 0) + 2;
    const closed = await waitFor(async () => {
      const body = await statistics(supervisor);
      return settled(body) ? body : undefined;
    }, 'both referrals closed in the counts');
    expect(closed.total).toBe(before.total + 2);
    expect(count(closed, 'CASE_OPENED')).toBe(count(before, 'CASE_OPENED') + 1);
    expect(count(closed, 'VICTIMS_ASSISTED')).toBe(count(before, 'VICTIMS_ASSISTED') + 1);
    // acknowledged: one by its acknowledgement, one by its closure
    expect(closed.byMilestone.ACKNOWLEDGED).toBe((before.byMilestone.ACKNOWLEDGED ?? 0) + 2);
    expect(JSON.stringify(closed)).not.toMatch(/Finca|deuda|cmp_|ref_/);

    // A redelivered event changes nothing: applied to each counter once per event id.
    const [createdEvent] = await h.t.events.waitFor(fevimtra, 'frontera.audit.referral.created');
    const record = h.t.app.get(RecordReferralStatisticsHandler);
    expect(await record.execute(createdEvent?.event as ReferralStatisticsEvent)).toBe(0);
    expect(await statistics(supervisor)).toEqual(closed);
    // Other states' supervisors count none of these; every counter is read by its state.
    const elsewhere = await statistics(await h.as.supervisor('TAB'));
    expect(elsewhere.states).toEqual([]);
    expect(elsewhere.total).toBe(0);
    const stored = await h.t.connection
      .collection(REFERRAL_STATISTICS_COLLECTION)
      .find({ state }, { projection: { _id: 1, count: 1 } })
      .toArray();
    expect(stored.length).toBeGreaterThan(0);
  });
});
