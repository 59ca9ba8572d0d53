/**
 * A service's consumer groups: each group's suffix (the group id is
 * `<KAFKA_CONSUMER_GROUP_PREFIX>-<suffix>`) and the topics it reads. Each service declares its table
 * once (`src/messaging/consumer-groups.ts`); its consumers take their group ids and topics from it,
 * and so do the tests and benchmarks that place the groups at the end of the shared topics before
 * the service starts — a group (or a topic of a group) they left out would read every earlier
 * run's events from the beginning.
 */
export type ConsumerGroupTopics = Readonly<Record<string, readonly string[]>>;

/** The group id of `suffix` under `prefix` (KAFKA_CONSUMER_GROUP_PREFIX). */
export function consumerGroupId(prefix: string, suffix: string): string {
  return `${prefix}-${suffix}`;
}

/** The group id and topics of one group of `table`, for a ConsumerDefinition (`...consumerGroup(…)`). */
export function consumerGroup<T extends ConsumerGroupTopics>(
  table: T,
  prefix: string,
  suffix: keyof T & string,
): { readonly groupId: string; readonly topics: string[] } {
  return { groupId: consumerGroupId(prefix, suffix), topics: [...(table[suffix] as readonly string[])] };
}
