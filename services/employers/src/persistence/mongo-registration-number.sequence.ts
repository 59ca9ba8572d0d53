import type { Connection } from 'mongoose';
import type { RegistrationNumberSequence } from '@frontera/employers-application';
import type { AggregateLock } from '@frontera/shared-application';
import type { MexicanState } from '@frontera/employers-domain';
import { COUNTERS_COLLECTION, type CounterDocument } from './employer.schema';

/**
 * Registration-number counters in the `counters` collection, one document per state and year:
 * `findOneAndUpdate({ _id }, { $inc: { value: 1 } }, { upsert: true })`. That is atomic on
 * MongoDB; on FerretDB 1.x two concurrent increments can return the same value (unlocked
 * read-modify-write), so the increment runs under the lock of the counter's key.
 */
export class MongoRegistrationNumberSequence implements RegistrationNumberSequence {
  constructor(
    private readonly connection: Connection,
    private readonly lock: AggregateLock,
  ) {}

  async next(state: MexicanState, year: number): Promise<number> {
    const id = `registration:${state}:${year}`;
    return this.lock.withLock(`counter:${id}`, async () => {
      const counter = await this.connection
        .collection<CounterDocument>(COUNTERS_COLLECTION)
        .findOneAndUpdate({ _id: id }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' });
      if (!counter) throw new Error(`counter ${id} was not created`);
      return counter.value;
    });
  }
}
