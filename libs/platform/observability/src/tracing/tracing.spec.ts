import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { CorrelationContext } from '../correlation/correlation-context';
import {
  contextFromCarrier,
  CORRELATION_ID_ATTRIBUTE,
  flushTracing,
  NON_RECORDING_SPAN,
  setupTracing,
  shutdownTracing,
  SpanKind,
  traceCarrierOf,
  traceCarrierOfSpan,
  traced,
  tracesUrlOf,
  tracingEnabled,
} from './tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;

describe('tracesUrlOf', () => {
  it('is the traces endpoint as given, else <endpoint>/v1/traces, else none (tracing off)', () => {
    expect(tracesUrlOf({ tracesEndpoint: 'http://c:4318/x', endpoint: 'http://d:4318' })).toBe(
      'http://c:4318/x',
    );
    expect(tracesUrlOf({ endpoint: 'http://jaeger:4318/' })).toBe('http://jaeger:4318/v1/traces');
    expect(tracesUrlOf({})).toBeUndefined();
  });
});

describe('tracing off (no endpoint)', () => {
  it('registers nothing: traced hands over the non-recording span, no carrier is produced', async () => {
    expect(setupTracing({ serviceName: 'test' })).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const seen = await traced('work', { kind: SpanKind.INTERNAL }, async (span) => {
      return { span, carrier: traceCarrierOf() };
    });
    expect(seen.span).toBe(NON_RECORDING_SPAN);
    expect(seen.carrier).toBeUndefined();
  });
});

describe('propagation helpers', () => {
  it('reads a valid traceparent (and tracestate) and falls back on a missing or malformed one', () => {
    const fallback = contextFromCarrier(undefined);
    const ctx = contextFromCarrier({ traceparent: TRACEPARENT, tracestate: 'vendor=1' });
    expect(traceCarrierOf(ctx)).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=1' });
    expect(contextFromCarrier({ traceparent: 'not-a-traceparent' }, fallback)).toBe(fallback);
    expect(contextFromCarrier({ traceparent: `00-${'0'.repeat(32)}-${PARENT_ID}-01` }, fallback)).toBe(
      fallback,
    );
    expect(contextFromCarrier({}, fallback)).toBe(fallback);
    // HTTP headers may hold a list.
    expect(traceCarrierOf(contextFromCarrier({ traceparent: [TRACEPARENT] }))).toEqual({
      traceparent: TRACEPARENT,
    });
  });
});

describe('tracing on', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    expect(setupTracing({ serviceName: 'test', exporter })).toBe(true);
  });

  afterAll(async () => {
    await shutdownTracing();
    expect(tracingEnabled()).toBe(false);
  });

  beforeEach(() => exporter.reset());

  it('continues a remote parent, nests children through async work, carries the correlation id', async () => {
    const carried = await CorrelationContext.run({ correlationId: 'corr-12345678' }, () =>
      traced(
        'server',
        { kind: SpanKind.SERVER, parent: contextFromCarrier({ traceparent: TRACEPARENT }) },
        async (server) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return traced('enqueue', { kind: SpanKind.PRODUCER }, async (producer) => ({
            server: server.spanContext().spanId,
            carrier: traceCarrierOfSpan(producer),
            active: traceCarrierOf(),
          }));
        },
      ),
    );
    await flushTracing();
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'server');
    const producer = spans.find((s) => s.name === 'enqueue');
    expect(server?.spanContext().traceId).toBe(TRACE_ID);
    expect(server?.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(producer?.parentSpanContext?.spanId).toBe(carried.server);
    expect(producer?.kind).toBe(SpanKind.PRODUCER);
    // What a producer carries on: its own span, sampled, in the same trace.
    expect(carried.carrier).toEqual({ traceparent: `00-${TRACE_ID}-${producer?.spanContext().spanId}-01` });
    expect(carried.active).toEqual(carried.carrier);
    for (const span of [server, producer]) {
      expect(span?.attributes[CORRELATION_ID_ATTRIBUTE]).toBe('corr-12345678');
      expect(span?.resource.attributes['service.name']).toBe('test');
    }
  });

  it('a failing function fails its span with the error type only (no message: it may quote input)', async () => {
    class LookupError extends Error {
      override name = 'LookupError';
    }
    await expect(
      traced('fails', { kind: SpanKind.CONSUMER }, async () => {
        throw new LookupError('no worker with document 1234567890123');
      }),
    ).rejects.toThrow(LookupError);
    await flushTracing();
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: 2, message: 'LookupError' });
    expect(span.attributes['error.type']).toBe('LookupError');
    expect(
      JSON.stringify({ attributes: span.attributes, events: span.events, status: span.status }),
    ).not.toContain('1234567890123');
  });
});
