import {
  LockErrors,
  type AccessDecision,
  type AppError,
  type Caller,
  type CommandErrors,
} from '@frontera/shared-kernel';
import type { AggregateLock } from '../ports/aggregate-lock.port';
import type { AggregateRepository, VersionedAggregate } from '../ports/aggregate-repository.port';
import type { Clock } from '../ports/clock.port';
import type { CommandMetadata, EventMetadata, EventOrigin } from './command-metadata';

/**
 * Who may do which operation, as the runner asks it: the role first (before anything is read),
 * then the scope, with the aggregate in hand. A refused role is 403 ACCESS_DENIED; a refused scope
 * reads as NOT_FOUND (docs/decisions/0002).
 */
export interface AccessPolicy<A, Operation extends string> {
  mayAttempt(caller: Caller, operation: Operation): AccessDecision;
  mayOperateOn(caller: Caller, operation: Operation, aggregate: A): AccessDecision;
}

/** What a context tells the runner about its aggregate: keys, errors, policy, event mapping. */
export interface CommandRunnerDefinition<A, Key, Operation extends string, DomainEvent, IntegrationEvent> {
  /** The aggregate's lock key (`employer:<id>`). */
  readonly lockKey: (key: Key) => string;
  /** The context's ACCESS_DENIED, CONCURRENT_MODIFICATION and BUSY (kernel `commandErrorsFor`). */
  readonly errors: CommandErrors;
  /** The context's NOT_FOUND for this key: also the answer for a caller out of scope. */
  readonly notFound: (key: Key) => AppError;
  readonly access: AccessPolicy<A, Operation>;
  /** Domain events → contract events, with the envelope's correlation and causation ids. */
  readonly toIntegrationEvents: (events: readonly DomainEvent[], origin: EventOrigin) => IntegrationEvent[];
  /** Decide again on fresh state this many times when the version check fails (default 3). */
  readonly maxAttempts?: number;
}

export interface CommandRunnerDeps<A, Key, IntegrationEvent> {
  readonly repository: AggregateRepository<A, Key, IntegrationEvent>;
  readonly lock: AggregateLock;
  readonly clock: Clock;
}

export interface Changed<A, R> {
  readonly aggregate: A;
  readonly result: R;
  /** False when the command changed nothing (a repeated request, a duplicate event). */
  readonly changed: boolean;
}

export type Decide<A, R> = (aggregate: A, now: Date) => R | Promise<R>;

/**
 * The one way a command changes an aggregate, in every context:
 *
 *   role check → lock(aggregate) → load → scope check → decide (domain) → save state + events
 *   in one write, conditioned on the loaded version → unlock → (the repository publishes)
 *
 * A role that may never do the operation gets ACCESS_DENIED (403) before anything is read; an
 * aggregate outside the caller's scope is NOT_FOUND (404), like one that does not exist. A
 * command that changes nothing (no events, same version) writes nothing. When the version check
 * fails anyway (the lock expired under a very slow command, or a writer that does not lock), the
 * command is decided again on fresh state, up to `maxAttempts` times, then CONCURRENT_MODIFICATION.
 * A lock that stays taken is the context's BUSY (503, retriable).
 */
export class CommandRunner<
  A extends VersionedAggregate<DomainEvent>,
  Key,
  Operation extends string,
  DomainEvent,
  IntegrationEvent,
> {
  private readonly maxAttempts: number;

  constructor(
    private readonly deps: CommandRunnerDeps<A, Key, IntegrationEvent>,
    private readonly definition: CommandRunnerDefinition<A, Key, Operation, DomainEvent, IntegrationEvent>,
  ) {
    this.maxAttempts = definition.maxAttempts ?? 3;
  }

  /** A person's command: authorised by role, then by scope on the loaded aggregate. */
  async change<R>(
    key: Key,
    operation: Operation,
    metadata: CommandMetadata,
    decide: Decide<A, R>,
  ): Promise<Changed<A, R>> {
    const { access, errors, notFound } = this.definition;
    const role = access.mayAttempt(metadata.caller, operation);
    if (!role.allowed) throw errors.ACCESS_DENIED.create({ reason: role.reason });
    const origin: EventOrigin = {
      correlationId: metadata.correlationId,
      ...(metadata.causationId !== undefined ? { causationId: metadata.causationId } : {}),
    };
    return this.locked(key, () =>
      this.decideAndSave(key, origin, decide, (aggregate) => {
        if (!access.mayOperateOn(metadata.caller, operation, aggregate).allowed) throw notFound(key);
      }),
    );
  }

  /**
   * A fact from another context (an event), applied once per event id: a redelivered event finds
   * its id remembered on the aggregate and changes nothing.
   */
  async apply<R>(key: Key, event: EventMetadata, decide: Decide<A, R>): Promise<Changed<A, R | undefined>> {
    const { repository } = this.deps;
    return this.locked(key, async () => {
      const aggregate = await repository.findById(key);
      if (!aggregate) throw this.definition.notFound(key);
      if (await repository.hasAppliedEvent(aggregate, event.eventId)) {
        return { aggregate, result: undefined, changed: false };
      }
      return this.decideAndSave(
        key,
        { correlationId: event.correlationId, causationId: event.eventId },
        decide,
        () => undefined,
        event.eventId,
        aggregate,
      );
    });
  }

  /** Runs `fn` under the aggregate's lock; a lock that stays taken is the context's BUSY. */
  async locked<T>(key: Key, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.deps.lock.withLock(this.definition.lockKey(key), fn);
    } catch (error) {
      if (LockErrors.BUSY.is(error)) throw this.definition.errors.BUSY.create({}, { cause: error });
      throw error;
    }
  }

  private async decideAndSave<R>(
    key: Key,
    origin: EventOrigin,
    decide: Decide<A, R>,
    checkScope: (aggregate: A) => void,
    appliedEventId?: string,
    preloaded?: A,
  ): Promise<Changed<A, R>> {
    const { repository, clock } = this.deps;
    let loaded = preloaded;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const aggregate = loaded ?? (await repository.findById(key));
      loaded = undefined;
      if (!aggregate) throw this.definition.notFound(key);
      checkScope(aggregate);
      const result = await decide(aggregate, clock.now());
      const domainEvents = aggregate.pullEvents();
      if (aggregate.version === aggregate.persistedVersion) return { aggregate, result, changed: false };
      const events = this.definition.toIntegrationEvents(domainEvents, origin);
      const outcome = await repository.save(aggregate, events, { appliedEventId });
      if (outcome === 'SAVED') return { aggregate, result, changed: true };
    }
    throw this.definition.errors.CONCURRENT_MODIFICATION.create();
  }
}
