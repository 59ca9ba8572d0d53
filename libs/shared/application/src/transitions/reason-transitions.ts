import type { CallerIdentity } from '@frontera/shared-kernel';
import type { CommandMetadata } from '../commands/command-metadata';
import type { CommandRunner } from '../commands/command-runner';
import type { VersionedAggregate } from '../ports/aggregate-repository.port';

/**
 * One "reason-only" action: a transition of an aggregate's lifecycle that needs nothing but the
 * caller and a reason (suspend, reinstate, deregister an employer; suspend, reinstate, revoke,
 * end a permit). Declaring it is one row; the runner, the handler, the HTTP route and its
 * documentation come from the row.
 */
export interface ReasonTransition<A, Operation extends string> {
  /** The operation: the authorization policy's key (who may) and the lifecycle's action. */
  readonly operation: Operation;
  /** The REST resource the action is created as: `POST /<aggregates>/:id/<resource>` (a noun). */
  readonly resource: string;
  /** The event type it publishes (for the documentation). */
  readonly event: string;
  readonly summary: string;
  /** What changes: from which state to which, what else happens. */
  readonly description: string;
  /** The domain method. */
  readonly apply: (aggregate: A, caller: CallerIdentity, reason: string, now: Date) => void;
}

/** A table of reason-only transitions: refuses a repeated operation or resource. */
export function defineReasonTransitions<A, Operation extends string>(
  rows: readonly ReasonTransition<A, Operation>[],
): readonly ReasonTransition<A, Operation>[] {
  const columns: [string, readonly string[]][] = [
    ['operation', rows.map((r) => r.operation)],
    ['resource', rows.map((r) => r.resource)],
  ];
  for (const [field, values] of columns) {
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated !== undefined) throw new Error(`reason transition ${field} "${repeated}" appears twice`);
  }
  for (const row of rows) {
    if (!/^[a-z][a-z0-9-]*$/.test(row.resource)) {
      throw new Error(`reason transition resource "${row.resource}" must be a lower-case path segment`);
    }
  }
  return Object.freeze([...rows]);
}

export interface ReasonTransitionCommand<Key, Operation extends string> {
  readonly operation: Operation;
  readonly key: Key;
  /** 1..LIMITS.REASON characters; kept in the history and sent in the event. */
  readonly reason: string;
  readonly metadata: CommandMetadata;
}

/**
 * Runs any row of a reason-transition table through the context's command runner (role → lock →
 * load → scope → decide → one write with its events), and returns what `read` makes of the
 * changed aggregate for the caller.
 */
export class ReasonTransitionHandler<
  A extends VersionedAggregate<DomainEvent>,
  Key,
  Operation extends string,
  DomainEvent,
  IntegrationEvent,
  Read,
> {
  private readonly rows: ReadonlyMap<Operation, ReasonTransition<A, Operation>>;

  constructor(
    private readonly runner: CommandRunner<A, Key, Operation, DomainEvent, IntegrationEvent>,
    transitions: readonly ReasonTransition<A, Operation>[],
    private readonly read: (aggregate: A, metadata: CommandMetadata) => Read,
  ) {
    this.rows = new Map(transitions.map((row) => [row.operation, row]));
  }

  get transitions(): readonly ReasonTransition<A, Operation>[] {
    return [...this.rows.values()];
  }

  async execute({
    operation,
    key,
    reason,
    metadata,
  }: ReasonTransitionCommand<Key, Operation>): Promise<Read> {
    const row = this.rows.get(operation);
    if (!row) throw new Error(`no reason transition for operation ${operation}`);
    const { aggregate } = await this.runner.change(key, operation, metadata, (loaded, now) =>
      row.apply(loaded, metadata.caller, reason, now),
    );
    return this.read(aggregate, metadata);
  }
}
