import {
  DEFAULT_SHARED_PHONE_THRESHOLD,
  sharedContactSignal,
  type SharedContactSignal,
  type Worker,
} from '@frontera/permits-domain';
import type { EventOrigin, IdGenerator } from '@frontera/shared-application';
import type { WorkerRelation } from '../../authorization/permits-access.policy';
import { workerContactShared } from '../../events/integration-events';
import type { SharedContactGroupRepository } from '../../ports/shared-contact-groups.port';
import { PermitsCommandErrors, type PermitsCommandDeps } from '../../shared/permits-command.runners';
import { WorkerRelations } from '../../shared/worker-relations';

/** Workers of one phone read at most (the contract's list limit). */
export const SHARED_PHONE_MAX_WORKERS = 200;

export interface SignalSharedPhoneDeps extends PermitsCommandDeps {
  readonly contactGroups: SharedContactGroupRepository;
  readonly ids: IdGenerator;
  /** Workers sharing one phone from which the signal is raised (SHARED_PHONE_THRESHOLD, default 3). */
  readonly sharedPhoneThreshold?: number;
}

export type SharedPhoneOutcome =
  | { readonly signalled: false; readonly reason: 'NO_WORKER' | 'NO_PHONE' | 'BELOW_THRESHOLD' | 'NOT_GROWN' }
  | { readonly signalled: true; readonly groupId: string; readonly signal: SharedContactSignal };

/** Lock key of a phone's group (its opaque key, never the phone). */
export const sharedPhoneLockKey = (key: string) => `shared-phone:${key}`;

/**
 * After a worker is registered (a job carrying the worker id only): the workers registered with
 * the same phone (equal keyed blind indexes, `WorkerRepository.idsWithPhone`), merged records left
 * out, with the employers of their applications and permits; when they reach SHARED_PHONE_THRESHOLD
 * (`sharedContactSignal` of the domain), `frontera.worker.contact.shared` is published with their
 * ids, their employers' ids and the count — never the phone — through the group's record: the
 * event is stored with the ids it signalled, in one write. A group is signalled again only when it
 * grows (a worker not signalled before); a rerun, or a registration that adds nobody new, changes
 * nothing. Runs under the group's lock, so concurrent registrations of one phone signal once.
 */
export class SignalSharedPhoneHandler {
  private readonly relations: WorkerRelations;
  private readonly threshold: number;

  constructor(private readonly deps: SignalSharedPhoneDeps) {
    this.relations = new WorkerRelations(deps);
    this.threshold = deps.sharedPhoneThreshold ?? DEFAULT_SHARED_PHONE_THRESHOLD;
  }

  async execute(workerId: string, origin: EventOrigin): Promise<SharedPhoneOutcome> {
    const worker = await this.deps.workers.findById(workerId);
    if (!worker) return { signalled: false, reason: 'NO_WORKER' };
    return this.forWorker(worker, origin);
  }

  /**
   * The same for a worker already read (the consumer's check reads it once for both checks), with
   * its relations when already known (`WorkerRelations.ofId`).
   *
   * The phone's workers are read before the lock: fewer than the threshold (a phone of its own, the
   * usual case) is the answer without taking it. That is safe because every worker is stored before
   * its check runs: of workers registered at the same time with one phone, the last one checked
   * reads them all.
   */
  async forWorker(
    worker: Worker,
    origin: EventOrigin,
    relations?: readonly WorkerRelation[],
  ): Promise<SharedPhoneOutcome> {
    const phoneKey = worker.phoneKey();
    if (phoneKey === null) return { signalled: false, reason: 'NO_PHONE' };
    const ids = await this.deps.workers.idsWithPhone(phoneKey, SHARED_PHONE_MAX_WORKERS);
    if (ids.length < this.threshold) return { signalled: false, reason: 'BELOW_THRESHOLD' };
    const key = this.deps.contactGroups.keyOf(phoneKey);
    return this.deps.lock.withLock(sharedPhoneLockKey(key), async () => {
      const members = await Promise.all(
        ids.map(async (id) => {
          const member = id === worker.id ? worker : await this.deps.workers.findById(id);
          if (!member || member.status !== 'ACTIVE') return null;
          const own = id === worker.id && relations ? relations : await this.relations.ofId(id);
          return { workerId: id, employerIds: WorkerRelations.employersOf(own) };
        }),
      );
      const signal = sharedContactSignal(
        members.filter((m) => m !== null),
        this.threshold,
      );
      if (signal === null) return { signalled: false, reason: 'BELOW_THRESHOLD' } as const;
      const stored = await this.deps.contactGroups.find(key);
      const signalled = new Set(stored?.signalledWorkerIds ?? []);
      if (signal.workerIds.every((id) => signalled.has(id))) {
        return { signalled: false, reason: 'NOT_GROWN' } as const;
      }
      const groupId = stored?.groupId ?? this.deps.ids.newId('shp');
      const event = workerContactShared(
        groupId,
        {
          workerIds: [...signal.workerIds],
          // The contract lists at most SHARED_PHONE_MAX_WORKERS employers; the ids are sorted, the count is of workers.
          employerIds: signal.employerIds.slice(0, SHARED_PHONE_MAX_WORKERS),
          count: signal.count,
        },
        this.deps.clock.now(),
        origin,
      );
      const outcome = await this.deps.contactGroups.store(
        key,
        { groupId, signalledWorkerIds: [...new Set([...signalled, ...signal.workerIds])].sort() },
        stored?.version ?? 0,
        [event],
      );
      // Another instance stored the group meanwhile (without the lock, or after it expired): run again.
      if (outcome !== 'SAVED') throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
      return { signalled: true, groupId, signal } as const;
    });
  }
}
