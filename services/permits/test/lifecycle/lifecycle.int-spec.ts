import { LIMITS } from '@frontera/shared-kernel';
import type { HistoryEntryResponse } from '../../src/http/dto/responses';
import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import { anIssuedPermit, storedPermit, type IssuedPermit } from '../support/permit-lifecycle';
import { APPLICATIONS_COLLECTION } from '../../src/persistence/permits.schemas';
import {
  aNewApplication,
  anActiveEmployer,
  aWorker,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(120_000);

/** What every permit event carries besides its own attributes: ids only. */
const PERMIT_IDS = ['employerId', 'permitId', 'workerId', 'worksiteId'];

/** The worker's personal values that must never be in an event. */
function personalValuesOf(worker: WorkerDataDto): string[] {
  const phone = worker.phone ?? '';
  return [
    worker.identityDocument.number,
    phone,
    phone.replace(/^\+/, ''),
    worker.givenNames,
    worker.surnames.first,
    worker.dateOfBirth,
    worker.homeAddress.line,
  ].filter((value) => value.length > 0);
}

/**
 * The permit lifecycle over HTTP on the real servers: ACTIVE → SUSPENDED → ACTIVE → REVOKED by an
 * officer, ENDED by the employer; every change in the history (actor, time, reason); the lifecycle
 * table's refusals (409 with the current state and allowed actions); bad reasons refused as problem
 * details with nothing changed; the events on Kafka with ids and the reason, never personal data.
 */
describe('permit lifecycle (HTTP, real Kafka, FerretDB, Redis)', () => {
  let t: PermitsTestApp;
  let employer: GivenEmployer;
  let officer: string;
  let employerStaff: string;

  beforeAll(async () => {
    t = await startPermitsApp();
    employer = await anActiveEmployer(t);
    officer = await t.callers.officer(employer.state);
    employerStaff = await t.callers.employer(employer.employerId);
  });

  afterAll(async () => {
    await t?.close();
  });

  const decide = (permitId: string, resource: string, body: unknown, as = officer) =>
    t.http
      .post(`/permits/${permitId}/${resource}`)
      .set('Authorization', as)
      .send(body as object);

  const historyOf = async (permitId: string): Promise<HistoryEntryResponse[]> =>
    (await t.http.get(`/permits/${permitId}/history`).set('Authorization', officer).expect(200)).body
      .entries as HistoryEntryResponse[];

  it('an officer suspends, reinstates and revokes an ACTIVE permit; each change is in the history with actor, time and reason, and on Kafka with ids only', async () => {
    const worker = aWorker();
    const permit = await anIssuedPermit(t, employer, worker);
    expect(permit.status).toBe('ACTIVE');
    const startedAt = Date.now();

    const suspended = await decide(permit.id, 'suspension', { reason: 'Revisión de documentos' }).expect(200);
    expect(suspended.body).toMatchObject({
      id: permit.id,
      status: 'SUSPENDED',
      statusReason: 'Revisión de documentos',
      allowedActions: expect.arrayContaining(['REINSTATE', 'REVOKE']),
    });
    const reinstated = await decide(permit.id, 'reinstatement', { reason: 'Documentos aclarados' }).expect(
      200,
    );
    expect(reinstated.body.status).toBe('ACTIVE');
    const revoked = await decide(permit.id, 'revocation', { reason: 'Permiso obtenido con engaño' }).expect(
      200,
    );
    expect(revoked.body).toMatchObject({ status: 'REVOKED', allowedActions: [] });

    const fetched = await t.http.get(`/permits/${permit.id}`).set('Authorization', employerStaff).expect(200);
    expect(fetched.body).toMatchObject({ status: 'REVOKED', version: permit.version + 3 });
    expect((await storedPermit(t, permit.id))['status']).toBe('REVOKED');

    const entries = await historyOf(permit.id);
    const changes = entries.filter((e) => ['SUSPEND', 'REINSTATE', 'REVOKE'].includes(e.action));
    expect(changes.map((e) => [e.action, e.reason, e.actor])).toEqual([
      ['SUSPEND', 'Revisión de documentos', { id: `officer-${employer.state}`, role: 'officer' }],
      ['REINSTATE', 'Documentos aclarados', { id: `officer-${employer.state}`, role: 'officer' }],
      ['REVOKE', 'Permiso obtenido con engaño', { id: `officer-${employer.state}`, role: 'officer' }],
    ]);
    expect(entries.map((e) => e.action)).toContain('ISSUE');
    for (const entry of changes) {
      const at = Date.parse(entry.at);
      expect(at).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(changes.map((e) => [e.from, e.to])).toEqual([
      ['ACTIVE', 'SUSPENDED'],
      ['SUSPENDED', 'ACTIVE'],
      ['ACTIVE', 'REVOKED'],
    ]);

    for (const [type, reason] of [
      ['frontera.permit.suspended', 'Revisión de documentos'],
      ['frontera.permit.reinstated', 'Documentos aclarados'],
      ['frontera.permit.revoked', 'Permiso obtenido con engaño'],
    ] as const) {
      const [message] = await t.events.waitFor(permit.id, type);
      expect(message?.key).toBe(employer.employerId);
      expect(Object.keys(message?.event.data as object).sort()).toEqual(
        [...PERMIT_IDS, 'actorId', 'reason'].sort(),
      );
      expect(message?.event.data).toMatchObject({
        permitId: permit.id,
        workerId: permit.workerId,
        employerId: employer.employerId,
        worksiteId: employer.worksiteId,
        reason,
        actorId: `officer-${employer.state}`,
      });
      for (const value of personalValuesOf(worker)) expect(message?.raw).not.toContain(value);
    }
  });

  it('the employer reports the end of the employment: ENDED (EMPLOYMENT_ENDED), recorded with the employer as actor, frontera.permit.ended with ids only', async () => {
    const worker = aWorker();
    const permit = await anIssuedPermit(t, employer, worker);

    const ended = await decide(
      permit.id,
      'employment-end',
      { reason: 'Terminó la temporada de cosecha' },
      employerStaff,
    ).expect(200);

    expect(ended.body).toMatchObject({ status: 'ENDED', endReason: 'EMPLOYMENT_ENDED', allowedActions: [] });
    const [entry] = (await historyOf(permit.id)).filter((e) => e.action === 'END');
    expect(entry).toMatchObject({
      actor: { id: `user-of-${employer.employerId}`, role: 'employer' },
      reason: 'Terminó la temporada de cosecha',
      from: 'ACTIVE',
      to: 'ENDED',
    });
    expect(Number.isNaN(Date.parse(entry?.at ?? ''))).toBe(false);
    const [message] = await t.events.waitFor(permit.id, 'frontera.permit.ended');
    expect(message?.event.data).toMatchObject({
      permitId: permit.id,
      employerId: employer.employerId,
      cause: 'EMPLOYMENT_ENDED',
      reason: 'Terminó la temporada de cosecha',
    });
    expect(Object.keys(message?.event.data as object).sort()).toEqual(
      [...PERMIT_IDS, 'actorId', 'cause', 'reason'].sort(),
    );
    for (const value of personalValuesOf(worker)) expect(message?.raw).not.toContain(value);
  });

  describe('the lifecycle table refuses what it does not allow: 409 with currentState and allowedActions, nothing changed', () => {
    async function expectRefused(
      permit: IssuedPermit,
      resource: string,
      as: string,
      currentState: string,
      allowedActions: unknown,
    ): Promise<void> {
      const before = await storedPermit(t, permit.id);
      const refused = await decide(permit.id, resource, { reason: 'Intento no permitido' }, as).expect(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        status: 409,
        code: 'PERMIT.TRANSITION_NOT_ALLOWED',
        currentState,
        allowedActions,
      });
      const after = await storedPermit(t, permit.id);
      expect(after['version']).toBe(before['version']);
      expect(after['status']).toBe(before['status']);
    }

    it('reinstating an ACTIVE permit', async () => {
      const permit = await anIssuedPermit(t, employer);
      const historyBefore = await historyOf(permit.id);

      await expectRefused(
        permit,
        'reinstatement',
        officer,
        'ACTIVE',
        expect.arrayContaining(['SUSPEND', 'REVOKE', 'END']),
      );

      const refused = await decide(permit.id, 'reinstatement', { reason: 'x' }).expect(409);
      expect(refused.body.allowedActions).not.toContain('REINSTATE');
      expect(await historyOf(permit.id)).toEqual(historyBefore);
    });

    it('anything on a REVOKED permit (suspend, reinstate, revoke again, end the employment)', async () => {
      const permit = await anIssuedPermit(t, employer);
      await decide(permit.id, 'revocation', { reason: 'Revocado por fraude documental' }).expect(200);
      await t.events.waitFor(permit.id, 'frontera.permit.revoked');
      const historyBefore = await historyOf(permit.id);

      await expectRefused(permit, 'suspension', officer, 'REVOKED', []);
      await expectRefused(permit, 'reinstatement', officer, 'REVOKED', []);
      await expectRefused(permit, 'revocation', officer, 'REVOKED', []);
      await expectRefused(permit, 'employment-end', employerStaff, 'REVOKED', []);

      expect(await historyOf(permit.id)).toEqual(historyBefore);
      // Only the revocation was published: the refusals raised nothing.
      const sentinel = await anIssuedPermit(t, employer);
      await t.events.waitFor(sentinel.id, 'frontera.permit.issued');
      const published = t.events.messages.filter(
        (m) => (m.event as { subject?: string } | undefined)?.subject === permit.id,
      );
      expect(published.map((m) => (m.event as { type: string }).type)).toEqual([
        'frontera.permit.issued',
        'frontera.permit.revoked',
      ]);
    });
  });

  describe('application decisions follow their table too', () => {
    async function aSubmitted(): Promise<string> {
      const submitted = await t.http
        .post('/applications')
        .set('Authorization', employerStaff)
        .send(aNewApplication(employer))
        .expect(201);
      return submitted.body.id as string;
    }

    const storedApplication = async (id: string) => t.raw(APPLICATIONS_COLLECTION, id);

    it('a rejected application can be neither approved nor withdrawn; an approved one neither rejected nor withdrawn (409 with currentState and allowedActions, nothing changed)', async () => {
      const rejected = await aSubmitted();
      const rejection = await t.http
        .post(`/applications/${rejected}/rejection`)
        .set('Authorization', officer)
        .send({ reason: 'Documento ilegible' })
        .expect(200);
      expect(rejection.body).toMatchObject({
        status: 'REJECTED',
        allowedActions: [],
        decision: { outcome: 'REJECTED', reason: 'Documento ilegible', by: { role: 'officer' } },
      });
      const approved = await aSubmitted();
      await t.http
        .post(`/applications/${approved}/approval`)
        .set('Authorization', officer)
        .send({ reason: 'Completo' })
        .expect(200);

      for (const [id, currentState, resource, as] of [
        [rejected, 'REJECTED', 'approval', officer],
        [rejected, 'REJECTED', 'withdrawal', employerStaff],
        [approved, 'APPROVED', 'rejection', officer],
        [approved, 'APPROVED', 'withdrawal', employerStaff],
        [approved, 'APPROVED', 'approval', officer],
      ] as const) {
        const before = await storedApplication(id);
        const refused = await t.http
          .post(`/applications/${id}/${resource}`)
          .set('Authorization', as)
          .send({ reason: 'Otra vez' })
          .expect(409);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.body).toMatchObject({
          code: 'APPLICATION.TRANSITION_NOT_ALLOWED',
          currentState,
          allowedActions: [],
        });
        expect((await storedApplication(id))?.['version']).toBe(before?.['version']);
      }
    });

    it.each([
      ['missing', {}, 400, 'VALIDATION.FAILED'],
      ['over-long', { reason: 'x'.repeat(LIMITS.REASON + 1) }, 400, 'VALIDATION.FAILED'],
      // One catalogue: the reason's code is the context's (PERMIT.*) for applications too.
      ['blank', { reason: '  ' }, 422, 'PERMIT.INVALID_REASON'],
    ] as const)(
      'a %s reason on approval, rejection or withdrawal is refused and changes nothing',
      async (_name, body, status, code) => {
        const id = await aSubmitted();
        const before = await storedApplication(id);
        for (const [resource, as] of [
          ['approval', officer],
          ['rejection', officer],
          ['withdrawal', employerStaff],
        ] as const) {
          const refused = await t.http
            .post(`/applications/${id}/${resource}`)
            .set('Authorization', as)
            .send(body)
            .expect(status);
          expect(refused.headers['content-type']).toContain('application/problem+json');
          expect(refused.body.code).toBe(code);
        }
        const after = await storedApplication(id);
        expect(after?.['version']).toBe(before?.['version']);
        expect(after?.['status']).toBe('SUBMITTED');
      },
    );
  });

  describe('a bad reason is refused as problem details and changes nothing', () => {
    const cases: [string, unknown, number, string][] = [
      ['missing', {}, 400, 'VALIDATION.FAILED'],
      ['not a string', { reason: 42 }, 400, 'VALIDATION.FAILED'],
      ['over-long', { reason: 'x'.repeat(LIMITS.REASON + 1) }, 400, 'VALIDATION.FAILED'],
      ['blank', { reason: '   ' }, 422, 'PERMIT.INVALID_REASON'],
      ['empty', { reason: '' }, 422, 'PERMIT.INVALID_REASON'],
    ];

    let permit: IssuedPermit;
    beforeAll(async () => {
      permit = await anIssuedPermit(t, employer);
    });

    it.each(cases)('%s reason on every decision', async (_name, body, status, code) => {
      const before = await storedPermit(t, permit.id);
      const historyBefore = await historyOf(permit.id);

      for (const [resource, as] of [
        ['suspension', officer],
        ['revocation', officer],
        ['employment-end', employerStaff],
      ] as const) {
        const refused = await decide(permit.id, resource, body, as).expect(status);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.body).toMatchObject({ status, code });
        if (status === 400) {
          expect(refused.body.errors).toEqual(
            expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
          );
        }
      }

      const after = await storedPermit(t, permit.id);
      expect(after['version']).toBe(before['version']);
      expect(after['status']).toBe('ACTIVE');
      expect(await historyOf(permit.id)).toEqual(historyBefore);
    });

    it('published nothing for the refused requests', async () => {
      const sentinel = await anIssuedPermit(t, employer);
      await t.events.waitFor(sentinel.id, 'frontera.permit.issued');
      expect(
        t.events.messages
          .filter((m) => (m.event as { subject?: string } | undefined)?.subject === permit.id)
          .map((m) => (m.event as { type: string }).type),
      ).toEqual(['frontera.permit.issued']);
    });
  });
});
