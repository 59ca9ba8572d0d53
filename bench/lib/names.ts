import { randomBytes } from 'node:crypto';

/**
 * Identifier of one benchmark run, used in every database, topic, queue and consumer-group
 * name the run creates, so that concurrent or aborted runs never share state:
 * base-36 time plus random hex, e.g. 'm3x1q2a7-9f3c21'.
 */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * `bench-<purpose>-<runId>` restricted to characters every server accepts in names
 * (Kafka topics, BullMQ queues, FerretDB databases: letters, digits, '-' and '_'; ≤ 63 chars).
 * `separator` '_' gives database-style names.
 */
export function benchName(purpose: string, runId: string, separator: '-' | '_' = '-'): string {
  const raw = ['bench', purpose, runId].join(separator);
  return raw.replace(/[^a-zA-Z0-9_-]/g, separator).slice(0, 63);
}
