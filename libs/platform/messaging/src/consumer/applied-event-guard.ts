/** How many applied event ids a document remembers (oldest dropped first). */
export const APPLIED_EVENTS_KEPT = 200;

export const APPLIED_EVENTS_FIELD = 'appliedEvents';

export interface AppliedEventGuard {
  /** Add to the update's filter: matches only if the event was not applied to this document. */
  readonly filter: { appliedEvents: { $ne: string } };
  /** Add to the update's `$set`: the loaded ids with this one added, the oldest dropped. */
  readonly set: { appliedEvents: string[] };
  /** The loaded document lists the event already: skip the write. */
  readonly alreadyApplied: boolean;
}

/**
 * The remembered event ids after applying `eventId`: `applied` (as loaded) with it added at the
 * end, keeping the last `kept`. Unchanged (but bounded) when it is there already. Pure.
 */
export function appliedEventsWith(
  applied: readonly string[] | null | undefined,
  eventId: string,
  kept = APPLIED_EVENTS_KEPT,
): string[] {
  if (eventId.length === 0) throw new Error('appliedEventGuard needs an event id');
  if (!Number.isInteger(kept) || kept < 1) throw new Error('appliedEventGuard keeps at least one id');
  const list = [...(applied ?? [])];
  if (!list.includes(eventId)) list.push(eventId);
  return list.slice(-kept);
}

/**
 * Makes a handler's write idempotent by event id: the state change and the mark "event applied"
 * are one single-document update, so a redelivered event matches nothing and changes nothing.
 *
 *   const loaded = await readModel.findOne({ _id: employerId }, { projection: { appliedEvents: 1 } });
 *   const guard = appliedEventGuard(event.id, loaded?.appliedEvents);
 *   if (guard.alreadyApplied) return;
 *   const result = await readModel.updateOne(
 *     { _id: employerId, ...guard.filter },
 *     { $inc: { permits: 1 }, $set: { ...guard.set } },
 *   );
 *   // result.matchedCount === 0: already applied (or no such document).
 *
 * The list is computed here and `$set`, not `$push … $slice`
 * (docs/decisions/0014-applied-event-ids-computed-and-set.md): the write replaces the list as
 * loaded, so the document must not be written concurrently between the read and the write — hold
 * the aggregate's lock, or key the read model so that one partition writes it.
 *
 * With `upsert: true`, a duplicate makes the insert fail with a duplicate-key error (the
 * document exists but the filter does not match): treat isDuplicateKeyError(error) as "already
 * applied".
 *
 * The document keeps the last `kept` ids (APPLIED_EVENTS_KEPT); events of one aggregate arrive
 * in order, so a duplicate older than that is not expected.
 */
export function appliedEventGuard(
  eventId: string,
  applied: readonly string[] | null | undefined,
  kept = APPLIED_EVENTS_KEPT,
): AppliedEventGuard {
  return {
    filter: { appliedEvents: { $ne: eventId } },
    set: { appliedEvents: appliedEventsWith(applied, eventId, kept) },
    alreadyApplied: applied?.includes(eventId) ?? false,
  };
}
