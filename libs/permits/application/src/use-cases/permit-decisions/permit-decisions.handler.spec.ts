import type { Permit } from '@frontera/permits-domain';
import {
  anEmployerStanding,
  aPermit,
  aPermitApplication,
  aStandingWorksite,
  aWorker,
  testEligibilityRules,
} from '@frontera/permits-domain/testing';
import { InMemoryEmployerStandingRepository } from '../../testing/in-memory-repositories';
import { callers, metadataOf, PermitsWorld } from '../../testing/permits-world';
import { ApproveApplicationHandler } from '../approve-application/approve-application.handler';
import { PermitDecisionsHandler } from './permit-decisions.transitions';

let tokens = 0;
const random = {
  int: (max: number) => Math.floor(Math.random() * max),
  token: () => `token${String((tokens += 1)).padStart(4, '0')}AAAAAAAAAAAAAAAAAAAA`,
};
const officer = metadataOf(callers.officer('CHP'));
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A transfer being approved and an officer's decision on the permit it replaces: the decision waits
 * for the worker's approvals lock, so it lands before the approval's eligibility check (and the
 * transfer is refused) or after the old permit ended TRANSFERRED (and the decision is refused) —
 * never between the new permit's issuance and the old one's end.
 */
describe('PermitDecisionsHandler and a transfer being approved', () => {
  function setup() {
    const world = new PermitsWorld();
    const standings = new InMemoryEmployerStandingRepository();
    const taker = anEmployerStanding()
      .withId('emp-new')
      .withWorksite(aStandingWorksite().withId('ws-new').inState('CHP'))
      .build();
    standings.given(taker);
    const worker = world.givenWorker(aWorker().build()).worker;
    const [old] = world.permits.given(
      aPermit()
        .forEmployer('emp-old')
        .atWorksite('ws-old')
        .inState('CHP')
        .forWorker(worker.id)
        .transferable()
        .build(),
    );
    if (!old) throw new Error('no old permit');
    const [application] = world.applications.given(
      aPermitApplication().forEmployer(taker).forWorker(worker).transferFrom(old).build(),
    );
    if (!application) throw new Error('no application');
    const deps = {
      workers: world.workers,
      applications: world.applications,
      permits: world.permits,
      lock: world.lock,
      clock: world.clock,
    };
    const approvals = new ApproveApplicationHandler({
      ...deps,
      standings,
      rules: testEligibilityRules(),
      random,
      permitOptions: {},
    });
    const decisions = new PermitDecisionsHandler(deps);
    return { world, old, application, approvals, decisions };
  }

  it('Given a TRANSFER being approved, When an officer revokes the old permit right after the new one is issued, Then the approval completes (old permit ENDED, TRANSFERRED) and the revocation is refused by the table', async () => {
    const { world, old, application, approvals, decisions } = setup();
    let revocation: Promise<Permit> | undefined;
    const insert = world.permits.insert.bind(world.permits);
    world.permits.insert = async (permit, events) => {
      const outcome = await insert(permit, events);
      // The officer's request arrives between the issuance and the old permit's end.
      revocation = decisions.execute({
        operation: 'REVOKE',
        key: old.id,
        reason: 'Fraude',
        metadata: officer,
      });
      await Promise.race([revocation.catch(() => undefined), delay(20)]);
      return outcome;
    };

    const { permit } = await approvals.execute({
      applicationId: application.id,
      reason: 'Traslado',
      metadata: officer,
    });

    expect(permit).toMatchObject({ kind: 'TRANSFER', status: 'ACTIVE', transferredFromPermitId: old.id });
    await expect(revocation).rejects.toMatchObject({
      code: 'PERMIT.TRANSITION_NOT_ALLOWED',
      params: { currentState: 'ENDED' },
    });
    expect(world.permits.stored(old.id)).toMatchObject({
      status: 'ENDED',
      endReason: 'TRANSFERRED',
      transferredToPermitId: permit.id,
    });
  });

  it('Given the old permit revoked first, When the TRANSFER is approved, Then it is refused (REPLACED_PERMIT_NOT_ACTIVE) and nothing is issued', async () => {
    const { world, old, application, approvals, decisions } = setup();
    await decisions.execute({ operation: 'REVOKE', key: old.id, reason: 'Fraude', metadata: officer });

    await expect(
      approvals.execute({ applicationId: application.id, reason: 'Traslado', metadata: officer }),
    ).rejects.toMatchObject({ code: 'APPLICATION.NOT_ELIGIBLE' });
    expect(world.permits.store.all().map((p) => p.id)).toEqual([old.id]);
  });
});
