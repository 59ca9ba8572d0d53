import { randomUUID } from 'node:crypto';
import { createEvent, type EventData, type EventType, type NewEvent } from '@frontera/contracts';
import { waitFor } from '@frontera/platform-testing';
import type { PermitResponse } from '../../src/http/dto/responses';
import { STANDINGS_COLLECTION, WORKERS_COLLECTION } from '../../src/persistence/permits.schemas';
import { CLOCK } from '../../src/wiring/tokens';
import { anIssuedPermit, storedPermit } from '../support/permit-lifecycle';
import {
  aNewApplication,
  anActiveEmployer,
  aWorker,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { ShiftedClock } from '../support/shifted-clock';

jest.setTimeout(180_000);

const DAY_MS = 24 * 3600 * 1000;
const TRANSFER_WINDOW_DAYS = 30;

function employerEvent<T extends EventType>(type: T, employerId: string, data: EventData<T>) {
  return createEvent({ type, subject: employerId, correlationId: randomUUID(), data } as NewEvent<T>);
}

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Victim-centred portability on the real servers: an employer suspended for critical findings or
 * deregistered (its events fed on Kafka as the employers service publishes them) leaves its workers'
 * permits ACTIVE and transferable; another employer takes the worker on with a TRANSFER application
 * (no new registration) and the old permit ends TRANSFERRED; an officer's suspension does not make
 * permits transferable; the window closes on the injected clock. And renewal near expiry.
 */
describe('portability: transfers and renewal (HTTP and employer events, real servers, shifted clock)', () => {
  const clock = new ShiftedClock();
  let t: PermitsTestApp;

  beforeAll(async () => {
    t = await startPermitsApp({
      env: { TRANSFER_WINDOW_DAYS: String(TRANSFER_WINDOW_DAYS) },
      overrides: [{ provide: CLOCK, useValue: clock }],
    });
  });

  afterEach(() => clock.reset());

  afterAll(async () => {
    await t?.close();
  });

  async function feed<T extends EventType>(type: T, employer: GivenEmployer, data: EventData<T>) {
    const event = employerEvent(type, employer.employerId, data);
    await t.feeder.publish(event, employer.employerId);
    // Applied when the standing remembers the event (same write as the change).
    await waitFor(async () => {
      const stored = await t.raw(STANDINGS_COLLECTION, employer.employerId);
      return ((stored?.['appliedEvents'] as string[] | undefined) ?? []).includes(event.id) || undefined;
    }, `${type} applied to ${employer.employerId}`);
    return event;
  }

  const suspendedForCriticalFindings = (employer: GivenEmployer) =>
    feed('frontera.employer.suspended', employer, {
      employerId: employer.employerId,
      cause: 'CRITICAL_FINDINGS',
      reason: 'Hallazgos críticos: retención de documentos',
      auditId: 'aud_critical_1',
    });

  async function permitAs(permitId: string, authorization: string): Promise<PermitResponse> {
    return (await t.http.get(`/permits/${permitId}`).set('Authorization', authorization).expect(200))
      .body as PermitResponse;
  }

  function aTransferApplication(to: GivenEmployer, fromPermitId: string, startDate?: string) {
    return {
      worksiteId: to.worksiteId,
      kind: 'TRANSFER',
      transferFromPermitId: fromPermitId,
      occupation: 'Empacador de mango',
      dailyWage: 350,
      startDate: startDate ?? day(new Date(clock.now().getTime() + 3 * DAY_MS)),
      noRecruitmentFeeDeclared: true,
    };
  }

  async function transfer(to: GivenEmployer, fromPermitId: string) {
    const workersBefore = await t.connection.collection(WORKERS_COLLECTION).countDocuments();
    const submitted = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(to.employerId))
      .send(aTransferApplication(to, fromPermitId))
      .expect(201);
    expect(submitted.body).toMatchObject({
      kind: 'TRANSFER',
      status: 'SUBMITTED',
      employerId: to.employerId,
      replacesPermitId: fromPermitId,
      workerRegistered: false,
    });
    // The worker was not registered again.
    expect(await t.connection.collection(WORKERS_COLLECTION).countDocuments()).toBe(workersBefore);
    const approval = await t.http
      .post(`/applications/${submitted.body.id as string}/approval`)
      .set('Authorization', await t.callers.officer(to.state))
      .send({ reason: 'Traslado de trabajador de un empleador sancionado' })
      .expect(200);
    return { submitted: submitted.body, permit: approval.body.permit as PermitResponse };
  }

  it('an employer suspended for critical findings: its workers’ permits stay ACTIVE and become transferable; another employer’s TRANSFER approval issues the new permit and the old one ends TRANSFERRED', async () => {
    const abusive = await anActiveEmployer(t);
    const other = await anActiveEmployer(t, { state: 'TAB' });
    const permit = await anIssuedPermit(t, abusive);
    const bystander = await anIssuedPermit(t, abusive);
    const suspendedAt = Date.now();

    await suspendedForCriticalFindings(abusive);

    const officer = await t.callers.officer(abusive.state);
    for (const held of [permit, bystander]) {
      const [made] = await t.events.waitFor(held.id, 'frontera.permit.transferable');
      expect(made?.event.data).toMatchObject({
        permitId: held.id,
        employerId: abusive.employerId,
        cause: 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS',
      });
      const seen = await permitAs(held.id, officer);
      expect(seen).toMatchObject({
        status: 'ACTIVE',
        transferable: { cause: 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS' },
      });
      const until = Date.parse(seen.transferable?.until ?? '');
      expect(until).toBeGreaterThanOrEqual(suspendedAt + TRANSFER_WINDOW_DAYS * DAY_MS - 60_000);
      expect(until).toBeLessThanOrEqual(Date.now() + TRANSFER_WINDOW_DAYS * DAY_MS + 60_000);
    }
    // The sanctioned employer may not apply any more.
    const refused = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(abusive.employerId))
      .send(aNewApplication(abusive))
      .expect(422);
    expect(refused.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
    expect(refused.body.failures.map((f: { code: string }) => f.code)).toContain('EMPLOYER_NOT_ACTIVE');

    const { submitted, permit: moved } = await transfer(other, permit.id);

    expect(moved).toMatchObject({
      status: 'ACTIVE',
      kind: 'TRANSFER',
      employerId: other.employerId,
      worksiteId: other.worksiteId,
      workerId: permit.workerId,
      state: 'TAB',
      transferredFromPermitId: permit.id,
      applicationId: submitted.id,
    });
    expect(moved.number).toMatch(/^TVTF-TAB-/);
    const old = await permitAs(permit.id, officer);
    expect(old).toMatchObject({
      status: 'ENDED',
      endReason: 'TRANSFERRED',
      transferredToPermitId: moved.id,
      allowedActions: [],
    });
    const [transferred] = await t.events.waitFor(permit.id, 'frontera.permit.transferred');
    expect(transferred?.event.data).toEqual({
      permitId: permit.id,
      newPermitId: moved.id,
      workerId: permit.workerId,
      fromEmployerId: abusive.employerId,
      toEmployerId: other.employerId,
    });
    const [ended] = await t.events.waitFor(permit.id, 'frontera.permit.ended');
    expect(ended?.event.data).toMatchObject({ cause: 'TRANSFERRED' });
    await t.events.waitFor(moved.id, 'frontera.permit.issued');
    const history = await t.http
      .get(`/permits/${permit.id}/history`)
      .set('Authorization', officer)
      .expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['ISSUE', 'MAKE_TRANSFERABLE', 'TRANSFER_OUT']),
    );
    // The approval event's consumer completed the transfer again without error (its inbox mark is
    // written only after the handler succeeded) and changed nothing.
    const [approved] = await t.events.waitFor(submitted.id, 'frontera.permit.application.approved');
    await waitFor(
      async () =>
        (await t.connection
          .collection('processed_events')
          .findOne({ _id: `permits-approvals:${approved?.event.id ?? ''}` } as never)) ?? undefined,
      'the approval event consumed',
    );
    expect((await storedPermit(t, permit.id))['version']).toBe(old.version);
    expect(t.events.about(permit.id, 'frontera.permit.transferred')).toHaveLength(1);
    // Each employer sees its own permit only: the old one stays the sanctioned employer's record.
    const oldStaff = await t.callers.employer(abusive.employerId);
    const newStaff = await t.callers.employer(other.employerId);
    expect((await permitAs(permit.id, oldStaff)).status).toBe('ENDED');
    await t.http.get(`/permits/${moved.id}`).set('Authorization', oldStaff).expect(404);
    await t.http.get(`/permits/${permit.id}`).set('Authorization', newStaff).expect(404);
    expect((await permitAs(moved.id, await t.callers.officer('TAB'))).employerId).toBe(other.employerId);
    // The other worker's permit is untouched by this transfer: still ACTIVE and transferable.
    expect((await permitAs(bystander.id, officer)).status).toBe('ACTIVE');
  });

  it('a deregistered employer likewise: permits transferable (EMPLOYER_DEREGISTERED), a transfer ends the old one TRANSFERRED', async () => {
    const gone = await anActiveEmployer(t);
    const other = await anActiveEmployer(t);
    const permit = await anIssuedPermit(t, gone);

    await feed('frontera.employer.deregistered', gone, {
      employerId: gone.employerId,
      reason: 'Baja del padrón por cierre',
      actorId: 'officer-1',
    });

    const [made] = await t.events.waitFor(permit.id, 'frontera.permit.transferable');
    expect(made?.event.data).toMatchObject({ cause: 'EMPLOYER_DEREGISTERED' });
    const officer = await t.callers.officer(gone.state);
    expect(await permitAs(permit.id, officer)).toMatchObject({
      status: 'ACTIVE',
      transferable: { cause: 'EMPLOYER_DEREGISTERED' },
    });

    const { permit: moved } = await transfer(other, permit.id);

    expect(moved).toMatchObject({ status: 'ACTIVE', employerId: other.employerId, kind: 'TRANSFER' });
    expect(await permitAs(permit.id, officer)).toMatchObject({
      status: 'ENDED',
      endReason: 'TRANSFERRED',
      transferredToPermitId: moved.id,
    });
    const [transferred] = await t.events.waitFor(permit.id, 'frontera.permit.transferred');
    expect(transferred?.event.data).toMatchObject({
      fromEmployerId: gone.employerId,
      toEmployerId: other.employerId,
    });
  });

  it('a suspension by an officer (not for abuse) does not make permits transferable, and a transfer is refused', async () => {
    const suspended = await anActiveEmployer(t);
    const other = await anActiveEmployer(t);
    const permit = await anIssuedPermit(t, suspended);
    const before = await storedPermit(t, permit.id);

    await feed('frontera.employer.suspended', suspended, {
      employerId: suspended.employerId,
      cause: 'OFFICER_DECISION',
      reason: 'Documentación vencida',
      actorId: 'officer-1',
    });

    const standing = await t.raw(STANDINGS_COLLECTION, suspended.employerId);
    expect(standing?.['standing']).toMatchObject({
      status: 'SUSPENDED',
      suspensionCause: 'OFFICER_DECISION',
    });
    const after = await storedPermit(t, permit.id);
    expect(after['version']).toBe(before['version']);
    expect(await permitAs(permit.id, await t.callers.officer(suspended.state))).toMatchObject({
      status: 'ACTIVE',
      transferable: null,
    });
    const workersBefore = await t.connection.collection(WORKERS_COLLECTION).countDocuments();
    const refused = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(other.employerId))
      .send(aTransferApplication(other, permit.id))
      .expect(422);
    expect(refused.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
    expect(refused.body.failures.map((f: { code: string }) => f.code)).toContain('PERMIT_NOT_TRANSFERABLE');
    expect(await t.connection.collection(WORKERS_COLLECTION).countDocuments()).toBe(workersBefore);
    // Nothing transferable was published for it (a later event of the same employer’s partition is read).
    const sentinel = await anIssuedPermit(t, other);
    await t.events.waitFor(sentinel.id, 'frontera.permit.issued');
    expect(t.events.about(permit.id, 'frontera.permit.transferable')).toHaveLength(0);
  });

  it('after the transferable window (shifted clock) a transfer is refused: at submission, and at approval of one submitted in time', async () => {
    const abusive = await anActiveEmployer(t);
    const other = await anActiveEmployer(t);
    const late = await anIssuedPermit(t, abusive);
    const pending = await anIssuedPermit(t, abusive);
    await suspendedForCriticalFindings(abusive);
    await t.events.waitFor(late.id, 'frontera.permit.transferable');
    await t.events.waitFor(pending.id, 'frontera.permit.transferable');
    const officer = await t.callers.officer(abusive.state);
    const until = (await permitAs(late.id, officer)).transferable?.until ?? '';
    const employerStaff = await t.callers.employer(other.employerId);
    // Submitted inside the window…
    const inTime = await t.http
      .post('/applications')
      .set('Authorization', employerStaff)
      .send(aTransferApplication(other, pending.id))
      .expect(201);

    clock.set(new Date(Date.parse(until) + 60_000));

    const refused = await t.http
      .post('/applications')
      .set('Authorization', employerStaff)
      .send(aTransferApplication(other, late.id))
      .expect(422);
    expect(refused.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
    expect(refused.body.failures.map((f: { code: string }) => f.code)).toEqual(['TRANSFER_WINDOW_CLOSED']);
    // …approved after it closed: refused on the current facts, nothing changed.
    const applicationBefore = await t.http
      .get(`/applications/${inTime.body.id as string}`)
      .set('Authorization', officer)
      .expect(200);
    const approval = await t.http
      .post(`/applications/${inTime.body.id as string}/approval`)
      .set('Authorization', await t.callers.officer(other.state))
      .send({ reason: 'Traslado' })
      .expect(422);
    expect(approval.body.failures.map((f: { code: string }) => f.code)).toEqual(['TRANSFER_WINDOW_CLOSED']);
    const applicationAfter = await t.http
      .get(`/applications/${inTime.body.id as string}`)
      .set('Authorization', officer)
      .expect(200);
    expect(applicationAfter.body).toMatchObject({
      status: 'SUBMITTED',
      version: applicationBefore.body.version,
    });
    for (const held of [late, pending]) {
      expect(await permitAs(held.id, officer)).toMatchObject({
        status: 'ACTIVE',
        transferredToPermitId: null,
      });
    }
  });

  it('two employers’ TRANSFER applications for one permit approved at the same time: one new permit, the other approval refused, the worker never holds two', async () => {
    const abusive = await anActiveEmployer(t);
    const [first, second] = [await anActiveEmployer(t), await anActiveEmployer(t)];
    const permit = await anIssuedPermit(t, abusive);
    await suspendedForCriticalFindings(abusive);
    await t.events.waitFor(permit.id, 'frontera.permit.transferable');
    const submitted = await Promise.all(
      [first, second].map(
        async (to) =>
          (
            await t.http
              .post('/applications')
              .set('Authorization', await t.callers.employer(to.employerId))
              .send(aTransferApplication(to, permit.id))
              .expect(201)
          ).body as { id: string },
      ),
    );
    const officer = await t.callers.officer('CHP');

    const approvals = await Promise.all(
      submitted.map((application) =>
        t.http
          .post(`/applications/${application.id}/approval`)
          .set('Authorization', officer)
          .send({ reason: 'Traslado' }),
      ),
    );

    expect(approvals.map((a) => a.status).sort()).toEqual([200, 422]);
    const refused = approvals.find((a) => a.status === 422);
    expect(refused?.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
    const held = await t.http
      .get('/permits')
      .query({ workerId: permit.workerId, limit: 100 })
      .set('Authorization', officer)
      .expect(200);
    const statuses = (held.body.items as PermitResponse[]).map((p) => [
      p.id === permit.id ? 'old' : 'new',
      p.status,
    ]);
    expect(statuses.sort()).toEqual([
      ['new', 'ACTIVE'],
      ['old', 'ENDED'],
    ]);
  });

  it('two employers’ NEW applications for one worker approved at the same time: one permit, the other refused (one active permit)', async () => {
    const [first, second] = [await anActiveEmployer(t), await anActiveEmployer(t)];
    const worker = aWorker();
    const submitted = await Promise.all(
      [first, second].map(
        async (employer) =>
          (
            await t.http
              .post('/applications')
              .set('Authorization', await t.callers.employer(employer.employerId))
              .send(aNewApplication(employer, worker))
              .expect(201)
          ).body as { id: string; workerId: string },
      ),
    );
    expect(submitted[0]?.workerId).toBe(submitted[1]?.workerId);
    const officer = await t.callers.officer('CHP');

    const approvals = await Promise.all(
      submitted.map((application) =>
        t.http
          .post(`/applications/${application.id}/approval`)
          .set('Authorization', officer)
          .send({ reason: 'Documentación completa' }),
      ),
    );

    expect(approvals.map((a) => a.status).sort()).toEqual([200, 422]);
    const refused = approvals.find((a) => a.status === 422);
    expect(refused?.body.failures.map((f: { code: string }) => f.code)).toEqual(['WORKER_HAS_ACTIVE_PERMIT']);
    const held = await t.http
      .get('/permits')
      .query({ workerId: submitted[0]?.workerId ?? '', limit: 100 })
      .set('Authorization', officer)
      .expect(200);
    expect((held.body.items as PermitResponse[]).map((p) => p.status)).toEqual(['ACTIVE']);
  });

  it('renewal: a RENEWAL application for an ACTIVE permit near its expiry, approved, gives the new validity (frontera.permit.renewed), once', async () => {
    const employer = await anActiveEmployer(t);
    const permit = await anIssuedPermit(t, employer);
    const validUntil = Date.parse(permit.validUntil);
    // Twenty days before the permit runs out.
    clock.set(new Date(validUntil - 20 * DAY_MS));
    const expiryDay = day(new Date(validUntil + 12 * 3600 * 1000));

    const submitted = await t.http
      .post('/applications')
      .set('Authorization', await t.callers.employer(employer.employerId))
      .send({
        worksiteId: employer.worksiteId,
        kind: 'RENEWAL',
        renewsPermitId: permit.id,
        occupation: 'Caporal de corte',
        dailyWage: 410,
        startDate: expiryDay,
        noRecruitmentFeeDeclared: true,
      })
      .expect(201);
    expect(submitted.body).toMatchObject({
      kind: 'RENEWAL',
      replacesPermitId: permit.id,
      workerId: permit.workerId,
    });
    const approval = await t.http
      .post(`/applications/${submitted.body.id as string}/approval`)
      .set('Authorization', await t.callers.officer(employer.state))
      .send({ reason: 'Renovación con nueva oferta' })
      .expect(200);

    const renewed = approval.body.permit as PermitResponse;
    expect(renewed).toMatchObject({
      id: permit.id,
      status: 'ACTIVE',
      occupation: 'Caporal de corte',
      dailyWage: 410,
      renewals: 1,
      number: permit.number,
    });
    const gainedDays = (Date.parse(renewed.validUntil) - validUntil) / DAY_MS;
    expect(gainedDays).toBeGreaterThanOrEqual(364);
    expect(gainedDays).toBeLessThanOrEqual(367);
    const [event] = await t.events.waitFor(permit.id, 'frontera.permit.renewed');
    expect(event?.event.data).toEqual({
      permitId: permit.id,
      workerId: permit.workerId,
      employerId: employer.employerId,
      worksiteId: employer.worksiteId,
      validUntil: renewed.validUntil,
    });
    // The approval event's consumer completes issuance again: the same approval renews once.
    const [approved] = await t.events.waitFor(
      submitted.body.id as string,
      'frontera.permit.application.approved',
    );
    await waitFor(
      async () =>
        (await t.connection
          .collection('processed_events')
          .findOne({ _id: `permits-approvals:${approved?.event.id ?? ''}` } as never)) ?? undefined,
      'the approval event consumed',
    );
    const stored = await storedPermit(t, permit.id);
    expect(stored['version']).toBe(renewed.version);
    expect(t.events.about(permit.id, 'frontera.permit.renewed')).toHaveLength(1);
    const history = await t.http
      .get(`/permits/${permit.id}/history`)
      .set('Authorization', await t.callers.officer(employer.state))
      .expect(200);
    expect(
      history.body.entries.filter((e: { action: string }) => e.action === 'RENEW').length,
    ).toBeGreaterThan(0);
  });
});
