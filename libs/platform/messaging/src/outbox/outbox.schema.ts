import { Schema } from 'mongoose';
import {
  OUTBOX_AT_FIELD,
  OUTBOX_FIELD,
  OUTBOX_PENDING_FIELD,
  OUTBOX_RECORDS_FIELD,
  type OutboxEntry,
  type OutboxRecord,
} from './outbox-entry';

/** Mongoose sub-schema of one outbox entry (no `_id`: entries are found by `eventId`). */
export const OutboxEntrySchema = new Schema<OutboxEntry>(
  {
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    // A field literally named "type" must be declared this way (docs/infrastructure.md).
    type: { type: String, required: true },
    payload: { type: String, required: true },
    createdAt: { type: Date, required: true },
    // W3C trace context of the write (tracing on only): the relay's publish continues the trace.
    traceparent: { type: String },
    tracestate: { type: String },
  },
  { _id: false },
);

/** Mongoose sub-schema of one record for an append-only collection. */
export const OutboxRecordSchema = new Schema<OutboxRecord>(
  {
    id: { type: String, required: true },
    collection: { type: String, required: true },
    payload: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false, suppressReservedKeysWarning: true },
);

export interface OutboxPluginOptions {
  /** Create the index on `outboxPending` the relay's sweep uses (default true). */
  readonly index?: boolean;
}

/**
 * Adds the embedded outbox to an aggregate's schema: the `outbox` and `outboxRecords` lists, the
 * `outboxPending` flag (present only while something is pending) with its index, and `outboxAt`.
 * The relay asks `{ outboxPending: true }`: equality on a top-level field, served by the index on
 * MongoDB and by its GIN companion on FerretDB (docs/decisions/0026), which holds only the pending
 * documents (absent values are not indexed there).
 */
export function outboxPlugin(schema: Schema, options: OutboxPluginOptions = {}): void {
  schema.add({
    [OUTBOX_FIELD]: { type: [OutboxEntrySchema], default: [] },
    [OUTBOX_RECORDS_FIELD]: { type: [OutboxRecordSchema], default: [] },
    [OUTBOX_PENDING_FIELD]: { type: Boolean },
    [OUTBOX_AT_FIELD]: { type: Date },
  });
  if (options.index !== false) schema.index({ [OUTBOX_PENDING_FIELD]: 1 });
}
