import type {
  ApplicationStatus,
  EmployerStanding,
  HistoryEntry,
  PermitApplication,
  Permit,
  PermitStatus,
  Worker,
} from '@frontera/permits-domain';
import type { AggregateRepository, SaveOptions, SaveOutcome } from '@frontera/shared-application';
import type { ListScope } from '../authorization/permits-access.policy';
import type { PermitsIntegrationEvent } from '../events/integration-events';

export type { SaveOptions, SaveOutcome };

/** One new aggregate of a batch insert, with the integration events of its creation. */
export interface NewAggregate<A> {
  readonly aggregate: A;
  readonly events: readonly PermitsIntegrationEvent[];
}

export type BatchInsertOutcome = 'INSERTED' | 'DUPLICATE';

/**
 * A page of a list: up to `limit` items from `cursor` on. Lists are read by position buckets, never
 * by offset (docs/decisions/0028): an opaque cursor says where to go on.
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

/**
 * Where workers live. Personal data is the adapter's to encrypt; the document, phone and duplicate
 * blocking keys are found through keyed blind indexes (the adapter computes them from the domain's
 * normalised keys: `documentKey()`, `phoneKey()`, `duplicateBlockingKeys()`).
 */
export interface WorkerRepository extends AggregateRepository<Worker, string, PermitsIntegrationEvent> {
  findById(workerId: string): Promise<Worker | null>;
  /** The worker registered with this document (`Worker.documentKey()`), or null. */
  findByDocumentKey(documentKey: string): Promise<Worker | null>;
  /** A new worker (version 1); refuses a second one with its id or its document. */
  insert(
    worker: Worker,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_DOCUMENT'>;
  /**
   * New workers in one batch (each version 1, with its own events, atomic per worker; the batch is
   * not): the outcome of each, in order — DUPLICATE when its id or its document is taken (the
   * others are stored all the same). Which of the two is the caller's to find out.
   */
  insertMany(items: readonly NewAggregate<Worker>[]): Promise<BatchInsertOutcome[]>;
  save(
    worker: Worker,
    events: readonly PermitsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  /**
   * Workers sharing at least one duplicate blocking key with these (`duplicateBlockingKeys()`), at
   * most `limit`; `exceptId` (the worker whose keys they are) is neither read nor counted.
   */
  findByBlockingKeys(keys: readonly string[], limit: number, exceptId?: string): Promise<Worker[]>;
  /** Ids of the workers registered with this phone (`phoneKey()`), at most `limit`. */
  idsWithPhone(phoneKey: string, limit: number): Promise<string[]>;
}

/** One application as a worker's relation needs it. */
export interface ApplicationSummary {
  readonly applicationId: string;
  readonly employerId: string;
  readonly state: string;
  readonly status: ApplicationStatus;
}

export interface ApplicationListFilter {
  readonly status?: ApplicationStatus;
}

export interface ApplicationRepository
  extends AggregateRepository<PermitApplication, string, PermitsIntegrationEvent> {
  findById(applicationId: string): Promise<PermitApplication | null>;
  /** A new application (version 1); DUPLICATE when its id is taken (a retried request). */
  insert(
    application: PermitApplication,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE'>;
  /**
   * New applications in one batch (each version 1 with its own events and list positions, atomic
   * per application): the outcome of each, in order — DUPLICATE when its id is taken.
   */
  insertMany(items: readonly NewAggregate<PermitApplication>[]): Promise<BatchInsertOutcome[]>;
  save(
    application: PermitApplication,
    events: readonly PermitsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  /** The applications for a worker (any status), as summaries. */
  summariesOfWorker(workerId: string): Promise<ApplicationSummary[]>;
  /** Applications within `scope` matching `filter`, newest list position first. */
  list(scope: ListScope, filter: ApplicationListFilter, page: PageRequest): Promise<Page<PermitApplication>>;
  /** The application's change history, oldest first. */
  history(applicationId: string): Promise<HistoryEntry[]>;
}

export type PermitInsertOutcome = 'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_NUMBER' | 'DUPLICATE_APPLICATION';

export interface PermitListFilter {
  readonly status?: PermitStatus;
  readonly workerId?: string;
}

/** Which sweep bucket: the expiry day or the notice day (`YYYY-MM-DD`, equality keys). */
export type PermitSweepBucket = 'expiresOn' | 'noticeOn';

export interface PermitRepository extends AggregateRepository<Permit, string, PermitsIntegrationEvent> {
  findById(permitId: string): Promise<Permit | null>;
  /** The permit issued for an application (unique), or null. */
  findByApplicationId(applicationId: string): Promise<Permit | null>;
  /** The permit with this number (`PermitNumber.compact`), or null. */
  findByNumber(compactNumber: string): Promise<Permit | null>;
  /** The permit with this verification token (found through its keyed hash), or null. */
  findByVerificationToken(token: string): Promise<Permit | null>;
  insert(permit: Permit, events: readonly PermitsIntegrationEvent[]): Promise<PermitInsertOutcome>;
  save(
    permit: Permit,
    events: readonly PermitsIntegrationEvent[],
    options?: SaveOptions,
  ): Promise<SaveOutcome>;
  /** The worker's permits (any status). */
  ofWorker(workerId: string): Promise<Permit[]>;
  /** ACTIVE + SUSPENDED permits at the worksite (its headcount). */
  countHeldAtWorksite(worksiteId: string): Promise<number>;
  /** Ids of the employer's ACTIVE and SUSPENDED permits. */
  heldIdsOfEmployer(employerId: string): Promise<string[]>;
  /** Ids of all the employer's permits, any status (equality reads by employer and status). */
  idsOfEmployer(employerId: string): Promise<string[]>;
  /** Every permit id, a batch at a time (a rebuild of a read model: reads the whole collection). */
  allIds(): AsyncIterable<string>;
  /** Ids of the permits whose bucket is `day`, at most `limit` (a sweep reads bucket by bucket). */
  idsDueOn(bucket: PermitSweepBucket, day: string, limit: number): Promise<string[]>;
  list(scope: ListScope, filter: PermitListFilter, page: PageRequest): Promise<Page<Permit>>;
  history(permitId: string): Promise<HistoryEntry[]>;
}

/** The stored read model of one employer, with what its next write needs. */
export interface StoredStanding {
  readonly standing: EmployerStanding;
  readonly version: number;
  readonly appliedEvents: readonly string[];
}

/**
 * The service's read model of employers and worksites, kept from employer events (never the
 * employers service's database or API). Writers hold the standing's lock.
 */
export interface EmployerStandingRepository {
  find(employerId: string): Promise<StoredStanding | null>;
  /**
   * Stores the standing after `eventId`, if what is stored is still `previous` (null: none yet), with
   * `eventId` added to the remembered ids.
   */
  store(standing: EmployerStanding, previous: StoredStanding | null, eventId: string): Promise<SaveOutcome>;
}

/** Random values from a CSPRNG (the domain takes them as input). */
export interface SecureRandom {
  /** An integer in [0, max). */
  int(max: number): number;
  /** A verification token: ≥ 128 random bits, base64url. */
  token(): string;
}
