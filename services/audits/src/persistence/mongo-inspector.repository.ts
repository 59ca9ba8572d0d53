import type { Model } from 'mongoose';
import type {
  AuditsIntegrationEvent,
  InsertOutcome,
  InspectorListFilter,
  InspectorRepository,
  SaveOptions,
  SaveOutcome,
} from '@frontera/audits-application';
import { Inspector, type InspectorSnapshot } from '@frontera/audits-domain';
import { OutboxAggregateStore, type OutboxPublisher } from '@frontera/platform-messaging';
import type { MexicanState } from '@frontera/shared-kernel';
import { INSPECTOR_HISTORY, type InspectorDocument, type InspectorStateDocument } from './audits.schemas';

/**
 * The InspectorRepository port on MongoDB / FerretDB. Inspectors are found by state through a
 * sidecar collection (`inspector_states`, one row per covered state, `state` equality) rather than
 * an array field (an array element match is not what FerretDB 1.24 pushes down). The rows follow
 * the inspector's areas on every write (after the inspector: a row without its inspector is skipped
 * on read, a missing one is written again by the next save).
 */
export class MongoInspectorRepository implements InspectorRepository {
  private readonly store: OutboxAggregateStore<Inspector, InspectorDocument>;

  constructor(
    private readonly model: Model<InspectorDocument>,
    private readonly states: Model<InspectorStateDocument>,
    publisher: OutboxPublisher,
  ) {
    this.store = new OutboxAggregateStore<Inspector, InspectorDocument>({
      kind: 'inspector',
      model,
      publisher,
      projection: { _id: 1, record: 1 },
      fromDocument: (document) => this.toInspector(document),
      toFields: (inspector) => {
        const { version: _version, ...snapshot } = inspector.toSnapshot();
        return {
          record: snapshot as unknown as Record<string, unknown>,
          status: snapshot.status,
          updatedAt: new Date(),
        };
      },
      recordsOf: (inspector, now) => INSPECTOR_HISTORY.records(inspector.id, inspector.recordedHistory, now),
    });
  }

  findById(inspectorId: string): Promise<Inspector | null> {
    return this.store.findById(inspectorId);
  }

  async hasAppliedEvent(inspector: Inspector, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(inspector, eventId);
  }

  async insert(inspector: Inspector, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome> {
    const outcome = await this.store.insert(inspector, events);
    if (outcome === 'INSERTED') await this.syncStates(inspector);
    return outcome;
  }

  async save(
    inspector: Inspector,
    events: readonly AuditsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    const outcome = await this.store.save(inspector, events, options);
    if (outcome === 'SAVED') await this.syncStates(inspector);
    return outcome;
  }

  async inState(state: MexicanState, filter: InspectorListFilter, limit: number): Promise<Inspector[]> {
    const rows = await this.states
      .find({ state }, { inspectorId: 1 })
      .limit(limit)
      .lean<InspectorStateDocument[]>();
    const found = await Promise.all(rows.map((row) => this.findById(row.inspectorId)));
    return found
      .filter((inspector): inspector is Inspector => inspector !== null && inspector.states.includes(state))
      .filter((inspector) => filter.status === undefined || inspector.status === filter.status);
  }

  private async syncStates(inspector: Inspector): Promise<void> {
    const rows = inspector.states.map((state) => ({
      _id: `${state}:${inspector.id}`,
      state,
      inspectorId: inspector.id,
    }));
    await Promise.all(
      rows.map((row) => this.states.updateOne({ _id: row._id }, { $set: row }, { upsert: true })),
    );
  }

  private toInspector(document: Pick<InspectorDocument, '_id' | 'version' | 'record'>): Inspector {
    return Inspector.fromSnapshot({
      ...(document.record as unknown as InspectorSnapshot),
      version: document.version,
    });
  }
}
