import { requireReadPurpose, type BiographicalData } from '@frontera/permits-domain';
import type { CommandMetadata } from '@frontera/shared-application';
import type { PersonalDataReadLog, RecordedPersonalDataRead } from '../../ports/personal-data-read-log.port';
import type {
  ApplicationRepository,
  PermitRepository,
  WorkerRepository,
} from '../../ports/repositories.port';
import { WorkerAccess } from '../../shared/worker-relations';

export interface ReadPersonalDataCommand {
  readonly workerId: string;
  /** Why the reader needs the data (required; the read log keeps it). */
  readonly purpose: unknown;
  readonly metadata: CommandMetadata;
}

export interface PersonalDataReadResult {
  readonly workerId: string;
  /** The worker's biographical data (personal data). */
  readonly personalData: BiographicalData;
  /** The log entry that recorded this read. */
  readonly read: RecordedPersonalDataRead;
}

export interface ReadPersonalDataDeps {
  readonly workers: WorkerRepository;
  readonly applications: ApplicationRepository;
  readonly permits: PermitRepository;
  readonly readLog: PersonalDataReadLog;
  readonly clock: { now(): Date };
}

/**
 * A read of a worker's personal data with a stated purpose (READ_PERSONAL_DATA): officers of the
 * states of the worker's relations and the worker's current employer (a pending application or a
 * held permit); supervisors and inspectors never (403). In this order, so that nothing is read
 * without a purpose and nothing is shown without a log entry:
 *
 *   role (403) → purpose (422 WORKER.INVALID_READ_PURPOSE, nothing read) → worker and scope (404)
 *   → append to the worker's read log → the data.
 *
 * If the append fails (the log's store is down, the chain is not intact), the data is not returned.
 */
export class ReadPersonalDataHandler {
  private readonly access: WorkerAccess;

  constructor(private readonly deps: ReadPersonalDataDeps) {
    this.access = new WorkerAccess(deps);
  }

  async execute(command: ReadPersonalDataCommand): Promise<PersonalDataReadResult> {
    const { caller, correlationId } = command.metadata;
    this.access.assertRole(caller, 'READ_PERSONAL_DATA');
    const purpose = requireReadPurpose(command.purpose);
    const { worker } = await this.access.authorise(caller, 'READ_PERSONAL_DATA', command.workerId);
    const read = await this.deps.readLog.append(
      {
        workerId: worker.id,
        readerId: caller.id,
        readerRole: caller.role,
        readerEmployerId: caller.role === 'employer' ? (caller.employerId ?? null) : null,
        purpose,
        correlationId,
      },
      this.deps.clock.now(),
    );
    return { workerId: worker.id, personalData: worker.biographicalData(), read };
  }
}
