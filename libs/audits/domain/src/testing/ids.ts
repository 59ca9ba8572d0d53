const counters = new Map<string, number>();

/** Deterministic, unique-per-test-file ids that satisfy the id pattern: task-0001, inspector-0002… */
export function nextId(prefix: string): string {
  return `${prefix}-${String(nextNumber(prefix)).padStart(4, '0')}`;
}

/** The next value of a named counter (1, 2, 3…). */
export function nextNumber(counter: string): number {
  const n = (counters.get(counter) ?? 0) + 1;
  counters.set(counter, n);
  return n;
}
