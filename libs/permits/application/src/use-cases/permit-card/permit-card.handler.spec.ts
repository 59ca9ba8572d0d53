import type { EmployerStanding, Permit, Worker } from '@frontera/permits-domain';
import { aPermit, anEmployerStanding, aWorker } from '@frontera/permits-domain/testing';
import { AppError, type Caller } from '@frontera/shared-kernel';
import type { StoredStanding } from '../../ports/repositories.port';
import { PermitCardHandler, type PermitCardDeps } from './permit-card.handler';

function portsWith(permit: Permit, worker: Worker | null, standing: EmployerStanding | null) {
  const reads: string[] = [];
  const deps: PermitCardDeps = {
    permits: {
      findById: async (id) => {
        reads.push('permit');
        return id === permit.id ? permit : null;
      },
    },
    workers: {
      findById: async (id) => {
        reads.push('worker');
        return worker !== null && id === worker.id ? worker : null;
      },
    },
    standings: {
      find: async (id): Promise<StoredStanding | null> => {
        reads.push('standing');
        return standing !== null && id === standing.employerId
          ? { standing, version: 1, appliedEvents: [] }
          : null;
      },
    },
  };
  return { deps, reads };
}

const employerOf = (employerId: string): Caller => ({
  id: `user-of-${employerId}`,
  role: 'employer',
  states: [],
  employerId,
});
const officerIn = (...states: string[]): Caller => ({ id: 'officer-1', role: 'officer', states });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('PermitCardHandler', () => {
  const standing = anEmployerStanding().named('Finca La Ñandú S.P.R. de R.L.').build();
  const worker = aWorker().named('José Luis', 'Pérez', 'Núñez').withPhotoReference('photo-7f3c2a9e').build();
  const permit = aPermit().forEmployer(standing.employerId).forWorker(worker.id).inState('CAM').build();

  it('Given a permit, When its employer asks for the card, Then it has the worker’s full name and photo, the public name, the state’s name, validity, status and token', async () => {
    const { deps, reads } = portsWith(permit, worker, standing);

    const card = await new PermitCardHandler(deps).execute(permit.id, employerOf(standing.employerId));

    expect(card).toEqual({
      permitNumber: permit.number.value,
      workerFullName: 'José Luis Pérez Núñez',
      photoReference: 'photo-7f3c2a9e',
      employerPublicName: 'Finca La Ñandú S.P.R. de R.L.',
      employerRegistrationNumber: standing.registrationNumber,
      state: 'CAM',
      stateName: 'Campeche',
      validFrom: permit.validFrom.toString(),
      lastValidDay: permit.lastValidDay.toString(),
      status: 'ACTIVE',
      verificationToken: permit.verificationToken.value,
    });
    expect(reads).toEqual(['permit', 'worker', 'standing']);
  });

  it('Given a worker with one surname and no photo and an employer without a public name, Then the card data says so', async () => {
    const single = aWorker().named('Ana', 'Xol').withPhotoReference(null).build();
    const unnamed = anEmployerStanding().named(null).build();
    const own = aPermit().forEmployer(unnamed.employerId).forWorker(single.id).build();
    const { deps } = portsWith(own, single, unnamed);

    const card = await new PermitCardHandler(deps).execute(own.id, officerIn('CHP'));

    expect(card).toMatchObject({ workerFullName: 'Ana Xol', photoReference: null, employerPublicName: null });
  });

  it('Given another employer’s permit or an officer of another state, Then 404 PERMIT.NOT_FOUND and no personal data is read', async () => {
    for (const caller of [employerOf('another-employer'), officerIn('TAB')]) {
      const { deps, reads } = portsWith(permit, worker, standing);

      const error = await refusal(new PermitCardHandler(deps).execute(permit.id, caller));

      expect(error.code).toBe('PERMIT.NOT_FOUND');
      expect(error.status).toBe(404);
      expect(reads).toEqual(['permit']);
    }
  });

  it('Given an absent permit, Then 404 PERMIT.NOT_FOUND, like one out of scope', async () => {
    const { deps } = portsWith(permit, worker, standing);

    const error = await refusal(new PermitCardHandler(deps).execute('pmt_absent', officerIn('CAM')));

    expect(error.code).toBe('PERMIT.NOT_FOUND');
  });

  it.each<[string, Caller]>([
    ['a supervisor', { id: 'sup-1', role: 'supervisor', states: ['CAM'] }],
    ['an inspector', { id: 'insp-1', role: 'inspector', states: ['CAM'], inspectorId: 'insp-1' }],
  ])('Given %s, Then 403 PERMIT.ACCESS_DENIED before anything is read', async (_who, caller) => {
    const { deps, reads } = portsWith(permit, worker, standing);

    const error = await refusal(new PermitCardHandler(deps).execute(permit.id, caller));

    expect(error.code).toBe('PERMIT.ACCESS_DENIED');
    expect(error.status).toBe(403);
    expect(reads).toEqual([]);
  });

  it('Given a permit whose worker is missing, Then it fails as broken stored data, not as a client error', async () => {
    const { deps } = portsWith(permit, null, standing);

    await expect(new PermitCardHandler(deps).execute(permit.id, officerIn('CAM'))).rejects.toThrow(
      /is not in the register/,
    );
  });
});
