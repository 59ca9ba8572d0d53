import type { ChangeHistoryEntry } from '@frontera/employers-domain';
import { AggregateHistory } from '@frontera/platform-store';

/** The change history of every employer, append-only (moved here from each write's outbox records). */
export const EMPLOYER_HISTORY_COLLECTION = 'employer_history';

/**
 * `employer_history`: one document per entry, `_id` = `<employerId>:<version>:<index>`, the
 * employer id as a field of its own (platform-store AggregateHistory). Entries never hold personal
 * data (the domain records such changes without values).
 */
export const EMPLOYER_HISTORY = new AggregateHistory<ChangeHistoryEntry>(
  EMPLOYER_HISTORY_COLLECTION,
  'employerId',
);
