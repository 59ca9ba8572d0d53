import type { Admin } from 'kafkajs';
import { abortableDelay } from '../support/abortable-delay';
import { defaultLogger, errorMessage, type MessagingLogger } from '../support/logger';
import { consumerLagGauge } from './messaging-metrics';

export interface ConsumerLagTarget {
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface LagSample {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** Messages after the group's committed offset (all retained messages if it never committed). */
  readonly lag: number;
}

export interface ConsumerLagMonitorOptions {
  /** A connected admin client (its owner connects and disconnects it). */
  readonly admin: Admin;
  readonly targets?: readonly ConsumerLagTarget[];
  /** How often lag is computed (default 15 000 ms, about one scrape interval). */
  readonly intervalMs?: number;
  readonly logger?: MessagingLogger;
}

/** Lag of one partition from the group's committed offset and the partition's low and high watermarks. */
export function partitionLag(committed: string, low: string, high: string): number {
  const end = Number(high);
  const committedOffset = Number(committed);
  const start = committedOffset >= 0 ? Math.max(committedOffset, Number(low)) : Number(low);
  return Math.max(0, end - start);
}

/**
 * Computes `frontera_consumer_lag_messages{group,topic,partition}` periodically
 * from the committed offsets of each group (admin.fetchOffsets) and the end of
 * each partition (admin.fetchTopicOffsets). Periodic rather than on scrape, so
 * a scrape never waits on Kafka.
 */
export class ConsumerLagMonitor {
  private readonly admin: Admin;
  private readonly targets: ConsumerLagTarget[];
  private readonly intervalMs: number;
  private readonly logger: MessagingLogger;
  private readonly gauge = consumerLagGauge();
  private stopping?: AbortController;
  private loop?: Promise<void>;

  constructor(options: ConsumerLagMonitorOptions) {
    this.admin = options.admin;
    this.targets = [...(options.targets ?? [])];
    this.intervalMs = options.intervalMs ?? 15_000;
    this.logger = options.logger ?? defaultLogger(ConsumerLagMonitor.name);
  }

  addTarget(target: ConsumerLagTarget): void {
    this.targets.push(target);
  }

  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = (async () => {
      while (!stopping.signal.aborted) {
        try {
          await this.refresh();
        } catch (error) {
          this.logger.warn(`consumer lag not computed (${errorMessage(error)})`);
        }
        await abortableDelay(this.intervalMs, stopping.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
  }

  /** Computes the lag of every target now and updates the gauge. */
  async refresh(): Promise<LagSample[]> {
    const samples: LagSample[] = [];
    const ends = new Map<string, Map<number, { low: string; high: string }>>();
    for (const target of this.targets) {
      const committed = await this.admin.fetchOffsets({
        groupId: target.groupId,
        topics: [...target.topics],
      });
      for (const { topic, partitions } of committed) {
        let topicEnds = ends.get(topic);
        if (!topicEnds) {
          topicEnds = new Map((await this.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
          ends.set(topic, topicEnds);
        }
        for (const { partition, offset } of partitions) {
          const end = topicEnds.get(partition);
          if (!end) continue;
          const lag = partitionLag(offset, end.low, end.high);
          samples.push({ group: target.groupId, topic, partition, lag });
          this.gauge.set({ group: target.groupId, topic, partition: String(partition) }, lag);
        }
      }
    }
    return samples;
  }
}
