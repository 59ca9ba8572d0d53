import { CommandRunner, type AggregateLock, type Clock } from '@frontera/shared-application';
import { commandErrorsFor, LockErrors } from '@frontera/shared-kernel';
import {
  PermitErrors,
  type ApplicationDomainEvent,
  type Permit,
  type PermitApplication,
  type PermitDomainEvent,
  type Worker,
  type WorkerDomainEvent,
} from '@frontera/permits-domain';
import { mayAttempt, mayOperateOn, type PermitsOperation } from '../authorization/permits-access.policy';
import {
  applicationIntegrationEvents,
  permitIntegrationEvents,
  workerIntegrationEvents,
  type PermitsIntegrationEvent,
} from '../events/integration-events';
import type { ApplicationRepository, PermitRepository, WorkerRepository } from '../ports/repositories.port';

/**
 * The errors every command of this context raises (kernel `commandErrorsFor`): PERMIT.ACCESS_DENIED
 * (403, the role may never), PERMIT.CONCURRENT_MODIFICATION (409, retriable), PERMIT.BUSY (503,
 * retriable: the aggregate's lock stayed taken). Codes are public API: add, never rename.
 */
export const PermitsCommandErrors = commandErrorsFor('PERMIT');

/** Lock keys, one per aggregate. */
export const lockKeys = {
  worker: (workerId: string) => `worker:${workerId}`,
  application: (applicationId: string) => `application:${applicationId}`,
  permit: (permitId: string) => `permit:${permitId}`,
  standing: (employerId: string) => `standing:${employerId}`,
  /**
   * Approvals for one worker (issue, transfer, renew), so eligibility's "one active permit" and a
   * transfer's "the old permit is still ACTIVE" hold when two officers approve at the same time.
   */
  workerPermits: (workerId: string) => `worker-permits:${workerId}`,
  /** Registrations with one document, so two concurrent ones create one worker. */
  document: (documentKeyHash: string) => `worker-document:${documentKeyHash}`,
} as const;

/**
 * Runs `fn` under the worker's approvals lock (lockKeys.workerPermits): approvals that issue,
 * transfer or renew, and the officers' and employers' decisions on the worker's permits, one after
 * the other, so a transfer never ends an old permit that changed meanwhile, and the worker never
 * holds two active permits. A lock that stays taken is PERMIT.BUSY (503, retriable).
 */
export async function underWorkerPermitsLock<T>(
  lock: AggregateLock,
  workerId: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await lock.withLock(lockKeys.workerPermits(workerId), fn);
  } catch (error) {
    if (LockErrors.BUSY.is(error)) throw PermitsCommandErrors.BUSY.create({}, { cause: error });
    throw error;
  }
}

/** The ports every command of this context needs. */
export interface PermitsCommandDeps {
  readonly workers: WorkerRepository;
  readonly applications: ApplicationRepository;
  readonly permits: PermitRepository;
  readonly lock: AggregateLock;
  readonly clock: Clock;
}

/** The command runner for applications: scope = the application's employer and worksite state. */
export function applicationRunner(
  deps: PermitsCommandDeps,
): CommandRunner<
  PermitApplication,
  string,
  PermitsOperation,
  ApplicationDomainEvent,
  PermitsIntegrationEvent
> {
  return new CommandRunner(
    { repository: deps.applications, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.application,
      errors: PermitsCommandErrors,
      notFound: (applicationId) => PermitErrors.APPLICATION_NOT_FOUND.create({ applicationId }),
      access: {
        mayAttempt,
        mayOperateOn: (caller, operation, application) =>
          mayOperateOn(caller, operation, { employerId: application.employerId, state: application.state }),
      },
      toIntegrationEvents: applicationIntegrationEvents,
    },
  );
}

/** The command runner for permits: scope = the permit's employer and worksite state. */
export function permitRunner(
  deps: PermitsCommandDeps,
): CommandRunner<Permit, string, PermitsOperation, PermitDomainEvent, PermitsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.permits, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.permit,
      errors: PermitsCommandErrors,
      notFound: (permitId) => PermitErrors.NOT_FOUND.create({ permitId }),
      access: {
        mayAttempt,
        mayOperateOn: (caller, operation, permit) =>
          mayOperateOn(caller, operation, { employerId: permit.employerId, state: permit.state }),
      },
      toIntegrationEvents: permitIntegrationEvents,
    },
  );
}

/**
 * The command runner for workers. A worker's scope is not on the worker (it is its employers'
 * applications): person commands on workers check it before running (WorkerAccess), so the
 * runner's scope check passes whatever reached it; system commands use `apply`.
 */
export function workerRunner(
  deps: PermitsCommandDeps,
): CommandRunner<Worker, string, PermitsOperation, WorkerDomainEvent, PermitsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.workers, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.worker,
      errors: PermitsCommandErrors,
      notFound: (workerId) => PermitErrors.WORKER_NOT_FOUND.create({ workerId }),
      access: { mayAttempt, mayOperateOn: () => ({ allowed: true }) },
      toIntegrationEvents: workerIntegrationEvents,
    },
  );
}
