import type { Model } from 'mongoose';
import type {
  PermitsIntegrationEvent,
  SaveOutcome,
  SharedContactGroup,
  SharedContactGroupRepository,
} from '@frontera/permits-application';
import {
  OutboxAggregateStore,
  type OutboxPublisher,
  type StoredAggregate,
} from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import type { SharedContactGroupDocument } from './workers.schemas';

/** Purpose of the group's keyed blind index of the phone (not the worker's `permits.worker.phone`). */
export const SHARED_CONTACT_GROUP_INDEX = 'permits.worker.shared-contact-group';

/** A group as the outbox store writes it: the fields and the versions of one load. */
class StoredGroup implements StoredAggregate {
  constructor(
    readonly id: string,
    public groupId: string,
    public signalledWorkerIds: string[],
    public version: number,
    public persistedVersion: number,
  ) {}
}

/**
 * The SharedContactGroupRepository port on MongoDB / FerretDB: one small document per shared phone
 * (`_id` = a keyed blind index of the phone, never the phone), written through the shared
 * OutboxAggregateStore so the `frontera.worker.contact.shared` signal is stored with the group in
 * one single-document write, conditioned on the version, and published after it (keyed by the
 * group's id, the event's subject). The handler holds the group's lock.
 */
export class MongoSharedContactGroupRepository implements SharedContactGroupRepository {
  private readonly groups: OutboxAggregateStore<StoredGroup, SharedContactGroupDocument>;

  constructor(
    model: Model<SharedContactGroupDocument>,
    private readonly cipher: PiiCipher,
    publisher: OutboxPublisher,
  ) {
    this.groups = new OutboxAggregateStore<StoredGroup, SharedContactGroupDocument>({
      kind: 'shared-contact-group',
      model,
      publisher,
      projection: { _id: 1, groupId: 1, signalledWorkerIds: 1 },
      fromDocument: (d) => new StoredGroup(d._id, d.groupId, [...d.signalledWorkerIds], d.version, d.version),
      toFields: (group) => ({
        groupId: group.groupId,
        signalledWorkerIds: group.signalledWorkerIds,
        updatedAt: new Date(),
      }),
      messageKeyOf: (group) => group.groupId,
    });
  }

  keyOf(phoneKey: string): string {
    return this.cipher.blindIndex(phoneKey, SHARED_CONTACT_GROUP_INDEX);
  }

  async find(key: string): Promise<SharedContactGroup | null> {
    const group = await this.groups.findById(key);
    return group
      ? { groupId: group.groupId, signalledWorkerIds: [...group.signalledWorkerIds], version: group.version }
      : null;
  }

  async store(
    key: string,
    group: { readonly groupId: string; readonly signalledWorkerIds: readonly string[] },
    expectedVersion: number,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<SaveOutcome> {
    if (expectedVersion === 0) {
      const created = new StoredGroup(key, group.groupId, [...group.signalledWorkerIds], 1, 0);
      return (await this.groups.insert(created, events)) === 'INSERTED' ? 'SAVED' : 'VERSION_CONFLICT';
    }
    // The save is conditioned on the version of the document it loaded: load it, change it, save it.
    const loaded = await this.groups.findById(key);
    if (!loaded || loaded.version !== expectedVersion) return 'VERSION_CONFLICT';
    loaded.groupId = group.groupId;
    loaded.signalledWorkerIds = [...group.signalledWorkerIds];
    loaded.version = expectedVersion + 1;
    return this.groups.save(loaded, events);
  }
}
