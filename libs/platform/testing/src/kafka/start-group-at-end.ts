import type { Admin, Kafka } from 'kafkajs';

/**
 * Commits offsets at the current end of `topics` for a consumer group that has not started yet,
 * so it reads only what is published from now on — test runs share the catalogue topics, and a
 * new group reading them from the beginning would replay every earlier run's events.
 * (kafkajs' admin.setOffsets does the same but waits ~5 s for a fetch; a short-lived member of
 * the group commits in a few milliseconds.)
 */
export async function startGroupAtEnd(
  kafka: Kafka,
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
  );
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: 50, rebalanceTimeout: 1_000 });
  const joined = new Promise<void>((resolve) => member.on(member.events.GROUP_JOIN, () => resolve()));
  await member.connect();
  try {
    await member.subscribe({ topics: [...topics], fromBeginning: false });
    await member.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await joined;
    await member.commitOffsets(
      ends.flatMap(({ topic, partitions }) =>
        partitions.map((p) => ({ topic, partition: p.partition, offset: p.high })),
      ),
    );
  } finally {
    await member.disconnect();
  }
}

/**
 * Every group of a service's consumer-group table (`src/messaging/consumer-groups.ts`: suffix →
 * topics) started at the end of all its topics, under `prefix` (KAFKA_CONSUMER_GROUP_PREFIX); one
 * join per group. Returns the group ids.
 */
export async function startGroupsAtEnd(
  kafka: Kafka,
  admin: Admin,
  prefix: string,
  table: Readonly<Record<string, readonly string[]>>,
): Promise<string[]> {
  const groups = Object.entries(table).map(([suffix, topics]) => ({
    groupId: `${prefix}-${suffix}`,
    topics,
  }));
  await Promise.all(groups.map(({ groupId, topics }) => startGroupAtEnd(kafka, admin, groupId, topics)));
  return groups.map((g) => g.groupId);
}
