/** How many applied event ids a document remembers (oldest dropped first). */
export const APPLIED_EVENTS_KEPT = 200;

export const APPLIED_EVENTS_FIELD = 'appliedEvents';

export interface AppliedEventGuard {
  /** Add to the update's filter: matches only if the event was not applied to this document. */
  readonly filter: { appliedEvents: { $ne: string } };
  /** Add to the update: remembers the event id in the same atomic write as the state change. */
  readonly push: { appliedEvents: { $each: string[]; $slice: number } };
}

/**
 * Makes a handler's write idempotent by event id: the state change and the
 * mark "event applied" are one single-document atomic update, so a redelivered
 * event matches nothing and changes nothing.
 *
 *   const guard = appliedEventGuard(event.id);
 *   const result = await readModel.updateOne(
 *     { _id: event.data.employerId, ...guard.filter },
 *     { $inc: { permits: 1 }, $push: { ...guard.push } },
 *   );
 *   // result.matchedCount === 0: already applied (or no such document).
 *
 * With `upsert: true`, a duplicate makes the insert fail with a duplicate-key
 * error (the document exists but the filter does not match): treat
 * isDuplicateKeyError(error) as "already applied".
 *
 * The document keeps the last APPLIED_EVENTS_KEPT ids; events of one
 * aggregate arrive in order, so a duplicate older than that is not expected.
 */
export function appliedEventGuard(eventId: string, kept = APPLIED_EVENTS_KEPT): AppliedEventGuard {
  if (eventId.length === 0) throw new Error('appliedEventGuard needs an event id');
  if (!Number.isInteger(kept) || kept < 1) throw new Error('appliedEventGuard keeps at least one id');
  return {
    filter: { appliedEvents: { $ne: eventId } },
    push: { appliedEvents: { $each: [eventId], $slice: -kept } },
  };
}
