import { Topics } from '@frontera/contracts';
import type { ConsumerGroupTopics } from '@frontera/platform-messaging';

/**
 * The employers service's consumer groups (`<KAFKA_CONSUMER_GROUP_PREFIX>-<suffix>`) and their
 * topics: the consumers take their group ids and topics from here, and so do the tests and
 * benchmarks that start the groups at the end of the shared topics.
 */
export const EMPLOYERS_CONSUMER_GROUPS = {
  /** Audit outcomes: the compliance rating. */
  'audit-outcomes': [Topics.auditTask.name],
  /** Risk changes computed by audits. */
  risk: [Topics.risk.name],
  /** Permit issuance and ends: the worksites' headcount. */
  permits: [Topics.permit.name],
} as const satisfies ConsumerGroupTopics;
