import { Schema } from 'mongoose';
import { outboxPlugin, type OutboxFields } from '@frontera/platform-messaging';
import { LIST_PAGE_FIELD, LIST_SEQ_FIELD } from '@frontera/platform-store';

/*
 * The collections of the workers feature besides the workers themselves (persistence/): the
 * officers' lists of possible duplicates, the shared-phone groups and (HashChainedLog, no schema)
 * the personal-data read log. Every query is an equality on an indexed top-level field; nothing
 * here holds personal data in clear (worker ids, scores, keyed blind indexes, ciphertexts).
 */

export const DUPLICATE_REVIEWS_COLLECTION = 'duplicate_reviews';
export const SHARED_CONTACT_GROUPS_COLLECTION = 'shared_contact_groups';
/** Entries of the personal-data read log; its chain heads are in `personal_data_reads_heads`. */
export const READ_LOG_COLLECTION = 'personal_data_reads';

export const WORKER_MODELS = {
  duplicateReview: 'DuplicateReview',
  sharedContactGroup: 'SharedContactGroup',
} as const;

/** The pair's key whichever order it is named in (`<smaller id>|<larger id>`). */
export function pairKeyOf(workerId: string, otherWorkerId: string): string {
  return workerId < otherWorkerId ? `${workerId}|${otherWorkerId}` : `${otherWorkerId}|${workerId}`;
}

/**
 * One flagged pair in one state's list (`_id` = `<state>:<pair key>`: one per state and pair),
 * listed by page buckets of the state's chain (platform-store `readList`), removed by `pairKey`.
 */
export interface DuplicateReviewDocument {
  _id: string;
  state: string;
  pairKey: string;
  workerId: string;
  otherWorkerId: string;
  score: number;
  flaggedAt: string;
  listSeq: number;
  listPage: number;
}

export const DuplicateReviewSchema = new Schema<DuplicateReviewDocument>(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true },
    pairKey: { type: String, required: true },
    workerId: { type: String, required: true },
    otherWorkerId: { type: String, required: true },
    score: { type: Number, required: true },
    flaggedAt: { type: String, required: true },
    [LIST_SEQ_FIELD]: { type: Number, required: true },
    [LIST_PAGE_FIELD]: { type: Number, required: true },
  },
  { minimize: false, versionKey: false, strict: 'throw', collection: DUPLICATE_REVIEWS_COLLECTION },
);
DuplicateReviewSchema.index({ state: 1, [LIST_PAGE_FIELD]: 1 });
DuplicateReviewSchema.index({ pairKey: 1 });

/**
 * The workers signalled as sharing one phone: `_id` is the phone's keyed blind index (its own
 * purpose, never the phone), `groupId` the id the signals carry. Written with the signal's event
 * in its embedded outbox (one single-document write).
 */
export interface SharedContactGroupDocument extends OutboxFields {
  _id: string;
  version: number;
  groupId: string;
  signalledWorkerIds: string[];
  appliedEvents: string[];
  updatedAt: Date;
}

export const SharedContactGroupSchema = new Schema<SharedContactGroupDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    groupId: { type: String, required: true },
    signalledWorkerIds: { type: [String], default: [] },
    appliedEvents: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, strict: 'throw', collection: SHARED_CONTACT_GROUPS_COLLECTION },
);
SharedContactGroupSchema.plugin(outboxPlugin);
