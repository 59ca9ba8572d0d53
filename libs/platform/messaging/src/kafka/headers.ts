import type { IHeaders } from 'kafkajs';
import { CLOUDEVENTS_CONTENT_TYPE } from '@frontera/contracts';

/**
 * Kafka header names. Events travel in CloudEvents structured mode (the whole
 * envelope is the JSON value); `ce_id` and `ce_type` are copied into headers so
 * tools can route and inspect messages without parsing the value.
 */
export const EventHeaders = {
  contentType: 'content-type',
  id: 'ce_id',
  type: 'ce_type',
  /** W3C trace context of the publish (docs/decisions/0043). */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Headers a dead-lettered message carries, next to its original headers. */
export const DeadLetterHeaders = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  /** Why it failed. Never personal data: handler errors must not carry any. */
  error: 'dlq-error',
  /** `contract-violation`, `non-retriable` or `retries-exhausted`. */
  reason: 'dlq-reason',
  attempts: 'dlq-attempts',
  consumer: 'dlq-consumer',
  group: 'dlq-group',
  failedAt: 'dlq-failed-at',
} as const;

export function eventHeaders(event: { readonly eventId: string; readonly type: string }): IHeaders {
  return {
    [EventHeaders.contentType]: CLOUDEVENTS_CONTENT_TYPE,
    [EventHeaders.id]: event.eventId,
    [EventHeaders.type]: event.type,
  };
}

/** A header as text (kafkajs hands headers over as Buffers), or undefined. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}
