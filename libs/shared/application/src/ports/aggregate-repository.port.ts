/** VERSION_CONFLICT: the stored version is not the one the command was decided on; reload and decide again. */
export type SaveOutcome = 'SAVED' | 'VERSION_CONFLICT';

export interface SaveOptions {
  /** The consumed event this change applies; remembered in the same write (idempotency by event id). */
  readonly appliedEventId?: string;
}

/** What a command runner needs of an aggregate: its versions and the events it raised. */
export interface VersionedAggregate<DomainEvent> {
  /** The version after the changes decided so far. */
  readonly version: number;
  /** The version it was loaded at (0 when new): the save's expected version. */
  readonly persistedVersion: number;
  /** Hands over the events raised since the last pull, and forgets them. */
  pullEvents(): DomainEvent[];
}

/**
 * Where the aggregates of one kind live, as a command runner uses them. Every save stores the
 * new state and the events it caused in ONE single-document write (transactional outbox),
 * conditioned on the version the command was decided on (optimistic concurrency).
 *
 * Convention for employer-owned data (docs/conventions.md): a repository's queries take the
 * employer id, or a scope that names it, in their signatures — a query cannot forget the tenant.
 */
export interface AggregateRepository<A, Key, IntegrationEvent> {
  /** The aggregate with this key, or null. Callers check what the caller may see of it. */
  findById(key: Key): Promise<A | null>;

  /**
   * Whether a consumed event was already applied to this aggregate, as loaded (an adapter answers
   * from what its `findById` read, without another round trip).
   */
  hasAppliedEvent(aggregate: A, eventId: string): Promise<boolean>;

  /** The state one command reached, with its events, if the stored version is still `persistedVersion`. */
  save(aggregate: A, events: readonly IntegrationEvent[], options?: SaveOptions): Promise<SaveOutcome>;
}
