import type { Connection } from 'mongoose';
import { appliedEventGuard } from '../src/consumer/applied-event-guard';
import { connectTestDatabase, dropAndClose } from './support/messaging-test-kit';

jest.setTimeout(30_000);

interface ReadModel {
  _id: string;
  count: number;
  appliedEvents: string[];
}

/** appliedEventGuard on the real FerretDB: the remembered ids stay bounded, duplicates change nothing. */
describe('appliedEventGuard on FerretDB', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectTestDatabase('applied');
  });

  afterAll(async () => {
    await dropAndClose(connection);
  });

  async function apply(eventId: string, kept: number): Promise<boolean> {
    const view = connection.collection<ReadModel>('read_model');
    const loaded = await view.findOne({ _id: 'emp-1' }, { projection: { appliedEvents: 1 } });
    const guard = appliedEventGuard(eventId, loaded?.appliedEvents, kept);
    if (guard.alreadyApplied) return false;
    const result = await view.updateOne(
      { _id: 'emp-1', ...guard.filter },
      { $inc: { count: 1 }, $set: { ...guard.set } },
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0;
  }

  it('keeps the last `kept` ids however many events are applied', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `ev-${i}`);
    for (const id of ids) expect(await apply(id, 5)).toBe(true);

    const stored = await connection.collection<ReadModel>('read_model').findOne({ _id: 'emp-1' });
    expect(stored?.appliedEvents).toEqual(ids.slice(-5));
    expect(stored?.count).toBe(12);

    // A redelivery of a remembered event changes nothing.
    expect(await apply('ev-11', 5)).toBe(false);
    // The filter alone refuses it too (a write decided on a list loaded before the event was applied).
    const stale = appliedEventGuard('ev-11', [], 5);
    const result = await connection
      .collection<ReadModel>('read_model')
      .updateOne({ _id: 'emp-1', ...stale.filter }, { $inc: { count: 1 }, $set: { ...stale.set } });
    expect(result.matchedCount).toBe(0);
    expect((await connection.collection<ReadModel>('read_model').findOne({ _id: 'emp-1' }))?.count).toBe(12);
  });
});
