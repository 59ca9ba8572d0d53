/**
 * Every Kafka topic Frontera uses, declared once.
 *
 * Topics are per aggregate and keyed by the aggregate id (employer id for
 * employer-scoped ordering). Each event topic has a dead-letter companion that
 * receives messages a consumer could not process after bounded retries.
 * Topics are created from this catalogue before any consumer starts
 * (kafkajs in KRaft mode misbehaves when a consumer subscribes to a topic
 * that is auto-created later).
 */
export interface TopicSpec {
  /** Full topic name. */
  readonly name: string;
  /** What the topic carries and what its message key is. */
  readonly description: string;
  readonly partitions: number;
  /** Retention in milliseconds; -1 keeps messages forever. */
  readonly retentionMs: number;
  /** Name of the dead-letter companion topic, if any. */
  readonly deadLetter?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Suffix of every dead-letter topic. */
export const DEAD_LETTER_SUFFIX = '.dlq';

const EVENT_PARTITIONS = 6;
const EVENT_RETENTION_MS = 14 * DAY_MS;
const DEAD_LETTER_PARTITIONS = 1;
const DEAD_LETTER_RETENTION_MS = 60 * DAY_MS;

function eventTopic(name: string, description: string): TopicSpec {
  return {
    name,
    description,
    partitions: EVENT_PARTITIONS,
    retentionMs: EVENT_RETENTION_MS,
    deadLetter: `${name}${DEAD_LETTER_SUFFIX}`,
  };
}

/** Event topics by aggregate. Keys are the stable names code refers to. */
export const Topics = {
  employer: eventTopic('frontera.employers.employer.v1', 'Employer and worksite events; key = employerId'),
  worker: eventTopic(
    'frontera.permits.worker.v1',
    'Worker events (ids only, never personal data); key = workerId',
  ),
  permitApplication: eventTopic(
    'frontera.permits.application.v1',
    'Permit application events; key = employerId',
  ),
  permit: eventTopic('frontera.permits.permit.v1', 'Permit lifecycle events; key = employerId'),
  auditTask: eventTopic(
    'frontera.audits.task.v1',
    'Audit task, finding and outcome events; key = employerId',
  ),
  risk: eventTopic('frontera.audits.risk.v1', 'Employer risk score changes; key = employerId'),
  complaint: eventTopic('frontera.audits.complaint.v1', 'Complaint events; key = complaintId'),
  referral: eventTopic(
    'frontera.audits.referral.v1',
    'Referrals to prosecutors, victim services and labour authority; key = referralId',
  ),
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof Topics;

/**
 * What the operators' dead-letter tool replayed (tools/ops/dead-letters.ts, decision 0048): one
 * record per replayed dead letter, key = `<dead-letter topic>:<partition>:<offset>`, value = ids,
 * offsets and times only. Read before a replay so that a dead letter is republished once.
 * Kept as long as dead letters are.
 */
export const DeadLetterReplaysTopic: TopicSpec = {
  name: 'frontera.ops.dead-letter-replays.v1',
  description: 'Dead letters replayed to their topic by operators; key = <dlq topic>:<partition>:<offset>',
  partitions: 1,
  retentionMs: DEAD_LETTER_RETENTION_MS,
};

/** Every topic to create: event topics, their dead-letter companions and the replay log. */
export function allTopicSpecs(): TopicSpec[] {
  const specs: TopicSpec[] = [];
  for (const topic of Object.values(Topics)) {
    specs.push(topic);
    if (topic.deadLetter) {
      specs.push({
        name: topic.deadLetter,
        description: `Dead letters of ${topic.name}`,
        partitions: DEAD_LETTER_PARTITIONS,
        retentionMs: DEAD_LETTER_RETENTION_MS,
      });
    }
  }
  specs.push(DeadLetterReplaysTopic);
  return specs;
}
