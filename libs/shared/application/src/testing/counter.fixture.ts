import {
  ALLOW,
  commandErrorsFor,
  defineErrors,
  deny,
  type Caller,
  type CallerIdentity,
} from '@frontera/shared-kernel';
import type { EventOrigin } from '../commands/command-metadata';
import type { AggregateRepository, SaveOptions, SaveOutcome } from '../ports/aggregate-repository.port';

/** A tiny aggregate for the runner's and the transition table's specs. */
export const CounterErrors = defineErrors('COUNTER', {
  NOT_FOUND: {
    status: 404,
    title: { es: 'No encontrado', en: 'Not found' },
    detail: { es: 'No existe el contador {id}.', en: 'There is no counter {id}.' },
  },
  CLOSED: {
    status: 409,
    title: { es: 'Cerrado', en: 'Closed' },
    detail: { es: 'El contador está cerrado.', en: 'The counter is closed.' },
  },
});
export const CounterCommandErrors = commandErrorsFor('COUNTER');

export type CounterEvent =
  | { type: 'Incremented'; id: string; by: string }
  | { type: 'Closed'; id: string; reason: string };
export type CounterOperation = 'INCREMENT' | 'CLOSE' | 'VIEW';

export class Counter {
  private events: CounterEvent[] = [];
  constructor(
    readonly id: string,
    readonly state: string,
    public value: number,
    public closed: boolean,
    public version: number,
    readonly persistedVersion: number,
    readonly appliedEvents: string[] = [],
  ) {}

  increment(caller: CallerIdentity): void {
    if (this.closed) throw CounterErrors.CLOSED.create();
    this.value += 1;
    this.version += 1;
    this.events.push({ type: 'Incremented', id: this.id, by: caller.id });
  }

  close(_caller: CallerIdentity, reason: string): void {
    if (this.closed) throw CounterErrors.CLOSED.create();
    this.closed = true;
    this.version += 1;
    this.events.push({ type: 'Closed', id: this.id, reason });
  }

  pullEvents(): CounterEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

export interface StoredEvent {
  readonly type: string;
  readonly origin: EventOrigin;
}

export class InMemoryCounters implements AggregateRepository<Counter, string, StoredEvent> {
  readonly rows = new Map<
    string,
    { state: string; value: number; closed: boolean; version: number; applied: string[] }
  >();
  readonly published: StoredEvent[] = [];
  writes = 0;

  given(id: string, state = 'CHP', value = 0): void {
    this.rows.set(id, { state, value, closed: false, version: 1, applied: [] });
  }

  /** Someone wrote without the lock. */
  touch(id: string): void {
    const row = this.rows.get(id);
    if (row) row.version += 1;
  }

  async findById(id: string): Promise<Counter | null> {
    const row = this.rows.get(id);
    return row
      ? new Counter(id, row.state, row.value, row.closed, row.version, row.version, [...row.applied])
      : null;
  }

  async hasAppliedEvent(counter: Counter, eventId: string): Promise<boolean> {
    return counter.appliedEvents.includes(eventId);
  }

  async save(
    counter: Counter,
    events: readonly StoredEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    const row = this.rows.get(counter.id);
    if (!row || row.version !== counter.persistedVersion) return 'VERSION_CONFLICT';
    this.writes += 1;
    this.rows.set(counter.id, {
      state: row.state,
      value: counter.value,
      closed: counter.closed,
      version: counter.version,
      applied: options.appliedEventId ? [...row.applied, options.appliedEventId] : row.applied,
    });
    this.published.push(...events);
    return 'SAVED';
  }
}

export const counterDefinition = {
  lockKey: (id: string) => `counter:${id}`,
  errors: CounterCommandErrors,
  notFound: (id: string) => CounterErrors.NOT_FOUND.create({ id }),
  access: {
    mayAttempt: (caller: Caller, operation: CounterOperation) =>
      caller.role === 'officer' || (operation === 'VIEW' && caller.role === 'supervisor')
        ? ALLOW
        : deny('ROLE_NOT_ALLOWED'),
    mayOperateOn: (caller: Caller, _operation: CounterOperation, counter: Counter) =>
      caller.states.includes(counter.state) ? ALLOW : deny('STATE_OUT_OF_SCOPE'),
  },
  toIntegrationEvents: (events: readonly CounterEvent[], origin: EventOrigin): StoredEvent[] =>
    events.map((e) => ({ type: e.type, origin })),
};
