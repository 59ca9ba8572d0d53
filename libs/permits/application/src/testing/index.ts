/**
 * @frontera/permits-application/testing — in-memory ports for the application's specs and for
 * other projects' unit tests (never imported by production code; docs/decisions/0022).
 */
export {
  InMemoryApplicationRepository,
  InMemoryEmployerStandingRepository,
  InMemoryPermitRepository,
  InMemoryWorkerRepository,
} from './in-memory-repositories';
export { InMemoryPermitVerifications } from './in-memory-verifications';
export { InMemoryStore, pageOf, type Snapshotted, type StoredRow } from './in-memory-store';
export {
  InMemoryDuplicateReviews,
  InMemoryPersonalDataReadLog,
  InMemorySharedContactGroups,
} from './in-memory-worker-ports';
export { callers, GivenWorker, metadataOf, PermitsWorld } from './permits-world';
