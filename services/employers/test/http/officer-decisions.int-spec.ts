import { aWorksite } from '@frontera/employers-domain/testing';
import type { EmployerResponse } from '../../src/http/dto/employer.response';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn, aWorksiteRequest } from '../support/requests';

jest.setTimeout(60_000);

describe('officer decisions: verification, rejection, suspension, reinstatement, deregistration', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('verification activates the employer, rates it A, issues a registration number and publishes employer.verified', async () => {
    // Given
    const pending = await t.registered(aCompanyIn('ROO'));
    // When
    const response = await t.http
      .post(`/employers/${pending.id}/verification`)
      .set('Authorization', await t.callers.officer('ROO'))
      .expect(200);
    // Then
    const employer = response.body as EmployerResponse;
    const year = new Date().getUTCFullYear();
    expect(employer).toMatchObject({ status: 'ACTIVE', rating: 'A', canReceivePermits: true });
    expect(employer.registrationNumber).toMatch(new RegExp(`^TVTF-EMP-ROO-${year}-\\d{6}$`));
    expect(await t.rawEmployer(pending.id)).toMatchObject({
      status: 'ACTIVE',
      rating: 'A',
      version: 2,
      registrationNumber: employer.registrationNumber,
    });
    const [verified] = await t.events.waitFor(pending.id, 'frontera.employer.verified');
    expect(verified.event.data).toEqual({
      employerId: pending.id,
      registrationNumber: employer.registrationNumber,
      rating: 'A',
      sector: 'COFFEE',
      state: 'ROO',
      verifiedBy: 'officer-ROO',
      verifiedAt: employer.verifiedAt,
      publicName: employer.legalName,
    });
  });

  it('registration numbers are consecutive per state and year', async () => {
    const [a, b] = [await t.registered(aCompanyIn('TAB')), await t.registered(aCompanyIn('TAB'))];
    const officer = await t.callers.officer('TAB');
    const first = await t.http
      .post(`/employers/${a.id}/verification`)
      .set('Authorization', officer)
      .expect(200);
    const second = await t.http
      .post(`/employers/${b.id}/verification`)
      .set('Authorization', officer)
      .expect(200);
    const sequence = (n: string) => Number(n.slice(-6));
    expect(sequence(second.body.registrationNumber)).toBe(sequence(first.body.registrationNumber) + 1);
  });

  it('rejection is final and says why', async () => {
    const pending = await t.registered(aCompanyIn('CHP'));
    const officer = await t.callers.officer('CHP');

    const response = await t.http
      .post(`/employers/${pending.id}/rejection`)
      .set('Authorization', officer)
      .send({ reason: 'El RFC no aparece en el padrón del SAT' })
      .expect(200);

    expect(response.body).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'El RFC no aparece en el padrón del SAT',
      allowedActions: [],
    });
    const [rejected] = await t.events.waitFor(pending.id, 'frontera.employer.rejected');
    expect(rejected.event.data).toEqual({
      employerId: pending.id,
      reason: 'El RFC no aparece en el padrón del SAT',
      rejectedBy: 'officer-CHP',
    });
    const again = await t.http
      .post(`/employers/${pending.id}/verification`)
      .set('Authorization', officer)
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      currentState: 'REJECTED',
      allowedActions: [],
    });
  });

  it('suspension and reinstatement by an officer, each with its event', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const officer = await t.callers.officer('CHP');

    const suspended = await t.http
      .post(`/employers/${employer.id}/suspension`)
      .set('Authorization', officer)
      .send({ reason: 'Inconsistencias en la plantilla' })
      .expect(200);
    expect(suspended.body).toMatchObject({
      status: 'SUSPENDED',
      canReceivePermits: false,
      suspension: { cause: 'OFFICER_DECISION', reason: 'Inconsistencias en la plantilla', auditIds: [] },
    });
    const reinstated = await t.http
      .post(`/employers/${employer.id}/reinstatement`)
      .set('Authorization', officer)
      .send({ reason: 'Plantilla corregida' })
      .expect(200);
    expect(reinstated.body).toMatchObject({ status: 'ACTIVE', suspension: null, rating: 'A' });

    const [event] = await t.events.waitFor(employer.id, 'frontera.employer.suspended');
    expect(event.event.data).toEqual({
      employerId: employer.id,
      cause: 'OFFICER_DECISION',
      reason: 'Inconsistencias en la plantilla',
      actorId: 'officer-CHP',
    });
    await t.events.waitFor(employer.id, 'frontera.employer.reinstated');
    expect((await t.rawEmployer(employer.id))?.['version']).toBe(4);
  });

  it('deregistration closes the open worksites, publishing one worksite.closed each', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const staff = await t.callers.employer(employer.id);
    for (const name of ['Finca Norte', 'Finca Sur']) {
      await t.http
        .post(`/employers/${employer.id}/worksites`)
        .set('Authorization', staff)
        .send(aWorksiteRequest(aWorksite().named(name)))
        .expect(201);
    }

    const response = await t.http
      .post(`/employers/${employer.id}/deregistration`)
      .set('Authorization', await t.callers.officer('CHP'))
      .send({ reason: 'Cierre del negocio' })
      .expect(200);

    expect(response.body.status).toBe('DEREGISTERED');
    expect(response.body.worksites.map((w: { status: string }) => w.status)).toEqual(['CLOSED', 'CLOSED']);
    await t.events.waitFor(employer.id, 'frontera.employer.deregistered');
    await t.events.waitFor(employer.id, 'frontera.employer.worksite.closed', 2);
  });

  it('a transition the lifecycle table does not allow is 409 with the current state and the allowed actions, and changes nothing', async () => {
    const pending = await t.registered(aCompanyIn('CAM'));

    const response = await t.http
      .post(`/employers/${pending.id}/reinstatement`)
      .set('Authorization', await t.callers.officer('CAM'))
      .send({ reason: 'Too early' })
      .expect(409);

    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 409,
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      currentState: 'PENDING_VERIFICATION',
      allowedActions: [
        'VERIFY',
        'REJECT',
        'REPORT_CHANGE',
        'ADD_WORKSITE',
        'UPDATE_WORKSITE',
        'CLOSE_WORKSITE',
      ],
      instance: `/employers/${pending.id}/reinstatement`,
    });
    expect(response.body.detail).toContain('PENDING_VERIFICATION');
    expect((await t.rawEmployer(pending.id))?.['version']).toBe(1);
  });

  it('answers in English when asked', async () => {
    const pending = await t.registered(aCompanyIn('CAM'));
    const response = await t.http
      .post(`/employers/${pending.id}/suspension`)
      .set('Authorization', await t.callers.officer('CAM'))
      .set('Accept-Language', 'en')
      .send({ reason: 'x' })
      .expect(409);
    expect(response.body.detail).toBe(
      'Action SUSPEND is not allowed while the employer is PENDING_VERIFICATION. Allowed actions: VERIFY, REJECT, REPORT_CHANGE, ADD_WORKSITE, UPDATE_WORKSITE, CLOSE_WORKSITE.',
    );
  });

  it('the history lists every decision: who, when, what and why', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const officer = await t.callers.officer('CHP');
    await t.http
      .post(`/employers/${employer.id}/suspension`)
      .set('Authorization', officer)
      .send({ reason: 'Revisión de plantilla' })
      .expect(200);

    const response = await t.http
      .get(`/employers/${employer.id}/history`)
      .set('Authorization', officer)
      .expect(200);

    expect(response.body.entries.map((e: { field: string; to: string }) => `${e.field}=${e.to}`)).toEqual([
      'status=PENDING_VERIFICATION',
      'status=ACTIVE',
      'rating=A',
      `registrationNumber=${employer.registrationNumber}`,
      'status=SUSPENDED',
    ]);
    expect(response.body.entries.at(-1)).toMatchObject({
      actor: { id: 'officer-CHP', role: 'officer' },
      reason: 'Revisión de plantilla',
      from: 'ACTIVE',
    });
  });
});
