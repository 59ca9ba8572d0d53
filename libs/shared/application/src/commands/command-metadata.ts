import type { Caller } from '@frontera/shared-kernel';

/**
 * What every command carries besides its data: who asks, and the ids that tie the events it
 * causes to the request or event that caused it (envelope `correlationid` / `causationid`).
 */
export interface CommandMetadata {
  readonly caller: Caller;
  readonly correlationId: string;
  /** The request or event that directly caused this command, when there is one. */
  readonly causationId?: string;
}

/**
 * Metadata of a command caused by an event another context published (an audit outcome, a permit
 * issued…): no person asked, the event did.
 */
export interface EventMetadata {
  /** Id of the consumed event: the command is idempotent by it. */
  readonly eventId: string;
  readonly correlationId: string;
}

/** Where the events a command causes come from: the envelope's correlation and causation ids. */
export interface EventOrigin {
  readonly correlationId: string;
  readonly causationId?: string;
}
