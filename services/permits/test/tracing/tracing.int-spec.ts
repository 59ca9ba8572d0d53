import { randomBytes, randomUUID } from 'node:crypto';
import { JobsService, queuePrefixFor } from '@frontera/platform-jobs';
import {
  CORRELATION_ID_ATTRIBUTE,
  flushTracing,
  setupTracing,
  shutdownTracing,
} from '@frontera/platform-observability';
import { OtlpReceiver, OtlpSpanKind, waitFor, type ReceivedSpan } from '@frontera/platform-testing';
import { Topics } from '@frontera/contracts';
import { QUEUES } from '../../src/jobs/queues';
import { WORKER_CHECKS_CONSUMER } from '../../src/workers/worker-registered.consumer';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';
import { rosterCsv, validRows } from '../rosters/roster-files';

jest.setTimeout(240_000);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * One story step, one trace (issue 12): a roster upload over HTTP enqueues the import job, whose
 * worker registers the workers (their events written with the outbox), which the service's own
 * worker-checks consumer applies — every hop a span of the trace the client's traceparent started,
 * exported over OTLP/HTTP to a real receiver (node:http, JSON) on the real Kafka, Redis and FerretDB.
 */
describe('tracing: HTTP → BullMQ job → outbox → Kafka → consumer, one trace (real servers, OTLP/HTTP)', () => {
  let receiver: OtlpReceiver;
  let t: PermitsTestApp;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    // As runService does with OTEL_EXPORTER_OTLP_ENDPOINT set.
    expect(setupTracing({ serviceName: 'permits', endpoint: receiver.endpoint })).toBe(true);
    t = await startPermitsApp();
  });

  afterAll(async () => {
    await t?.close();
    await shutdownTracing();
    await receiver?.close();
  });

  async function upload(employer: GivenEmployer, csv: string, headers: Record<string, string>) {
    let req = t.http
      .post(`/worksites/${employer.worksiteId}/rosters`)
      .set('Authorization', await t.callers.employer(employer.employerId))
      .set('Content-Type', 'text/csv');
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send(Buffer.from(csv, 'utf8')).expect(202);
  }

  const one = (spans: readonly ReceivedSpan[], what: string, test: (s: ReceivedSpan) => boolean) => {
    const found = spans.filter(test);
    if (found.length !== 1) {
      throw new Error(`expected one ${what}, found ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
    }
    return found[0];
  };

  /**
   * Spans of the trace, once each of the `workers` registration events published has its worker-checks
   * consumer span (flushing meanwhile). The same consumer also takes the applications' events, whose
   * spans may come first.
   */
  function traceWithConsumer(traceId: string, workers: number): Promise<ReceivedSpan[]> {
    return waitFor(
      async () => {
        await flushTracing();
        const spans = receiver.spansOf(traceId);
        const onWorkerTopic = (s: ReceivedSpan) =>
          s.attributes['messaging.destination.name'] === Topics.worker.name;
        const published = spans.filter(
          (s) =>
            s.kind === OtlpSpanKind.PRODUCER &&
            s.attributes['messaging.system'] === 'kafka' &&
            onWorkerTopic(s),
        );
        const consumed = spans.filter(
          (s) =>
            s.kind === OtlpSpanKind.CONSUMER &&
            s.attributes['frontera.consumer'] === WORKER_CHECKS_CONSUMER &&
            onWorkerTopic(s),
        );
        const all =
          published.length >= workers &&
          published.every((p) => consumed.some((c) => c.parentSpanId === p.spanId));
        return all ? spans : undefined;
      },
      `the worker-checks consumer span of trace ${traceId}`,
      120_000,
      200,
    );
  }

  it('a client traceparent is continued by the HTTP span, the job enqueue and worker, the outbox publish and the consumer; every span carries the correlation id, none personal data', async () => {
    const employer = await anActiveEmployer(t);
    const rows = validRows(2);
    const traceId = hex(16);
    const clientSpanId = hex(8);
    const correlationId = `trace-test-${randomUUID()}`;

    const accepted = await upload(employer, rosterCsv(rows), {
      traceparent: `00-${traceId}-${clientSpanId}-01`,
      'x-correlation-id': correlationId,
    });
    const importId = accepted.body.id as string;

    const spans = await traceWithConsumer(traceId, rows.length);

    // HTTP server span: the client's span is its parent; route template, status, correlation id.
    const server = one(spans, 'HTTP server span', (s) => s.kind === OtlpSpanKind.SERVER);
    expect(server).toMatchObject({
      parentSpanId: clientSpanId,
      name: 'POST /worksites/:worksiteId/rosters',
      serviceName: 'permits',
      attributes: expect.objectContaining({
        'http.request.method': 'POST',
        'http.route': '/worksites/:worksiteId/rosters',
        'http.response.status_code': 202,
      }) as unknown,
    });

    // The job: enqueued inside the request, processed by the worker as the enqueue's child.
    const queue = QUEUES.rosterImport.name;
    const enqueue = one(
      spans,
      'job enqueue span',
      (s) => s.kind === OtlpSpanKind.PRODUCER && s.attributes['messaging.system'] === 'bullmq',
    );
    expect(enqueue).toMatchObject({ parentSpanId: server.spanId, name: `${queue} enqueue` });
    const worker = one(
      spans,
      'job worker span',
      (s) => s.kind === OtlpSpanKind.CONSUMER && s.attributes['messaging.system'] === 'bullmq',
    );
    expect(worker).toMatchObject({ parentSpanId: enqueue.spanId, name: `${queue} process` });
    // The job data carries the traceparent of its enqueue span (nothing else of the trace).
    const redis = t.app.get(JobsService).producerConnection;
    const prefix = queuePrefixFor(t.connection.db?.databaseName ?? '');
    const job = await redis.hgetall(`${prefix}:${queue}:${importId}-v1`);
    const data = JSON.parse(job['data'] ?? '{}') as Record<string, unknown>;
    expect(data['traceparent']).toBe(`00-${traceId}-${enqueue.spanId}-01`);

    // The outbox publish of the workers' events continues the worker's context stored with the
    // entries; the service's own consumer continues the producer span from the record headers.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const descendsFrom = (span: ReceivedSpan, ancestor: ReceivedSpan): boolean => {
      for (let at = byId.get(span.parentSpanId); at; at = byId.get(at.parentSpanId)) {
        if (at.spanId === ancestor.spanId) return true;
      }
      return false;
    };
    const producers = spans.filter(
      (s) =>
        s.kind === OtlpSpanKind.PRODUCER &&
        s.attributes['messaging.system'] === 'kafka' &&
        s.attributes['messaging.destination.name'] === Topics.worker.name,
    );
    expect(producers.length).toBeGreaterThanOrEqual(rows.length);
    for (const producer of producers) {
      expect(producer.name).toBe(`${Topics.worker.name} publish`);
      expect(descendsFrom(producer, worker)).toBe(true);
    }
    const consumer = one(
      spans,
      'worker-checks consumer span',
      (s) =>
        s.kind === OtlpSpanKind.CONSUMER &&
        s.attributes['frontera.consumer'] === WORKER_CHECKS_CONSUMER &&
        s.parentSpanId === producers[0].spanId,
    );
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': Topics.worker.name,
      'messaging.message.id': producers[0].attributes['messaging.message.id'],
      'frontera.event.type': 'frontera.worker.registered',
    });

    // Every span of the trace carries the request's correlation id.
    for (const span of spans)
      expect([span.name, span.attributes[CORRELATION_ID_ATTRIBUTE]]).toEqual([span.name, correlationId]);
    // No personal data of the roster in anything exported.
    const exported = receiver.bodies.join('\n');
    for (const row of rows) {
      for (const value of [
        row['identityDocument.number'],
        row['surnames.first'] + ' ',
        row.phone,
        row.dateOfBirth,
      ]) {
        expect(exported).not.toContain(value);
      }
    }
  });

  it('without a traceparent (a client that sent none, through the entry point) the HTTP span starts the trace and the job continues it', async () => {
    const employer = await anActiveEmployer(t);
    const before = new Set(receiver.spans.map((s) => s.spanId));
    const correlationId = `trace-test-${randomUUID()}`;

    await upload(employer, rosterCsv(validRows(1)), { 'x-correlation-id': correlationId });

    const server = await waitFor(
      async () => {
        await flushTracing();
        return receiver.spans.find(
          (s) =>
            !before.has(s.spanId) &&
            s.kind === OtlpSpanKind.SERVER &&
            s.attributes[CORRELATION_ID_ATTRIBUTE] === correlationId,
        );
      },
      'the HTTP server span',
      60_000,
      200,
    );
    expect(server.parentSpanId).toBe('');
    const spans = await traceWithConsumer(server.traceId, 1);
    expect(
      spans.some((s) => s.parentSpanId === server.spanId && s.attributes['messaging.system'] === 'bullmq'),
    ).toBe(true);
  });
});
