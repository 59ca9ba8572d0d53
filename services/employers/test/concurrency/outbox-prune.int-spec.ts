import { setTimeout as sleep } from 'node:timers/promises';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { anAddress } from '@frontera/employers-domain/testing';
import { OutboxPublisher, OutboxRelay, outboxSourceOf, prunePublished } from '@frontera/platform-messaging';
import { waitFor } from '@frontera/platform-testing';
import { EMPLOYER_MODEL, type EmployerDocument } from '../../src/persistence/employer.schema';
import type { EmployerResponse } from '../../src/http/dto/employer.response';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn } from '../support/requests';

jest.setTimeout(60_000);

/**
 * The outbox's prunes are writes to the employer's document, and on FerretDB 1.x an update is an
 * unlocked read-modify-write: a prune racing a command could write back the document as it was
 * before the command. They take no lock: each is conditioned on the version it published, and the
 * local FerretDB's version guard refuses a write that moves a document's version backwards
 * (docs/decisions/0027). Here a relay sweeps without pause while concurrent commands change the
 * employers, and the immediate publishes prune after every write.
 */
describe('outbox prunes interleaved with commands', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  const model = () => t.app.get<Model<EmployerDocument>>(getModelToken(EMPLOYER_MODEL));

  it('lose no acknowledged change, and leave the documents bounded', async () => {
    const employers = await Promise.all([1, 2, 3].map(() => t.active(aCompanyIn('CHP'))));
    const relay = new OutboxRelay({ publisher: t.app.get(OutboxPublisher), sources: [model()], graceMs: 0 });

    let commandsDone = false;
    let worked = 0;
    const sweeping = (async () => {
      while (!commandsDone) {
        worked += (await relay.sweep()).documents;
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
    await sweeping;

    expect(worked).toBeGreaterThanOrEqual(0); // the relay swept throughout (it may find nothing due)
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
      // Everything published was pruned: no history and no published events left in the document.
      await waitFor(
        async () => (await t.rawEmployer(employer.id))?.['outboxPending'] === undefined,
        'the prune',
      );
      const settled = await t.rawEmployer(employer.id);
      expect(settled?.['outbox']).toEqual([]);
      expect(settled?.['outboxRecords']).toEqual([]);
      expect(settled?.['record']).not.toHaveProperty('history');
    }
  });

  it('a prune of an older version changes nothing: the newer write keeps what it added', async () => {
    const employer = await t.active(aCompanyIn('CHP'));
    await waitFor(async () => (await t.rawEmployer(employer.id))?.['outboxPending'] === undefined, 'settled');
    const staff = await t.callers.employer(employer.id);
    const before = (await t.rawEmployer(employer.id))?.['version'] as number;
    await t.http
      .post(`/employers/${employer.id}/changes`)
      .set('Authorization', staff)
      .send({ address: anAddress().onStreet('Calle Guardia 1').build(), reason: 'Cambio' })
      .expect(200);

    // A prune decided on the version before the change (as a slow relay would) matches nothing.
    await prunePublished(outboxSourceOf(model()), [{ id: employer.id, version: before }]);
    const stored = await t.rawEmployer(employer.id);
    expect(stored?.['version']).toBe(before + 1);
    expect((stored?.['record'] as { address: { street: string | null } }).address).toBeDefined();
    await t.events.waitFor(employer.id, 'frontera.employer.updated', 1);
  });
});
