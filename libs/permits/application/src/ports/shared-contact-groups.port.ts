import type { SaveOutcome } from '@frontera/shared-application';
import type { PermitsIntegrationEvent } from '../events/integration-events';

/** The workers already signalled as sharing one phone, and the id the signals of that group carry. */
export interface SharedContactGroup {
  /** The group's own id (`frontera.worker.contact.shared` subject and key): never the phone. */
  readonly groupId: string;
  readonly signalledWorkerIds: readonly string[];
  readonly version: number;
}

/**
 * One small record per shared phone (the adapter keys it by the phone's keyed blind index), written
 * with the signal's event in one single-document write (an outbox), so the signal is published if
 * and only if the group it records is stored.
 */
export interface SharedContactGroupRepository {
  /**
   * An opaque key of the phone (`Worker.phoneKey()`) — the adapter's keyed blind index, never the
   * phone — for the group's lock and record.
   */
  keyOf(phoneKey: string): string;
  find(key: string): Promise<SharedContactGroup | null>;
  /**
   * Stores the group with `events` in one write if the stored version is still `expectedVersion`
   * (0: no record yet); VERSION_CONFLICT otherwise (nothing written).
   */
  store(
    key: string,
    group: { readonly groupId: string; readonly signalledWorkerIds: readonly string[] },
    expectedVersion: number,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<SaveOutcome>;
}
