/** New identifiers for entities the service creates (worksites). Must match the contracts' id pattern. */
export interface IdGenerator {
  /** e.g. `newId('ws')` → `ws_01J…`; 1–64 characters of [A-Za-z0-9_-]. */
  newId(prefix: string): string;
}
