import { DomainError, EmployerErrors, type Employer } from '@frontera/employers-domain';
import {
  mayAttempt,
  mayOperateOn,
  scopeTargetOf,
  type EmployerOperation,
} from '../authorization/employer-access.policy';
import { toIntegrationEvents } from '../events/integration-events';
import { employerLockKey, type AggregateLock } from '../ports/aggregate-lock.port';
import type { Clock } from '../ports/clock.port';
import type { EmployerRepository } from '../ports/employer.repository.port';
import { ApplicationErrors } from './application-errors';
import type { CommandMetadata, EventMetadata } from './command-metadata';

export interface EmployerCommandDeps {
  readonly employers: EmployerRepository;
  readonly lock: AggregateLock;
  readonly clock: Clock;
}

/** Reloads and decides again this many times when the version check fails despite the lock. */
const MAX_ATTEMPTS = 3;

export interface Changed<R> {
  readonly employer: Employer;
  readonly result: R;
  /** False when the command changed nothing (a repeated request, a duplicate event). */
  readonly changed: boolean;
}

export function accessDenied(reason: string): DomainError {
  return new DomainError(ApplicationErrors.ACCESS_DENIED, { reason });
}

export function employerNotFound(): DomainError {
  return new DomainError(EmployerErrors.NOT_FOUND);
}

/**
 * The one way a command changes an employer:
 *
 *   role check → lock(employer) → load → scope check → decide (domain) → save state + events
 *   in one write, conditioned on the loaded version → unlock
 *
 * A role that may never do the operation gets ACCESS_DENIED (403) before anything is read; an
 * employer outside the actor's scope is NOT_FOUND (404), like one that does not exist. A
 * command that changes nothing (the domain raised no events and kept its version) writes
 * nothing. When the version check fails anyway (the lock expired under a very slow command, or
 * a writer that does not lock), the command is decided again on fresh state, up to 3 times.
 */
export class EmployerCommandRunner {
  constructor(private readonly deps: EmployerCommandDeps) {}

  async change<R>(
    employerId: string,
    operation: EmployerOperation,
    metadata: CommandMetadata,
    decide: (employer: Employer, now: Date) => R | Promise<R>,
  ): Promise<Changed<R>> {
    const role = mayAttempt(metadata.actor, operation);
    if (!role.allowed) throw accessDenied(role.reason);
    return this.deps.lock.withLock(employerLockKey(employerId), () =>
      this.decideAndSave(employerId, metadata, decide, (employer) => {
        if (!mayOperateOn(metadata.actor, operation, scopeTargetOf(employer)).allowed) {
          throw employerNotFound();
        }
      }),
    );
  }

  /**
   * A fact from another context (an event), applied once per event id: a redelivered event
   * finds its id remembered on the employer and changes nothing.
   */
  async apply<R>(
    employerId: string,
    event: EventMetadata,
    decide: (employer: Employer, now: Date) => R | Promise<R>,
  ): Promise<Changed<R | undefined>> {
    return this.deps.lock.withLock(employerLockKey(employerId), async () => {
      const employer = await this.deps.employers.findById(employerId);
      if (!employer) throw employerNotFound();
      if (await this.deps.employers.hasAppliedEvent(employerId, event.eventId)) {
        return { employer, result: undefined, changed: false };
      }
      return this.decideAndSave(
        employerId,
        { correlationId: event.correlationId, causationId: event.eventId },
        decide,
        () => undefined,
        event.eventId,
        employer,
      );
    });
  }

  private async decideAndSave<R>(
    employerId: string,
    origin: { readonly correlationId: string; readonly causationId?: string },
    decide: (employer: Employer, now: Date) => R | Promise<R>,
    checkScope: (employer: Employer) => void,
    appliedEventId?: string,
    preloaded?: Employer,
  ): Promise<Changed<R>> {
    let loaded = preloaded;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const employer = loaded ?? (await this.deps.employers.findById(employerId));
      loaded = undefined;
      if (!employer) throw employerNotFound();
      checkScope(employer);
      const result = await decide(employer, this.deps.clock.now());
      const domainEvents = employer.pullEvents();
      if (employer.version === employer.persistedVersion) return { employer, result, changed: false };
      const events = toIntegrationEvents(domainEvents, origin);
      const outcome = await this.deps.employers.save(employer, events, { appliedEventId });
      if (outcome === 'SAVED') return { employer, result, changed: true };
    }
    throw new DomainError(ApplicationErrors.CONCURRENT_MODIFICATION);
  }
}
