import { type Permit } from '@frontera/permits-domain';
import { anEmployerStanding, aPermit, aWorker, day } from '@frontera/permits-domain/testing';
import { InMemoryAggregateLock } from '@frontera/shared-application/testing';
import {
  InMemoryEmployerStandingRepository,
  InMemoryPermitRepository,
  InMemoryWorkerRepository,
} from '../../testing/in-memory-repositories';
import { InMemoryPermitVerifications } from '../../testing/in-memory-verifications';
import { ProjectPermitVerificationHandler } from './project-permit-verification.handler';

function world() {
  const permits = new InMemoryPermitRepository();
  const workers = new InMemoryWorkerRepository();
  const standings = new InMemoryEmployerStandingRepository();
  const verifications = new InMemoryPermitVerifications();
  const projector = new ProjectPermitVerificationHandler({
    permits,
    workers,
    standings,
    verifications,
    lock: new InMemoryAggregateLock(),
  });
  const standing = anEmployerStanding().named('Finca Uno S.A.').build();
  const worker = aWorker().named('Ana', 'Xol').bornOn('1990-05-01').build();
  workers.given(worker);
  standings.given(standing);
  const permitOf = (): Permit => {
    const [stored] = permits.given(aPermit().forEmployer(standing.employerId).forWorker(worker.id).build());
    return stored as Permit;
  };
  return { permits, workers, standings, verifications, projector, standing, worker, permitOf };
}

describe('ProjectPermitVerificationHandler (the verification read model, decision 0036)', () => {
  it('writes a permit’s entry from its current state, its worker’s initials and year of birth, and its employer’s public name', async () => {
    const { projector, verifications, permitOf } = world();
    const permit = permitOf();

    expect(await projector.permit(permit.id)).toEqual({ written: 1, missing: 0 });

    expect(verifications.of(permit.id)).toMatchObject({
      permitVersion: permit.version,
      compactNumber: permit.number.compact,
      status: 'ACTIVE',
      employerPublicName: 'Finca Uno S.A.',
      workerInitials: 'A. X.',
      workerBirthYear: 1990,
    });
  });

  it('after a change of the permit, projects the new status; projecting again writes the same entry (idempotent)', async () => {
    const { projector, verifications, permits, permitOf } = world();
    const permit = permitOf();
    await projector.permit(permit.id);
    const loaded = (await permits.findById(permit.id)) as Permit;
    loaded.suspend({ id: 'officer-1', role: 'officer' }, 'Revisión', day(5));
    loaded.pullEvents();
    await permits.save(loaded, []);

    await projector.permit(permit.id);
    const once = verifications.of(permit.id);
    await projector.permit(permit.id);

    expect(once).toMatchObject({ status: 'SUSPENDED', permitVersion: permit.version + 1 });
    expect(verifications.of(permit.id)).toEqual(once);
  });

  it('an employer’s new public name reaches every entry of that employer, whatever the status', async () => {
    const { projector, verifications, standings, standing, permitOf } = world();
    const [a, b] = [permitOf(), permitOf()];
    await projector.permit(a.id);
    await projector.permit(b.id);
    standings.given({ ...standing, publicName: 'Finca Dos S.A.' });

    expect(await projector.employer(standing.employerId)).toEqual({ written: 2, missing: 0 });

    expect(verifications.of(a.id)?.employerPublicName).toBe('Finca Dos S.A.');
    expect(verifications.of(b.id)?.employerPublicName).toBe('Finca Dos S.A.');
  });

  it('after a merge: retriable while the merged record still holds permits, then the survivor’s permits with its initials', async () => {
    const { projector, verifications, permits, workers, permitOf, worker } = world();
    const permit = permitOf();
    await projector.permit(permit.id);
    const survivor = aWorker().named('Ana María', 'Xol', 'Tzul').bornOn('1990-05-01').build();
    workers.given(survivor);

    await expect(projector.workerMerged(worker.id, survivor.id)).rejects.toMatchObject({
      code: 'PERMIT.CONCURRENT_MODIFICATION',
    });
    const loaded = (await permits.findById(permit.id)) as Permit;
    loaded.workerMerged(worker.id, survivor.id, day(6));
    await permits.save(loaded, []);

    expect(await projector.workerMerged(worker.id, survivor.id)).toEqual({ written: 1, missing: 0 });
    expect(verifications.of(permit.id)?.workerInitials).toBe('A. M. X. T.');
  });

  it('a permit this database does not hold is counted as missing, nothing written', async () => {
    const { projector, verifications } = world();

    expect(await projector.permit('pmt_unknown')).toEqual({ written: 0, missing: 1 });
    expect(verifications.writes).toBe(0);
  });

  it('rebuilds every entry from the permits (an emptied read model)', async () => {
    const { projector, verifications, permitOf } = world();
    const ids = [permitOf(), permitOf(), permitOf()].map((p) => p.id);

    expect(await projector.rebuild()).toEqual({ written: 3, missing: 0 });

    expect([...verifications.entries.keys()].sort()).toEqual([...ids].sort());
  });
});
