import { randomUUID } from 'node:crypto';
import { createEvent } from '@frontera/contracts';
import type { PermitRepository } from '@frontera/permits-application';
import { waitFor } from '@frontera/platform-testing';
import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import { PERMITS_COLLECTION, STANDINGS_COLLECTION } from '../../src/persistence/permits.schemas';
import { VERIFICATIONS_COLLECTION } from '../../src/verification/verification.schemas';
import { PERMIT_REPOSITORY } from '../../src/wiring/tokens';
import { aNewApplication, aWorker, type GivenEmployer, type PermitsTestApp } from './permits-test-app';

/** A permit issued over HTTP, with what a card shows and what only the card's QR code carries. */
export interface IssuedPermit {
  readonly id: string;
  /** As printed: `TVTF-CHP-26-K7Q9-M2XW-C`. */
  readonly number: string;
  readonly workerId: string;
  readonly lastValidDay: string;
  /** The QR code's token, read through the service's own repository (it is stored encrypted). */
  readonly token: string;
  readonly worker: WorkerDataDto;
}

/** A start date two days ago: the permit is valid from the day it is issued. */
function startedTwoDaysAgo(): string {
  return new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Given: an employer's application for `worker`, approved by an officer of the state — a permit
 * valid today (ACTIVE, its validity already begun).
 */
export async function anIssuedPermit(
  t: PermitsTestApp,
  employer: GivenEmployer,
  worker: WorkerDataDto = aWorker(),
): Promise<IssuedPermit> {
  const submitted = await t.http
    .post('/applications')
    .set('Authorization', await t.callers.employer(employer.employerId))
    .send(aNewApplication(employer, worker, { startDate: startedTwoDaysAgo() }))
    .expect(201);
  const approval = await t.http
    .post(`/applications/${submitted.body.id}/approval`)
    .set('Authorization', await t.callers.officer(employer.state))
    .send({ reason: 'Documentación completa y verificada' })
    .expect(200);
  const permit = approval.body.permit as {
    id: string;
    number: string;
    workerId: string;
    lastValidDay: string;
  };
  const stored = await t.app.get<PermitRepository>(PERMIT_REPOSITORY).findById(permit.id);
  if (!stored) throw new Error(`permit ${permit.id} was not stored`);
  // Public verification answers once the service's own consumer has projected the permit.
  await verificationEntry(t, permit.id, (entry) => entry !== null);
  return {
    id: permit.id,
    number: permit.number,
    workerId: permit.workerId,
    lastValidDay: permit.lastValidDay,
    token: stored.verificationToken.value,
    worker,
  };
}

/** The employer's public name withdrawn (as for an individual): an update without one, applied by the consumer. */
export async function withoutPublicName(t: PermitsTestApp, employer: GivenEmployer): Promise<void> {
  const event = createEvent({
    type: 'frontera.employer.updated',
    subject: employer.employerId,
    correlationId: randomUUID(),
    data: {
      employerId: employer.employerId,
      changedFields: ['legalName'],
      state: employer.state,
      municipality: 'Tapachula',
    },
  });
  await t.feeder.publish(event, employer.employerId);
  await waitFor(async () => {
    const stored = await t.raw(STANDINGS_COLLECTION, employer.employerId);
    const standing = stored?.['standing'] as { publicName?: string | null } | undefined;
    return standing !== undefined && standing.publicName === null ? true : undefined;
  }, `the public name of ${employer.employerId} withdrawn`);
}

/**
 * The permit's entry in the verification read model (`permit_verifications`, keyed by the token's
 * index), once `until` holds for it: the consumer of the service's own permit events writes it
 * shortly after each change (decision 0036).
 */
export async function verificationEntry(
  t: PermitsTestApp,
  permitId: string,
  until: (entry: Record<string, unknown> | null) => boolean,
): Promise<Record<string, unknown> | null> {
  let last: Record<string, unknown> | null = null;
  await waitFor(async () => {
    const permit = await t.raw(PERMITS_COLLECTION, permitId);
    if (!permit) return undefined;
    last = await t.raw(VERIFICATIONS_COLLECTION, String(permit['tokenIndex']));
    return until(last) || undefined;
  }, `the verification entry of ${permitId}`);
  return last;
}
