import type {
  ChangeHistoryEntry,
  ComplianceRating,
  Employer,
  EmployerStatus,
  MexicanState,
  Sector,
} from '@frontera/employers-domain';
import type { AggregateRepository, SaveOptions, SaveOutcome } from '@frontera/shared-application';
import type { EmployerIntegrationEvent } from '../events/integration-events';

export type { SaveOptions, SaveOutcome };

/**
 * Whose employers a query may see. A list cannot be asked for without one: an employer-scoped
 * query names its employer, an officer's or supervisor's names its states.
 */
export type EmployerListScope =
  | { readonly kind: 'EMPLOYER'; readonly employerId: string }
  | { readonly kind: 'STATES'; readonly states: readonly MexicanState[] };

export interface EmployerListFilter {
  readonly state?: MexicanState;
  readonly status?: EmployerStatus;
  readonly rating?: ComplianceRating;
  readonly sector?: Sector;
}

/**
 * A page of a list: up to `limit` items from `cursor` on (the start when absent). Lists are read
 * by position buckets, never by offset (docs/decisions/0028): an opaque cursor says where to go on.
 */
export interface PageRequest {
  readonly cursor?: string;
  readonly limit: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Where the next page starts, or null at the end of the list. */
  readonly nextCursor: string | null;
}

export type InsertOutcome = 'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_RFC';

/**
 * Where employers live. Every write stores the new state and the events it caused in ONE
 * single-document write (transactional outbox), conditioned on the version the command was
 * decided on (optimistic concurrency). Personal data is the adapter's to encrypt.
 */
export interface EmployerRepository extends AggregateRepository<Employer, string, EmployerIntegrationEvent> {
  /** The employer with this id, or null. Callers check what the caller may see of it. */
  findById(employerId: string): Promise<Employer | null>;

  /** Whether a consumed event was already applied to this employer (as loaded). */
  hasAppliedEvent(employer: Employer, eventId: string): Promise<boolean>;

  /**
   * The employer's change history, oldest first: the append-only `employer_history` collection
   * plus what its last writes recorded and the outbox has not moved there yet (read your writes).
   */
  history(employerId: string): Promise<ChangeHistoryEntry[]>;

  /** A new employer (version 1) born with its registration events; refuses a second one with its id or RFC. */
  insert(employer: Employer, events: readonly EmployerIntegrationEvent[]): Promise<InsertOutcome>;

  /** The state one command reached, with its events, if the stored version is still `employer.persistedVersion`. */
  save(
    employer: Employer,
    events: readonly EmployerIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;

  /**
   * Employers within `scope` matching `filter`, in list order: state by state (alphabetically, for
   * callers of several states), and within a state by list position, newest first. An employer
   * takes a position in its state's list when it registers and a new one in the new state's list
   * when it reports a new address state, so it is then listed first there: the order is when the
   * employer joined the state's list, not when it registered. May return fewer than `limit` items
   * with a cursor (a filter that matches little: each request reads a bounded part of the list).
   * An EMPLOYER scope lists at most its one employer and never gives a cursor (the query handler
   * refuses one); a cursor the list did not give is refused with 400 `LIST.INVALID_CURSOR`.
   */
  list(scope: EmployerListScope, filter: EmployerListFilter, page: PageRequest): Promise<Page<Employer>>;
}
