import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  setupTracing,
  shutdownTracing,
  SpanKind,
  traceCarrierOfSpan,
  traced,
} from '@frontera/platform-observability';
import { anEmployerEvent } from '../../test/support/event-builders';
import { outboxEntriesFor, pendingOutboxOf } from './outbox-entry';

describe('outbox entries and trace context', () => {
  it('with tracing off, an entry carries no trace context (even inside a span-less request)', () => {
    const employer = anEmployerEvent();
    const [entry] = outboxEntriesFor([employer.registered()], employer.id);
    expect(entry).not.toHaveProperty('traceparent');
    expect(entry).not.toHaveProperty('tracestate');
  });

  describe('with tracing on', () => {
    beforeAll(() => {
      setupTracing({ serviceName: 'test', exporter: new InMemorySpanExporter() });
    });
    afterAll(() => shutdownTracing());

    it('stores the active span context with every entry of the write, and the stored document gives it back', async () => {
      const employer = anEmployerEvent();
      const { entries, carrier } = await traced('request', { kind: SpanKind.SERVER }, async (span) => ({
        entries: outboxEntriesFor([employer.registered(), employer.updated()], employer.id),
        carrier: traceCarrierOfSpan(span),
      }));
      expect(carrier?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(entries.map((e) => e.traceparent)).toEqual([carrier?.traceparent, carrier?.traceparent]);
      // As the relay reads it back: the trace context is part of the entry.
      const pending = pendingOutboxOf({ outbox: entries });
      expect(pending.entries.map((e) => e.traceparent)).toEqual([carrier?.traceparent, carrier?.traceparent]);
      // The envelope itself is unchanged: no trace context in the event.
      expect(entries[0].payload).not.toContain('traceparent');
    });

    it('outside any span, an entry carries none', () => {
      const employer = anEmployerEvent();
      const [entry] = outboxEntriesFor([employer.registered()], employer.id);
      expect(entry.traceparent).toBeUndefined();
    });
  });
});
