import type { Admin } from 'kafkajs';
import type { TopicSpec } from '@frontera/contracts';

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
}

export interface EnsureTopicsOptions {
  /** Replicas of each new topic; default -1: the brokers' default.replication.factor. */
  readonly replicationFactor?: number;
  /** Longest wait for every new partition to have a leader (default 30 s). */
  readonly leaderTimeoutMs?: number;
}

/**
 * Creates the topics that do not exist yet, with the partitions and retention
 * the catalogue declares. Idempotent: existing topics are left alone
 * (partition counts and replication are never changed here, since that breaks key ordering).
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  const replicationFactor = options.replicationFactor ?? -1;
  if (replicationFactor !== -1 && !(Number.isInteger(replicationFactor) && replicationFactor >= 1)) {
    throw new Error(
      `replication factor ${replicationFactor} must be a whole number ≥ 1 (or -1: the brokers' default)`,
    );
  }
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: false, // waited for below: kafkajs' own wait fails on a cluster (see waitForLeaders)
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor, // default: the brokers' (1 on the single node, 3 on the local cluster and in production)
        configEntries: [
          { name: 'retention.ms', value: String(spec.retentionMs) },
          { name: 'cleanup.policy', value: 'delete' },
        ],
      })),
    });
    await waitForLeaders(
      admin,
      missing.map((s) => s.name),
      options.leaderTimeoutMs ?? 30_000,
    );
  }
  return {
    created: missing.map((s) => s.name),
    existing: specs.filter((s) => existing.has(s.name)).map((s) => s.name),
  };
}

/**
 * Waits until every partition of the topics has a leader. kafkajs' `waitForLeaders` retries only
 * "leader not available"; on a cluster the broker it asks may not know a new topic yet ("This
 * server does not host this topic-partition") and kafkajs gives up at once: that is retried here.
 */
async function waitForLeaders(admin: Admin, topics: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...topics] });
      const led = found.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (led.length === topics.length) return;
      last = `${led.length} of ${topics.length} topics have leaders`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline)
      throw new Error(`topics created but without leaders after ${timeoutMs} ms (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
