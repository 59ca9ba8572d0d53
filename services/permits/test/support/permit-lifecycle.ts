import type { SubmitApplicationRequest } from '../../src/http/dto/application.request';
import type { PermitResponse } from '../../src/http/dto/responses';
import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import { PERMITS_COLLECTION } from '../../src/persistence/permits.schemas';
import { aNewApplication, aWorker, type GivenEmployer, type PermitsTestApp } from './permits-test-app';

/** An issued permit, as the approval answered it. */
export type IssuedPermit = PermitResponse;

/** Submits an application as the employer and has an officer of its state approve it; returns the permit. */
export async function approvedApplication(
  t: PermitsTestApp,
  employer: GivenEmployer,
  application: SubmitApplicationRequest,
): Promise<{ applicationId: string; permit: IssuedPermit }> {
  const submitted = await t.http
    .post('/applications')
    .set('Authorization', await t.callers.employer(employer.employerId))
    .send(application)
    .expect(201);
  const approval = await t.http
    .post(`/applications/${submitted.body.id as string}/approval`)
    .set('Authorization', await t.callers.officer(employer.state))
    .send({ reason: 'Documentación completa y verificada' })
    .expect(200);
  return { applicationId: submitted.body.id as string, permit: approval.body.permit as IssuedPermit };
}

/** Given: an ACTIVE permit of a new worker at the employer's worksite (a NEW application, approved). */
export async function anIssuedPermit(
  t: PermitsTestApp,
  employer: GivenEmployer,
  worker: WorkerDataDto = aWorker(),
): Promise<IssuedPermit> {
  return (await approvedApplication(t, employer, aNewApplication(employer, worker))).permit;
}

/** The permit's document as stored (top-level fields and the record). */
export async function storedPermit(t: PermitsTestApp, permitId: string): Promise<Record<string, unknown>> {
  const document = await t.raw(PERMITS_COLLECTION, permitId);
  if (!document) throw new Error(`no stored permit ${permitId}`);
  return document;
}
