import type { PurgeSpec } from '@frontera/platform-jobs';
import { IDEMPOTENCY_COLLECTION } from './idempotency.store';

/** Expired Idempotency-Key records (`idempotency_keys`, by `expiresAt`). */
export function idempotencyKeysPurge(): PurgeSpec {
  return {
    name: 'idempotencyKeys',
    collection: IDEMPOTENCY_COLLECTION,
    filter: ({ now }) => ({ expiresAt: { $lte: now } }),
  };
}
