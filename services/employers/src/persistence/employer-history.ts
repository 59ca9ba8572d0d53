import type { ChangeHistoryEntry } from '@frontera/employers-domain';

/** The change history of every employer, append-only (moved here from each write's outbox records). */
export const EMPLOYER_HISTORY_COLLECTION = 'employer_history';

/**
 * One history entry as stored: `_id` = `<employerId>:<version, 10 digits>:<index, 3 digits>`, so
 * moving an entry twice stores it once and sorting by `_id` gives the history in order; the
 * employer id as a field of its own, for the one query the collection serves (equality, indexed).
 * Entries never hold personal data (the domain records such changes without values).
 */
export interface EmployerHistoryDocument extends ChangeHistoryEntry {
  readonly _id: string;
  readonly employerId: string;
}

export function historyDocumentsOf(
  employerId: string,
  entries: readonly ChangeHistoryEntry[],
): EmployerHistoryDocument[] {
  const perVersion = new Map<number, number>();
  return entries.map((entry) => {
    const index = perVersion.get(entry.version) ?? 0;
    perVersion.set(entry.version, index + 1);
    const id = `${employerId}:${String(entry.version).padStart(10, '0')}:${String(index).padStart(3, '0')}`;
    return { _id: id, employerId, ...entry, actor: { id: entry.actor.id, role: entry.actor.role } };
  });
}
