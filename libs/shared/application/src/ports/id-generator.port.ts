/** New identifiers for entities a service creates. Must match the kernel's ID_PATTERN. */
export interface IdGenerator {
  /** e.g. `newId('ws')` → `ws_01J…`; 1–64 characters of [A-Za-z0-9_-]. */
  newId(prefix: string): string;
}
