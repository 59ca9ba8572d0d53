import { RosterErrors, RosterImport } from '@frontera/permits-domain';
import type { Clock, CommandMetadata, IdGenerator } from '@frontera/shared-application';
import { mayAttempt } from '../../authorization/permits-access.policy';
import type { EmployerStandingRepository } from '../../ports/repositories.port';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';
import type { RosterFile, RosterImportRepository, RosterJobs } from './roster.ports';

export interface UploadRosterCommand {
  readonly worksiteId: string;
  /**
   * Reads and checks the file, refusing it with ROSTER.* (not CSV, malformed, columns, size, rows,
   * empty). Called once the caller and the worksite have been checked, so nothing is read for a
   * request refused anyway.
   */
  readonly readFile: () => Promise<RosterFile>;
  readonly metadata: CommandMetadata;
}

export interface UploadedRoster {
  readonly roster: RosterImport;
  /** false: the same file had been uploaded for this worksite before; this is that import. */
  readonly created: boolean;
}

export interface UploadRosterDeps {
  readonly rosters: RosterImportRepository;
  readonly standings: EmployerStandingRepository;
  readonly jobs: RosterJobs;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Rows per batch of the job (progress and errors are recorded once per batch). */
  readonly rosterBatchSize: number;
}

/** The job key of an import's next run: a requeued import (a new version) is a new job. */
export function rosterJobKey(roster: RosterImport): string {
  return `${roster.id}-v${roster.version}`;
}

/**
 * Employer staff upload a harvest roster for one of their worksites. The file is refused at once
 * when it is not a roster (ROSTER.*, 4xx, nothing stored, no job). Otherwise its rows are stored
 * sealed and a job is queued with the import's id only; the import answers QUEUED.
 *
 * Idempotent by content: the same file uploaded again by the same employer for the same worksite
 * (found by a keyed hash of its bytes) creates nothing and answers the first import — after
 * queueing it again when it is still QUEUED (an upload interrupted before its job was queued) or
 * FAILED (its rows are stored again and it goes on where it stopped).
 */
export class UploadRosterHandler {
  constructor(private readonly deps: UploadRosterDeps) {}

  async execute(command: UploadRosterCommand): Promise<UploadedRoster> {
    const { caller } = command.metadata;
    const role = mayAttempt(caller, 'UPLOAD_ROSTER');
    if (!role.allowed || caller.employerId === undefined) {
      throw PermitsCommandErrors.ACCESS_DENIED.create({
        reason: role.allowed ? 'NOT_OWN_EMPLOYER' : role.reason,
      });
    }
    const employerId = caller.employerId;
    const standing = (await this.deps.standings.find(employerId))?.standing;
    const worksite = standing?.worksites.find((w) => w.worksiteId === command.worksiteId);
    if (!worksite) throw RosterErrors.WORKSITE_NOT_FOUND.create({ worksiteId: command.worksiteId });

    const file = await command.readFile();
    if (file.rows.length === 0) throw RosterErrors.EMPTY.create();
    const existing = await this.deps.rosters.findByContent(employerId, command.worksiteId, file.digest);
    if (existing) return { roster: await this.resume(existing, file), created: false };

    const roster = RosterImport.receive(
      {
        importId: this.deps.ids.newId('rim'),
        employerId,
        worksiteId: command.worksiteId,
        state: worksite.state,
        rows: file.rows.length,
        batchSize: this.deps.rosterBatchSize,
      },
      caller,
      this.deps.clock.now(),
    );
    if ((await this.deps.rosters.insert(roster, file.digest)) === 'DUPLICATE') {
      // The same file is being uploaded by another request: answer its import.
      const winner = await this.deps.rosters.findByContent(employerId, command.worksiteId, file.digest);
      if (!winner) throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
      return { roster: await this.resume(winner, file), created: false };
    }
    await this.deps.rosters.storeRows(roster, file.rows);
    await this.deps.jobs.enqueue(roster.id, rosterJobKey(roster));
    return { roster, created: true };
  }

  /** The import of a file uploaded again, queued again when it is waiting or failed. */
  private async resume(roster: RosterImport, file: RosterFile): Promise<RosterImport> {
    if (roster.status === 'FAILED') {
      roster.requeue(this.deps.clock.now());
      if ((await this.deps.rosters.save(roster, [])) === 'VERSION_CONFLICT') {
        throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
      }
    }
    if (roster.status === 'QUEUED') {
      await this.deps.rosters.storeRows(roster, file.rows);
      await this.deps.jobs.enqueue(roster.id, rosterJobKey(roster));
    }
    return roster;
  }
}
