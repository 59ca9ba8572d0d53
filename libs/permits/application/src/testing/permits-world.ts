import type {
  ApplicationStatus,
  Permit,
  PermitApplication,
  PermitStatus,
  Worker,
} from '@frontera/permits-domain';
import { aPermit, aPermitApplication, T0 } from '@frontera/permits-domain/testing';
import type { CommandMetadata } from '@frontera/shared-application';
import { FixedClock, InMemoryAggregateLock, SequentialIds } from '@frontera/shared-application/testing';
import type { Caller, MexicanState } from '@frontera/shared-kernel';
import {
  InMemoryApplicationRepository,
  InMemoryPermitRepository,
  InMemoryWorkerRepository,
} from './in-memory-repositories';
import {
  InMemoryDuplicateReviews,
  InMemoryPersonalDataReadLog,
  InMemorySharedContactGroups,
} from './in-memory-worker-ports';

/** Callers of every kind, as the HTTP layer hands them to handlers. */
export const callers = {
  employer: (employerId: string, id = `user-of-${employerId}`): Caller => ({
    id,
    role: 'employer',
    states: [],
    employerId,
  }),
  officer: (...states: MexicanState[]): Caller => ({
    id: `officer-${states.join('-')}`,
    role: 'officer',
    states,
  }),
  supervisor: (...states: MexicanState[]): Caller => ({
    id: `supervisor-${states.join('-')}`,
    role: 'supervisor',
    states,
  }),
  inspector: (...states: MexicanState[]): Caller => ({
    id: 'inspector-1',
    role: 'inspector',
    states,
    inspectorId: 'insp-1',
  }),
} as const;

export const metadataOf = (caller: Caller, correlationId = 'corr-1'): CommandMetadata => ({
  caller,
  correlationId,
});

/**
 * Every port a worker use case needs, in memory, with Givens that store workers with their
 * relations the way the service would have them (applications and permits of employers in
 * states): `world.givenWorker(worker).withApplication('emp-1', 'CHP', 'SUBMITTED')`.
 */
export class PermitsWorld {
  readonly workers = new InMemoryWorkerRepository();
  readonly applications = new InMemoryApplicationRepository();
  readonly permits = new InMemoryPermitRepository();
  readonly lock = new InMemoryAggregateLock();
  readonly clock = new FixedClock(T0);
  readonly ids = new SequentialIds();
  readonly readLog = new InMemoryPersonalDataReadLog();
  readonly reviews = new InMemoryDuplicateReviews();
  readonly contactGroups = new InMemorySharedContactGroups();

  /** Stores the worker; chain relations onto the returned given. */
  givenWorker(worker: Worker): GivenWorker {
    this.workers.given(worker);
    return new GivenWorker(this, worker);
  }

  givenApplication(
    workerId: string,
    employerId: string,
    state: MexicanState,
    status: ApplicationStatus = 'SUBMITTED',
  ): PermitApplication {
    const [stored] = this.applications.given(
      aPermitApplication()
        .forEmployer(employerId)
        .atWorksite(`ws-${employerId}-${state}`, state)
        .forWorker(workerId)
        .inStatus(status)
        .build(),
    );
    if (!stored) throw new Error('application not stored');
    return stored;
  }

  givenPermit(
    workerId: string,
    employerId: string,
    state: MexicanState,
    status: PermitStatus = 'ACTIVE',
  ): Permit {
    const [stored] = this.permits.given(
      aPermit()
        .forEmployer(employerId)
        .atWorksite(`ws-${employerId}-${state}`)
        .inState(state)
        .forWorker(workerId)
        .inStatus(status)
        .build(),
    );
    if (!stored) throw new Error('permit not stored');
    return stored;
  }

  /** The worker as stored now. */
  worker(workerId: string): Worker {
    const found = this.workers.stored(workerId);
    if (!found) throw new Error(`no worker ${workerId}`);
    return found;
  }
}

export class GivenWorker {
  constructor(
    private readonly world: PermitsWorld,
    readonly worker: Worker,
  ) {}

  get id(): string {
    return this.worker.id;
  }

  withApplication(employerId: string, state: MexicanState, status: ApplicationStatus = 'SUBMITTED'): this {
    this.world.givenApplication(this.worker.id, employerId, state, status);
    return this;
  }

  withPermit(employerId: string, state: MexicanState, status: PermitStatus = 'ACTIVE'): this {
    this.world.givenPermit(this.worker.id, employerId, state, status);
    return this;
  }
}
