import { Kafka, logLevel, Partitioners, type KafkaConfig, type Producer } from 'kafkajs';
import { applyKafkajsIdleFix } from './request-queue-idle-fix';

export interface KafkaClientOptions {
  readonly clientId: string;
  readonly brokers: string[];
  /** kafkajs log level; defaults to WARN (kafkajs is chatty at INFO). */
  readonly logLevel?: logLevel;
  /** Anything else kafkajs accepts (ssl, sasl, retry…). */
  readonly kafka?: Omit<KafkaConfig, 'clientId' | 'brokers' | 'logLevel'>;
}

/**
 * A kafkajs client; the first call also applies the idle-timer fix to kafkajs
 * (`request-queue-idle-fix.ts`: no 1 ms wake-up per broker connection while nothing is pending).
 */
export function createKafka(options: KafkaClientOptions): Kafka {
  applyKafkajsIdleFix();
  return new Kafka({
    ...options.kafka,
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.logLevel ?? logLevel.WARN,
  });
}

/**
 * The producer every Frontera event goes through: idempotent (no duplicates or
 * reordering from the producer's own retries; needs one request in flight and
 * acks from all in-sync replicas, which the publisher asks for) and the
 * Java-compatible partitioner, so a key lands on the same partition whichever
 * client wrote it.
 */
export function createEventProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
