/**
 * The envelope of every Frontera event: CloudEvents 1.0 attributes (structured
 * JSON mode) plus the correlation and causation extensions.
 *
 * Events carry ids and non-personal attributes only: never document numbers,
 * names, contact data or dates of birth.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly specversion: '1.0';
  /** Unique event id (UUID); consumers deduplicate on it. */
  readonly id: string;
  /** Event type from the catalogue, e.g. "frontera.employer.registered". */
  readonly type: TType;
  /** The producing service, e.g. "/frontera/employers". */
  readonly source: string;
  /** Id of the aggregate the event is about. */
  readonly subject: string;
  /** When the state change happened (RFC 3339). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  /** Contract and version of `data`, e.g. "urn:frontera:event:frontera.employer.registered:v1". */
  readonly dataschema: string;
  /** Id shared by everything one request or job caused. */
  readonly correlationid: string;
  /** Id of the event or request that directly caused this one. */
  readonly causationid?: string;
  /** Position of the event in its aggregate's history (1, 2, 3…), for ordering checks. */
  readonly sequence?: number;
  readonly data: TData;
}

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

export function dataschemaFor(type: string, version: number): string {
  return `urn:frontera:event:${type}:v${version}`;
}

/** Parses "urn:frontera:event:<type>:v<n>" back into its parts. */
export function parseDataschema(dataschema: string): { type: string; version: number } | undefined {
  const match = /^urn:frontera:event:([a-z0-9.-]+):v(\d+)$/.exec(dataschema);
  return match ? { type: match[1], version: Number(match[2]) } : undefined;
}
