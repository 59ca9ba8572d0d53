const counters = new Map<string, number>();

/** Deterministic, unique-per-test-file ids that satisfy the domain's id pattern: emp-0001, ws-0002… */
export function nextId(prefix: string): string {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}-${String(n).padStart(4, '0')}`;
}
