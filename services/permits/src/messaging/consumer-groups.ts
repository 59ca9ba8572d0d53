import { Topics } from '@frontera/contracts';
import type { ConsumerGroupTopics } from '@frontera/platform-messaging';

/**
 * The permits service's consumer groups (`<KAFKA_CONSUMER_GROUP_PREFIX>-<suffix>`) and their topics:
 * the consumers take their group ids and topics from here, and so do the tests and benchmarks that
 * start the groups at the end of the shared topics.
 */
export const PERMITS_CONSUMER_GROUPS = {
  /** Employer standing and public names (EmployerFacts, then the verification entries). */
  employers: [Topics.employer.name],
  /** An approved application becomes a permit. */
  approvals: [Topics.permitApplication.name],
  /** Duplicate detection and the shared-phone signal, after a registration and its first application. */
  workers: [Topics.worker.name, Topics.permitApplication.name],
  /** The verification read model, from the service's own permit events and worker merges. */
  verification: [Topics.permit.name, Topics.worker.name],
  /** Audit outcomes that name permits. */
  'audit-outcomes': [Topics.auditTask.name],
} as const satisfies ConsumerGroupTopics;
