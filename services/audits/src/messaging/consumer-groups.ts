import { Topics } from '@frontera/contracts';
import type { ConsumerGroupTopics } from '@frontera/platform-messaging';

/**
 * The audits service's consumer groups (`<KAFKA_CONSUMER_GROUP_PREFIX>-<suffix>`) and their topics:
 * the consumers take their group ids and topics from here, and so do the tests and benchmarks that
 * start the groups at the end of the shared topics.
 */
export const AUDITS_CONSUMER_GROUPS = {
  /** Employer facts: the employer profile and its audit plan (started, changed, cancelled). */
  employers: [Topics.employer.name],
  /** A task's outcome or cancellation ends its audit. */
  'audit-ended': [Topics.auditTask.name],
  /** Complaint triage and the complaint risk factor. */
  complaints: [Topics.complaint.name],
  /** Permit facts: the permit read model and counters; retaliation → a priority audit. */
  permits: [Topics.permit.name],
  /** The shared-contact signal, per employer named. */
  workers: [Topics.worker.name],
  /** The service's own referral events: the referral statistics counters. */
  'referral-statistics': [Topics.referral.name],
} as const satisfies ConsumerGroupTopics;
