import { Counter, Gauge, register, type CollectFunction } from 'prom-client';

/**
 * Messaging metrics, registered once on prom-client's default registry (the
 * one a service's /metrics endpoint serves). Asking twice returns the metric
 * already registered, so several consumers, relays or Nest modules in one
 * process never collide.
 */
export const MetricNames = {
  outboxPending: 'frontera_outbox_pending_events',
  outboxPublished: 'frontera_outbox_published_events_total',
  outboxPublishFailures: 'frontera_outbox_publish_failures_total',
  outboxMalformed: 'frontera_outbox_malformed_items_total',
  consumerMessages: 'frontera_consumer_messages_total',
  consumerLag: 'frontera_consumer_lag_messages',
} as const;

function existing<M>(name: string, kind: new (...args: never[]) => M): M | undefined {
  const metric: unknown = register.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) throw new Error(`metric ${name} is already registered with another type`);
  return metric;
}

function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: L[],
  collect?: CollectFunction<Gauge<L>>,
): Gauge<L> {
  return (
    existing<Gauge<L>>(name, Gauge) ??
    new Gauge<L>({ name, help, labelNames, ...(collect ? { collect } : {}) })
  );
}

function counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
  return existing<Counter<L>>(name, Counter) ?? new Counter<L>({ name, help, labelNames });
}

export type PublishPath = 'immediate' | 'relay' | 'direct';

export function outboxPublishedCounter(): Counter<'path'> {
  return counter(MetricNames.outboxPublished, 'Outbox events published to Kafka', ['path']);
}

export function outboxPublishFailuresCounter(): Counter<'path'> {
  return counter(MetricNames.outboxPublishFailures, 'Failed attempts to publish outbox events', ['path']);
}

/** Items of pending outboxes that were neither an entry nor a record: dropped by the relay's prune, never published. */
export function outboxMalformedCounter(): Counter<'collection'> {
  return counter(
    MetricNames.outboxMalformed,
    'Malformed outbox items (neither an event entry nor a record) dropped by the relay, never published',
    ['collection'],
  );
}

export type ConsumerOutcome = 'handled' | 'duplicate' | 'ignored' | 'retried' | 'dead_lettered';

export function consumerMessagesCounter(): Counter<'consumer' | 'topic' | 'outcome'> {
  return counter(MetricNames.consumerMessages, 'Messages seen by event consumers, by outcome', [
    'consumer',
    'topic',
    'outcome',
  ]);
}

export function consumerLagGauge(): Gauge<'group' | 'topic' | 'partition'> {
  return gauge(MetricNames.consumerLag, 'Messages not yet committed by a consumer group, per partition', [
    'group',
    'topic',
    'partition',
  ]);
}

/** Something that can say how many outbox events wait, per collection. */
export interface OutboxBacklogSource {
  pendingCounts(): Promise<Map<string, number>>;
}

const backlogSources = new Set<OutboxBacklogSource>();

/**
 * Registers a relay's backlog with the `frontera_outbox_pending_events` gauge,
 * which is computed on scrape (collect) from every registered source. Returns
 * the function that unregisters it.
 */
export function registerOutboxBacklog(source: OutboxBacklogSource): () => void {
  gauge(
    MetricNames.outboxPending,
    'Outbox events written but not yet published, per collection',
    ['collection'],
    async function collect() {
      this.reset();
      for (const s of backlogSources) {
        try {
          for (const [collection, count] of await s.pendingCounts()) this.set({ collection }, count);
        } catch {
          // Database unreachable: report nothing rather than fail the whole scrape.
        }
      }
    },
  );
  backlogSources.add(source);
  return () => {
    backlogSources.delete(source);
  };
}
