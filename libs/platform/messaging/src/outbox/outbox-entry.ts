import {
  ContractViolationError,
  isEventType,
  topicOf,
  validateEnvelope,
  type EventEnvelope,
} from '@frontera/contracts';

/**
 * One event waiting in its aggregate's document to be published.
 *
 * The envelope is stored serialized (`payload`), so event data with arrays,
 * dotted keys or nesting never meets a database limit (FerretDB refuses nested
 * arrays and keys containing "."), and what is published is byte for byte what
 * was validated when the state changed.
 */
export interface OutboxEntry {
  readonly eventId: string;
  readonly topic: string;
  /** Kafka message key: the aggregate id (or employer id for employer-scoped ordering). */
  readonly key: string;
  readonly type: string;
  /** The CloudEvents envelope as JSON. */
  readonly payload: string;
  readonly createdAt: Date;
}

/** The field a document with an embedded outbox carries (added by `outboxPlugin`). */
export interface OutboxFields {
  outbox: OutboxEntry[];
}

export const OUTBOX_FIELD = 'outbox';

export interface OutboxEntryOptions {
  /** Topic of each event; defaults to the catalogue topic of its type. */
  readonly topicFor?: (event: EventEnvelope) => string;
  readonly now?: Date;
}

/**
 * Outbox entries for the events one state change caused, in the order given
 * (which is the order they are published in). Every envelope is validated
 * against its contract first: a broken event is refused here, before anything
 * is written, with a ContractViolationError.
 */
export function outboxEntriesFor(
  events: readonly EventEnvelope[],
  key: string,
  options: OutboxEntryOptions = {},
): OutboxEntry[] {
  if (key.length === 0) throw new Error('outbox entries need a non-empty message key');
  const seen = new Set<string>();
  const createdAt = options.now ?? new Date();
  return events.map((event) => {
    const violations = validateEnvelope(event);
    if (violations.length > 0) {
      throw new ContractViolationError(typeof event.type === 'string' ? event.type : 'unknown', violations);
    }
    if (seen.has(event.id)) throw new Error(`event ${event.id} appears twice in one outbox write`);
    seen.add(event.id);
    // validateEnvelope accepted the type, so it is a catalogue type.
    const topic = options.topicFor?.(event) ?? (isEventType(event.type) ? topicOf(event.type) : '');
    return { eventId: event.id, topic, key, type: event.type, payload: JSON.stringify(event), createdAt };
  });
}

/** A MongoDB update document: operators mapping field paths to values. */
export type UpdateOperators = { readonly [operator: `$${string}`]: object | undefined };

type WithOutboxPush<U> = Omit<U, '$push'> & { $push?: Record<string, unknown> };

function fieldsOf(update: UpdateOperators, operator: `$${string}`): Record<string, unknown> {
  return { ...((update[operator] as Record<string, unknown> | undefined) ?? {}) };
}

/**
 * Adds `$push: { outbox: { $each: entries } }` to an update, keeping its other
 * operators (and other `$push` fields), so the state change and its events are
 * one single-document atomic write.
 */
export function withOutbox<U extends UpdateOperators>(
  update: U,
  entries: readonly OutboxEntry[],
): WithOutboxPush<U> {
  for (const [operator, fields] of Object.entries(update)) {
    if (
      fields &&
      Object.keys(fields).some((path) => path === OUTBOX_FIELD || path.startsWith(`${OUTBOX_FIELD}.`))
    ) {
      throw new Error(
        `the update already touches "${OUTBOX_FIELD}" (${operator}); let withOutbox add the entries`,
      );
    }
  }
  if (entries.length === 0) return update;
  return { ...update, $push: { ...fieldsOf(update, '$push'), [OUTBOX_FIELD]: { $each: [...entries] } } };
}

/**
 * The shape of a repository's one write: the filter holds the version the
 * command was decided on (optimistic concurrency: no match means someone else
 * changed the aggregate, so reload and decide again), the update bumps the
 * version, sets the new state and appends the events to the outbox.
 */
export function versionedOutboxWrite<F extends object, U extends UpdateOperators>(input: {
  readonly filter: F;
  readonly expectedVersion: number;
  readonly update: U;
  readonly entries: readonly OutboxEntry[];
}): { filter: F & { version: number }; update: WithOutboxPush<U> & { $inc: Record<string, unknown> } } {
  const inc = fieldsOf(input.update, '$inc');
  if ('version' in inc || 'version' in fieldsOf(input.update, '$set')) {
    throw new Error('versionedOutboxWrite bumps "version" itself; remove it from the update');
  }
  inc['version'] = 1;
  return {
    filter: { ...input.filter, version: input.expectedVersion },
    update: { ...withOutbox(input.update, input.entries), $inc: inc },
  };
}

/** A new document (version 1) born with the events of its creation in its outbox. */
export function documentWithOutbox<D extends object>(
  document: D,
  entries: readonly OutboxEntry[],
): D & { version: number; outbox: OutboxEntry[] } {
  return { version: 1, ...document, outbox: [...entries] };
}
