import type { MongoClient } from 'mongodb';
import { PENDING_FILTER } from '@frontera/platform-messaging';
import { now } from '../lib';

/** Driver commands that are round trips to the data (not the driver's own housekeeping). */
const DATA_COMMANDS = new Set(['find', 'insert', 'update', 'delete', 'findAndModify', 'aggregate', 'count']);
const PENDING = JSON.stringify(PENDING_FILTER);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

interface Started {
  readonly name: string;
  readonly collection: string;
  /** insert: the documents' ids; update: the first update's `_id` filter. */
  readonly ids: readonly string[];
  readonly set?: Record<string, unknown>;
}

export interface CommandCount {
  /** The run's commands (see {@link DbMonitor.mark}): `<command> <collection>` → count. */
  readonly byKind: Record<string, number>;
  readonly total: number;
  /** Every data command of the service's connection meanwhile, other apps' events included. */
  readonly all: number;
  /** The outbox relay's periodic scans of pending documents (background, not the measured path). */
  readonly relayScans: number;
}

/**
 * The service's database commands, from the MongoDB driver's command monitoring (the AppModule's
 * `monitorCommands` option), as services/employers/test/performance/round-trips.int-spec.ts counts
 * them: counts per command and collection in a window, and callbacks when an insert or update of
 * a given collection succeeded (the moment a plan is stored).
 */
export class DbMonitor {
  private readonly started = new Map<number, Started>();
  private counts = new Map<string, number>();
  private all = 0;
  private relayScans = 0;
  private markers: readonly string[] = [];
  private readonly eventIds = new Set<string>();
  private readonly onSucceeded: ((command: Started, at: bigint) => void)[] = [];

  constructor(client: MongoClient, databaseName: string) {
    client.on('commandStarted', (event) => {
      if (event.databaseName !== databaseName || !DATA_COMMANDS.has(event.commandName)) return;
      const command = event.command as Record<string, unknown>;
      const collection = String(command[event.commandName]);
      const filter = command['filter'];
      if (event.commandName === 'find' && JSON.stringify(filter) === PENDING) {
        this.relayScans += 1;
        return;
      }
      this.all += 1;
      if (this.isMine(command)) {
        const kind = `${event.commandName} ${collection}`;
        this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
      }
      if (this.onSucceeded.length === 0) return;
      if (event.commandName === 'insert') {
        const documents = (command['documents'] as { _id?: unknown }[] | undefined) ?? [];
        this.started.set(event.requestId, {
          name: 'insert',
          collection,
          ids: documents.map((d) => String(d._id)),
        });
      } else if (event.commandName === 'update') {
        const first = (
          command['updates'] as { q?: { _id?: unknown }; u?: { $set?: Record<string, unknown> } }[]
        )[0];
        this.started.set(event.requestId, {
          name: 'update',
          collection,
          ids: first?.q?._id !== undefined ? [String(first.q._id)] : [],
          ...(first?.u?.$set ? { set: first.u.$set } : {}),
        });
      }
    });
    client.on('commandSucceeded', (event) => {
      const started = this.started.get(event.requestId);
      if (!started) return;
      this.started.delete(event.requestId);
      const at = now();
      for (const listener of this.onSucceeded) listener(started, at);
    });
    client.on('commandFailed', (event) => {
      this.started.delete(event.requestId);
    });
  }

  /**
   * What counts as the run's: a command naming one of `markers` (the run's id prefix, which every
   * employer, plan and task id of the run carries; the day buckets a tick reads) or the id of an
   * event the run published (the inbox records). The service consumes the shared topics, so other
   * apps' events (decision 0033) reach it meanwhile: their commands are counted in `all` only.
   * `['']` counts every command (a tick, with the consumers paused).
   */
  mark(markers: readonly string[]): void {
    this.markers = [...markers];
  }

  /** An event the run published: the inbox's commands for it are the run's. */
  markEvent(eventId: string): void {
    this.eventIds.add(eventId);
  }

  private isMine(command: Record<string, unknown>): boolean {
    const text = JSON.stringify(command);
    if (this.markers.some((m) => text.includes(m))) return true;
    for (const uuid of text.match(UUID) ?? []) if (this.eventIds.has(uuid)) return true;
    return false;
  }

  /** Calls `listener` after each successful insert or update of `collection`. */
  watch(collection: string, listener: (command: Started, at: bigint) => void): () => void {
    const wrapped = (command: Started, at: bigint) => {
      if (command.collection === collection) listener(command, at);
    };
    this.onSucceeded.push(wrapped);
    return () => {
      const i = this.onSucceeded.indexOf(wrapped);
      if (i >= 0) this.onSucceeded.splice(i, 1);
    };
  }

  reset(): void {
    this.counts = new Map();
    this.all = 0;
    this.relayScans = 0;
  }

  snapshot(): CommandCount {
    const byKind = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return {
      byKind,
      total: Object.values(byKind).reduce((a, b) => a + b, 0),
      all: this.all,
      relayScans: this.relayScans,
    };
  }
}
