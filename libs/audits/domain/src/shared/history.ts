// The history entry every context records (kept as this file so the context's imports stay).
export {
  describeChange,
  historyEntry,
  PERSONAL_DATA_SUMMARY,
  type HistoryContext,
  type HistoryEntry,
} from '@frontera/shared-kernel';
