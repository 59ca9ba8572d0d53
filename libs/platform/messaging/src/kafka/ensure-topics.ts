import type { Admin } from 'kafkajs';
import type { TopicSpec } from '@frontera/contracts';

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
}

/**
 * Creates the topics that do not exist yet, with the partitions and retention
 * the catalogue declares. Idempotent: existing topics are left alone
 * (partition counts are never changed here, since that breaks key ordering).
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<EnsureTopicsResult> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: -1, // broker default: 1 locally, 3 in production clusters
        configEntries: [
          { name: 'retention.ms', value: String(spec.retentionMs) },
          { name: 'cleanup.policy', value: 'delete' },
        ],
      })),
    });
  }
  return {
    created: missing.map((s) => s.name),
    existing: specs.filter((s) => existing.has(s.name)).map((s) => s.name),
  };
}
