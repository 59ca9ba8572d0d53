import { setTimeout as sleep } from 'node:timers/promises';
import { anAddress } from '@frontera/employers-domain/testing';
import { employerLockKey } from '@frontera/employers-application';
import { AGGREGATE_LOCK } from '@frontera/platform-locking';
import type { AggregateLock } from '@frontera/shared-application';
import { OutboxPublisher, OutboxRelay, type SweepResult } from '@frontera/platform-messaging';
import { waitFor } from '@frontera/platform-testing';
import type { EmployerResponse } from '../../src/http/dto/employer.response';
import { EmployerEventConsumers } from '../../src/messaging/employer-event.consumers';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn } from '../support/requests';

jest.setTimeout(60_000);

/**
 * The relay's prune of published events is a write to the employer's document; FerretDB 1.x
 * applies it as an unlocked read-modify-write, so a prune racing a command could write back
 * the document as it was before the command. The service registers its collection with the
 * employer's lock around prunes, like every command: here a relay pruning without pause (the
 * service's registration, quietMs 0) runs while concurrent commands change the employer.
 */
describe('outbox prunes interleaved with commands', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lose no acknowledged change', async () => {
    const employers = await Promise.all([1, 2, 3].map(() => t.active(aCompanyIn('CHP'))));
    const relay = new OutboxRelay({
      publisher: t.app.get(OutboxPublisher),
      sources: [t.app.get(EmployerEventConsumers).outboxSource()],
      graceMs: 0,
      quietMs: 0,
    });

    let commandsDone = false;
    let pruned = 0;
    const pruning = (async () => {
      while (!commandsDone) {
        pruned += (await relay.sweep()).pruned;
        await sleep(1);
      }
    })();
    const changes = async (employer: EmployerResponse): Promise<number> => {
      const staff = await t.callers.employer(employer.id);
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.http
            .post(`/employers/${employer.id}/changes`)
            .set('Authorization', staff)
            .send({
              address: anAddress()
                .onStreet(`Calle Prune ${100 + i}`)
                .build(),
              reason: `Cambio ${i}`,
            }),
        ),
      );
      return responses.filter((r) => r.status === 200).length;
    };
    const succeeded = await Promise.all(employers.map(changes));
    commandsDone = true;
    await pruning;

    expect(pruned).toBeGreaterThan(0); // prunes really ran between the commands
    const officer = await t.callers.officer('CHP');
    for (const [i, employer] of employers.entries()) {
      expect(succeeded[i]).toBeGreaterThan(0);
      const stored = await t.rawEmployer(employer.id);
      expect({ id: employer.id, version: stored?.['version'] }).toEqual({
        id: employer.id,
        version: employer.version + succeeded[i],
      });
      const history = await t.http
        .get(`/employers/${employer.id}/history`)
        .set('Authorization', officer)
        .expect(200);
      const streets = (history.body.entries as { field: string }[]).filter(
        (e) => e.field === 'address.street',
      );
      expect(streets).toHaveLength(succeeded[i]);
      await t.events.waitFor(employer.id, 'frontera.employer.updated', succeeded[i]);
    }
  });

  it('a prune waits for the employer’s lock, the one commands hold', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    const outboxSize = async (): Promise<number> =>
      ((await t.rawEmployer(employer.id))?.['outbox'] as unknown[] | undefined)?.length ?? 0;
    const publisher = t.app.get(OutboxPublisher);
    const source = t.app.get(EmployerEventConsumers).outboxSource();
    // Its events published (what the relay prunes).
    await waitFor(
      async () => (await publisher.publishPending(source.target, employer.id)).published === 0,
      'events published',
    );
    const before = await outboxSize();
    expect(before).toBeGreaterThan(0);
    const relay = new OutboxRelay({ publisher, sources: [source], graceMs: 0, quietMs: 0 });
    const lock = t.app.get<AggregateLock>(AGGREGATE_LOCK);

    let sweep: Promise<SweepResult> | undefined;
    await lock.withLock(employerLockKey(employer.id), async () => {
      sweep = relay.sweep();
      await sleep(300);
      expect(await outboxSize()).toBe(before); // held by the "command": not pruned yet
    });
    expect((await sweep)?.pruned).toBeGreaterThanOrEqual(before); // other files' employers too
    expect(await outboxSize()).toBe(0);
  });
});
