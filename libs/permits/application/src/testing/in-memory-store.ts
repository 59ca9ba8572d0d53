import type { HistoryEntry } from '@frontera/permits-domain';
import type { SaveOptions, SaveOutcome } from '@frontera/shared-application';
import type { PermitsIntegrationEvent } from '../events/integration-events';

/** What an in-memory store keeps of an aggregate: its snapshot, as a document would. */
export interface StoredRow<S> {
  snapshot: S;
  version: number;
  appliedEvents: string[];
  history: HistoryEntry[];
}

/** What the store needs of an aggregate of this context. */
export interface Snapshotted<S> {
  readonly id: string;
  readonly version: number;
  readonly persistedVersion: number;
  readonly recordedHistory: readonly HistoryEntry[];
  toSnapshot(): S;
}

/**
 * The write shape of the service's repositories, in memory: aggregates are stored as snapshots
 * (every read rebuilds the aggregate, so what a handler did not save is lost as it would be), a
 * save is conditioned on the loaded version and stores the events and the applied event id with
 * the state, and every call is counted for assertions.
 */
export class InMemoryStore<A extends Snapshotted<S>, S> {
  readonly rows = new Map<string, StoredRow<S>>();
  /** Every integration event stored with a change, in order. */
  readonly published: PermitsIntegrationEvent[] = [];
  /** Calls by method name (findById, save, idsDueOn…). */
  readonly calls = new Map<string, number>();
  /** Successful inserts and saves. */
  writes = 0;

  constructor(private readonly rebuild: (snapshot: S) => A) {}

  count(method: string): void {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  callsOf(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  resetCounts(): void {
    this.calls.clear();
    this.writes = 0;
  }

  load(id: string): A | null {
    const row = this.rows.get(id);
    return row ? this.rebuild(row.snapshot) : null;
  }

  all(): A[] {
    return [...this.rows.values()].map((row) => this.rebuild(row.snapshot));
  }

  /** Stores an aggregate as it is (a test's Given), its events not published. */
  given(aggregate: A): A {
    this.rows.set(aggregate.id, {
      snapshot: aggregate.toSnapshot(),
      version: aggregate.version,
      appliedEvents: [],
      history: [...aggregate.recordedHistory],
    });
    return this.rebuild(aggregate.toSnapshot());
  }

  insertRow(aggregate: A, events: readonly PermitsIntegrationEvent[]): 'INSERTED' | 'DUPLICATE' {
    if (this.rows.has(aggregate.id)) return 'DUPLICATE';
    this.rows.set(aggregate.id, {
      snapshot: aggregate.toSnapshot(),
      version: aggregate.version,
      appliedEvents: [],
      history: [...aggregate.recordedHistory],
    });
    this.writes += 1;
    this.published.push(...events);
    return 'INSERTED';
  }

  saveRow(aggregate: A, events: readonly PermitsIntegrationEvent[], options: SaveOptions = {}): SaveOutcome {
    const row = this.rows.get(aggregate.id);
    if (!row || row.version !== aggregate.persistedVersion) return 'VERSION_CONFLICT';
    if (options.appliedEventId !== undefined && row.appliedEvents.includes(options.appliedEventId)) {
      return 'VERSION_CONFLICT';
    }
    this.rows.set(aggregate.id, {
      snapshot: aggregate.toSnapshot(),
      version: aggregate.version,
      appliedEvents:
        options.appliedEventId !== undefined
          ? [...row.appliedEvents, options.appliedEventId]
          : row.appliedEvents,
      history: [...row.history, ...aggregate.recordedHistory],
    });
    this.writes += 1;
    this.published.push(...events);
    return 'SAVED';
  }

  hasApplied(id: string, eventId: string): boolean {
    return this.rows.get(id)?.appliedEvents.includes(eventId) ?? false;
  }

  historyOf(id: string): HistoryEntry[] {
    return [...(this.rows.get(id)?.history ?? [])];
  }

  /** The event types published for one aggregate (its `subject`), in order. */
  eventTypesOf(id: string): string[] {
    return this.published.filter((event) => event.subject === id).map((event) => event.type);
  }
}

/** A page of an in-memory list: the cursor is the index to go on from. */
export function pageOf<T>(items: readonly T[], page: { cursor?: string; limit: number }) {
  const start = page.cursor === undefined ? 0 : Number(page.cursor);
  const slice = items.slice(start, start + page.limit);
  const next = start + slice.length;
  return { items: slice, nextCursor: next < items.length ? String(next) : null };
}
