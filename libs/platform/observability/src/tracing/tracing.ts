import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { CorrelationContext } from '../correlation/correlation-context';

export { SpanKind, type Span } from '@opentelemetry/api';

/**
 * W3C trace context as it travels: HTTP headers, Kafka record headers, an outbox entry, BullMQ job
 * data. `traceparent` is `00-<trace id>-<span id>-<flags>`; nothing else, and no personal data.
 */
export interface TraceCarrier {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** The span attribute every Frontera span carries: the correlation id of the flow. */
export const CORRELATION_ID_ATTRIBUTE = 'frontera.correlation_id';
export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** The one propagator: W3C traceparent / tracestate (used directly, so it works with tracing off too). */
const propagator = new W3CTraceContextPropagator();

const getter: TextMapGetter<Readonly<Record<string, unknown>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return undefined;
  },
};

const setter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/** A span that records nothing: what {@link traced} hands its function when tracing is off. */
export const NON_RECORDING_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

interface TracingState {
  readonly provider: NodeTracerProvider;
  readonly serviceName: string;
}

let state: TracingState | undefined;

export interface TracingOptions {
  /** `service.name` of every span this process exports. */
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: the collector's base URL; spans go to `<endpoint>/v1/traces`. */
  readonly endpoint?: string;
  /** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`: the full URL for spans; wins over `endpoint`. */
  readonly tracesEndpoint?: string;
  /** Instead of OTLP/HTTP (tests). */
  readonly exporter?: SpanExporter;
  /** Longest a finished span waits in the batch before it is exported (default 1 000 ms). */
  readonly scheduledDelayMillis?: number;
}

/** The OTLP/HTTP URL spans are sent to, or undefined when no endpoint is configured (tracing off). */
export function tracesUrlOf(
  options: Pick<TracingOptions, 'endpoint' | 'tracesEndpoint'>,
): string | undefined {
  if (options.tracesEndpoint) return options.tracesEndpoint;
  if (options.endpoint) return `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/**
 * Sets tracing up once per process: with an endpoint (or an exporter), a NodeTracerProvider with a
 * BatchSpanProcessor exporting OTLP/HTTP (JSON), the AsyncLocalStorage context manager and the W3C
 * propagator, registered globally. Without one, nothing is registered and every platform hook
 * skips its span after one boolean check. Returns whether tracing is on. A second call while on
 * changes nothing.
 */
export function setupTracing(options: TracingOptions): boolean {
  if (state) return true;
  const url = tracesUrlOf(options);
  if (!url && !options.exporter) return false;
  const exporter = options.exporter ?? new OTLPTraceExporter({ url });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.scheduledDelayMillis ?? 1_000 }),
    ],
  });
  provider.register({ propagator });
  state = { provider, serviceName: options.serviceName };
  return true;
}

/** Exports what is buffered (tests, before reading the receiver). */
export async function flushTracing(): Promise<void> {
  await state?.provider.forceFlush();
}

/**
 * Exports the spans still buffered and unregisters tracing (the last step of a graceful
 * shutdown, after the application closed: docs/decisions/0009-shutdown-order.md). Never throws.
 */
export async function shutdownTracing(): Promise<void> {
  const current = state;
  if (!current) return;
  state = undefined;
  try {
    await current.provider.shutdown();
  } catch {
    // the collector being away must not fail the shutdown
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

/** Whether spans are recorded in this process (one check; every hook skips its work when false). */
export function tracingEnabled(): boolean {
  return state !== undefined;
}

/** The trace context of `ctx` (default: the active one) to carry on, or undefined when there is none. */
export function traceCarrierOf(ctx: Context = context.active()): TraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, setter);
  const traceparent = carrier[TRACEPARENT_HEADER];
  if (traceparent === undefined) return undefined;
  const tracestate = carrier[TRACESTATE_HEADER];
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The trace context to carry on for `span` (what a producer puts in its headers or job data). */
export function traceCarrierOfSpan(span: Span): TraceCarrier | undefined {
  return traceCarrierOf(trace.setSpan(ROOT_CONTEXT, span));
}

/** The active context (the parent a span gets by default). */
export function activeTraceContext(): Context {
  return context.active();
}

/** The context a carrier continues (a remote parent), or `fallback` when it carries no valid traceparent. */
export function contextFromCarrier(carrier: object | undefined, fallback: Context = ROOT_CONTEXT): Context {
  const fields = carrier as Readonly<Record<string, unknown>> | undefined;
  if (!fields || fields[TRACEPARENT_HEADER] === undefined) return fallback;
  const extracted = propagator.extract(ROOT_CONTEXT, fields, getter);
  return trace.getSpanContext(extracted) ? extracted : fallback;
}

export interface SpanOptions {
  readonly kind: SpanKind;
  readonly attributes?: Attributes;
  /** The parent; default the active context. */
  readonly parent?: Context;
}

/** Library name of the tracer (the instrumentation scope of every platform span). */
const TRACER_NAME = '@frontera/platform';

/**
 * Starts a span (tracing must be on: check {@link tracingEnabled} first), with the correlation id
 * of the current scope unless the attributes carry one.
 */
export function startSpan(name: string, options: SpanOptions): Span {
  const attributes: Attributes = { ...options.attributes };
  if (attributes[CORRELATION_ID_ATTRIBUTE] === undefined) {
    const correlationId = CorrelationContext.current()?.correlationId;
    if (correlationId !== undefined) attributes[CORRELATION_ID_ATTRIBUTE] = correlationId;
  }
  return trace
    .getTracer(TRACER_NAME)
    .startSpan(name, { kind: options.kind, attributes }, options.parent ?? context.active());
}

/** Marks a span failed with the error's type only (messages may quote input: never personal data in spans). */
export function failSpan(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name : 'Error';
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/** Runs `fn` with `span` active (its context is what children and carriers continue). */
export function withSpan<T>(span: Span, fn: () => T, parent: Context = context.active()): T {
  return context.with(trace.setSpan(parent, span), fn);
}

/**
 * Runs `fn` inside a new span, active while it runs, ended when its promise settles (failed when it
 * rejects). With tracing off, calls `fn(NON_RECORDING_SPAN)` and nothing else.
 */
export async function traced<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return fn(NON_RECORDING_SPAN);
  const parent = options.parent ?? context.active();
  const span = startSpan(name, { ...options, parent });
  try {
    return await withSpan(span, () => fn(span), parent);
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}
