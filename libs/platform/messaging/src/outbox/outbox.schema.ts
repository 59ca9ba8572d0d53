import { Schema } from 'mongoose';
import { OUTBOX_FIELD, type OutboxEntry } from './outbox-entry';

/** Mongoose sub-schema of one outbox entry (no `_id`: entries are found by `eventId`). */
export const OutboxEntrySchema = new Schema<OutboxEntry>(
  {
    eventId: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    // A field literally named "type" must be declared this way (see docs/infrastructure.md).
    type: { type: String, required: true },
    payload: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

export interface OutboxPluginOptions {
  /** Create the `outbox.createdAt` index the relay's sweep uses (default true). */
  readonly index?: boolean;
}

/**
 * Adds the embedded outbox to an aggregate's schema: the `outbox` array and an
 * index on `outbox.createdAt` for the relay's sweep (a multikey index on
 * MongoDB; FerretDB accepts it too).
 */
export function outboxPlugin(schema: Schema, options: OutboxPluginOptions = {}): void {
  schema.add({ [OUTBOX_FIELD]: { type: [OutboxEntrySchema], default: [] } });
  if (options.index !== false) schema.index({ [`${OUTBOX_FIELD}.createdAt`]: 1 });
}
