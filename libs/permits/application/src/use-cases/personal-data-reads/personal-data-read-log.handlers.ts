import type { Caller } from '@frontera/shared-kernel';
import type {
  PersonalDataReadLog,
  ReadLogCheckpoint,
  ReadLogVerification,
  RecordedPersonalDataRead,
} from '../../ports/personal-data-read-log.port';
import type {
  ApplicationRepository,
  PermitRepository,
  WorkerRepository,
} from '../../ports/repositories.port';
import { WorkerAccess } from '../../shared/worker-relations';

export interface ReadLogDeps {
  readonly workers: WorkerRepository;
  readonly applications: ApplicationRepository;
  readonly permits: PermitRepository;
  readonly readLog: PersonalDataReadLog;
}

/** GET /workers/:id/personal-data-reads — who read the worker's personal data, when and why (officers of its states). */
export class ListPersonalDataReadsHandler {
  private readonly access: WorkerAccess;

  constructor(private readonly deps: ReadLogDeps) {
    this.access = new WorkerAccess(deps);
  }

  async execute(workerId: string, caller: Caller): Promise<RecordedPersonalDataRead[]> {
    const { worker } = await this.access.authorise(caller, 'VERIFY_READ_LOG', workerId);
    return this.deps.readLog.list(worker.id);
  }
}

/**
 * POST /workers/:id/personal-data-reads/verification — recomputes the worker's chain and names the
 * first entry altered or removed (officers of its states). With a checkpoint kept outside the
 * database (a head an earlier verification returned), a chain rolled back below it is detected too.
 */
export class VerifyPersonalDataReadsHandler {
  private readonly access: WorkerAccess;

  constructor(private readonly deps: ReadLogDeps) {
    this.access = new WorkerAccess(deps);
  }

  async execute(
    workerId: string,
    caller: Caller,
    expectedAtLeast?: ReadLogCheckpoint,
  ): Promise<ReadLogVerification> {
    const { worker } = await this.access.authorise(caller, 'VERIFY_READ_LOG', workerId);
    return this.deps.readLog.verify(worker.id, expectedAtLeast);
  }
}
