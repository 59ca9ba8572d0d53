import {
  employerFactsOf,
  PermitApplication,
  Worker,
  worksiteFactsOf,
  type EligibilityRules,
  type EmployerFacts,
  type HeldPermitFacts,
  type RosterImport,
  type RosterRow,
  type RosterRowError,
  type WorksiteFacts,
} from '@frontera/permits-domain';
import type { Clock } from '@frontera/shared-application';
import type { Caller } from '@frontera/shared-kernel';
import { mayAttempt } from '../../authorization/permits-access.policy';
import { applicationIntegrationEvents, workerIntegrationEvents } from '../../events/integration-events';
import type {
  ApplicationRepository,
  EmployerStandingRepository,
  PermitRepository,
  WorkerRepository,
} from '../../ports/repositories.port';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';
import { isRowRefusal, rosterSubmissionOf, rowErrorsOf, type RosterSubmission } from './roster-row.mapping';

export interface RosterBatchDeps {
  readonly workers: WorkerRepository;
  readonly applications: ApplicationRepository;
  readonly permits: PermitRepository;
  readonly standings: EmployerStandingRepository;
  readonly clock: Clock;
  readonly rules: EligibilityRules;
  /** Per-row lookups of a batch sent at once (only rows whose document is already registered). */
  readonly rosterRowConcurrency: number;
}

export interface RosterBatchInput {
  readonly roster: RosterImport;
  /** The data row number of each row (1 = the first line after the header). */
  readonly rowNumbers: readonly number[];
  readonly rows: readonly RosterRow[];
  /** A run resumed at this batch: a crashed run may have stored some of its applications. */
  readonly resumed: boolean;
  readonly caller: Caller;
  readonly correlationId: string;
}

export interface RosterRowResult {
  readonly row: number;
  readonly accepted: boolean;
  readonly errors: readonly RosterRowError[];
}

function derivedId(prefix: 'app' | 'wkr', importId: string, row: number): string {
  const id = `${prefix}_${importId}_${row}`;
  if (id.length > 64) throw new TypeError(`roster import id ${importId} is too long for row ids`);
  return id;
}

/**
 * The application id of a roster row: derived from the import and the row number, so a run that
 * goes over rows a crashed run already submitted finds their applications instead of submitting
 * them twice.
 */
export function rosterApplicationId(importId: string, row: number): string {
  return derivedId('app', importId, row);
}

/**
 * The id a roster row's worker is registered with when its document is new: derived like the
 * application's, so a retried batch inserts the same worker again (refused by its `_id`) instead of
 * a second one.
 */
export function rosterWorkerId(importId: string, row: number): string {
  return derivedId('wkr', importId, row);
}

/** Runs `work` over `items`, at most `concurrency` at a time, results in order. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}

/** A row whose cells map to a submission and whose worker data is valid. */
interface Candidate {
  readonly row: number;
  readonly submission: RosterSubmission;
  /** The worker the row would register (its derived id), not stored yet. */
  readonly worker: Worker;
  readonly applicationId: string;
}

type Verdict =
  | { readonly application: PermitApplication; readonly errors?: undefined }
  | { readonly errors: readonly RosterRowError[]; readonly application?: undefined };

/** The facts of a batch that are the same for every row: the employer and the worksite. */
interface BatchFacts {
  readonly employer: EmployerFacts | null;
  readonly worksite: WorksiteFacts | null;
}

/** Rows of one document in a batch, in row order, and who of them registers the worker. */
interface DocumentGroup {
  readonly key: string;
  readonly candidates: Candidate[];
  /** Per candidate; null until decided (rows after the registrant wait for the stored worker). */
  verdicts: (Verdict | null)[];
  /** Index in `candidates` of the first row eligible with its own (new) worker, or -1. */
  registrant: number;
}

/**
 * One batch (chunk) of a roster import with batched I/O and the same rules and outcome as
 * submitting each row through `POST /applications` one after the other:
 *
 * 1. the employer's standing and the worksite's headcount are read once (the same for every row);
 * 2. each row is mapped, its worker registered in memory (derived id) and its application decided
 *    by the pure domain (PermitApplication.submit: every failed rule) as for a new worker;
 * 3. rows are grouped by document (`documentKey()`, what the unique blind index is computed from):
 *    in a group the first eligible row registers the worker, later rows apply for that worker;
 * 4. the registering rows' workers go in ONE insertMany (ordered: false); a worker refused there
 *    (its document already registered, or its derived id stored by a crashed run) and a group with
 *    no eligible row are looked up by document — equality on the unique index, for those rows only —
 *    and every row of the group is decided again on the stored worker's facts and held permits, as
 *    `POST /applications` would reuse it;
 * 5. the accepted rows' applications go in ONE insertMany (their list positions in one INCRBY per
 *    chain); one refused by its id was stored by a crashed run (ids are derived) and counts as
 *    accepted. On a resumed batch, a row refused now whose application exists counts as accepted too.
 *
 * Each worker and application document carries its own outbox entries (atomic per document);
 * nothing is stored for a refused row. No lock is taken: nothing but new documents is written, as
 * in `POST /applications`, and the one-active-permit rule is checked again when an application is
 * approved, under the worker's lock (decision 0030). See docs/decisions/0039.
 */
export class RosterBatchImporter {
  constructor(private readonly deps: RosterBatchDeps) {}

  async importBatch(input: RosterBatchInput): Promise<RosterRowResult[]> {
    const { roster, caller } = input;
    const results = new Map<number, RosterRowResult>();
    const refuse = (row: number, errors: readonly RosterRowError[]) =>
      results.set(row, { row, accepted: false, errors });
    const accept = (row: number) => results.set(row, { row, accepted: true, errors: [] });

    const denied = this.denial(caller);
    const now = this.deps.clock.now();
    const candidates: Candidate[] = [];
    input.rows.forEach((cells, index) => {
      const row = input.rowNumbers[index];
      const mapped = rosterSubmissionOf(cells, row);
      if (mapped.errors) {
        refuse(row, mapped.errors);
      } else if (denied) {
        refuse(row, denied(row));
      } else {
        try {
          const worker = Worker.register(
            { workerId: rosterWorkerId(roster.id, row), ...mapped.submission.worker },
            caller,
            now,
          );
          candidates.push({
            row,
            submission: mapped.submission,
            worker,
            applicationId: rosterApplicationId(roster.id, row),
          });
        } catch (error) {
          if (!isRowRefusal(error)) throw error;
          refuse(row, rowErrorsOf(error, row));
        }
      }
    });

    if (candidates.length > 0) {
      const facts = await this.batchFacts(roster);
      const decide = (c: Candidate, worker: Worker, held: readonly HeldPermitFacts[]) =>
        this.decide(roster, c, worker, held, facts, caller, now);
      const groups = this.groupsOf(candidates, (c) => decide(c, c.worker, []));
      const origin = { correlationId: input.correlationId };

      // The registering rows' workers, in one batch.
      const registering = groups.filter((g) => g.registrant >= 0);
      const outcomes = await this.deps.workers.insertMany(
        registering.map((g) => {
          const worker = g.candidates[g.registrant].worker;
          return { aggregate: worker, events: workerIntegrationEvents(worker.pullEvents(), origin) };
        }),
      );
      const toResolve: { group: DocumentGroup; mustExist: boolean }[] = [];
      registering.forEach((group, index) => {
        if (outcomes[index] === 'DUPLICATE') {
          toResolve.push({ group, mustExist: true });
          return;
        }
        // Registered: the later rows of the document apply for this worker (no permits yet).
        const registrant = group.candidates[group.registrant].worker;
        for (let i = group.registrant + 1; i < group.candidates.length; i++) {
          group.verdicts[i] = decide(group.candidates[i], registrant, []);
        }
      });
      for (const group of groups) if (group.registrant < 0) toResolve.push({ group, mustExist: false });

      // Documents already registered: decided again on the stored worker, one lookup per document.
      await inPool(toResolve, this.deps.rosterRowConcurrency, async ({ group, mustExist }) => {
        const stored = await this.storedWorker(group.candidates[0].worker.documentKey());
        if (!stored) {
          // Refused by the unique index, yet not found: changed meanwhile; the job is retried.
          if (mustExist) throw PermitsCommandErrors.CONCURRENT_MODIFICATION.create();
          return;
        }
        const held = (await this.deps.permits.ofWorker(stored.id)).map((p) => p.heldPermitFacts());
        group.verdicts = group.candidates.map((c) => decide(c, stored, held));
      });

      // The accepted rows' applications, in one batch.
      const accepted: { candidate: Candidate; application: PermitApplication }[] = [];
      for (const group of groups) {
        group.candidates.forEach((candidate, i) => {
          const verdict = group.verdicts[i];
          if (!verdict) throw new Error(`roster row ${candidate.row} was not decided`);
          if (verdict.application) accepted.push({ candidate, application: verdict.application });
          else refuse(candidate.row, verdict.errors);
        });
      }
      await this.deps.applications.insertMany(
        accepted.map(({ application }) => ({
          aggregate: application,
          events: applicationIntegrationEvents(application.pullEvents(), origin),
        })),
      );
      // INSERTED, or DUPLICATE: stored by a crashed run under the row's derived id.
      for (const { candidate } of accepted) accept(candidate.row);

      if (input.resumed) {
        // A row a crashed run stored may be refused now (its worker's permit issued since).
        const refused = candidates.filter((c) => results.get(c.row)?.accepted === false);
        await inPool(refused, this.deps.rosterRowConcurrency, async (c) => {
          if (await this.deps.applications.findById(c.applicationId)) accept(c.row);
        });
      }
    }

    return input.rowNumbers.map((row) => {
      const result = results.get(row);
      if (!result) throw new Error(`roster row ${row} was not decided`);
      return result;
    });
  }

  /** Refusal lines for every row when the uploader may not submit (as the submission would refuse each). */
  private denial(caller: Caller): ((row: number) => RosterRowError[]) | null {
    const role = mayAttempt(caller, 'SUBMIT_APPLICATION');
    if (role.allowed && caller.employerId !== undefined) return null;
    const error = PermitsCommandErrors.ACCESS_DENIED.create({
      reason: role.allowed ? 'NOT_OWN_EMPLOYER' : role.reason,
    });
    return (row) => rowErrorsOf(error, row);
  }

  private async batchFacts(roster: RosterImport): Promise<BatchFacts> {
    const [stored, headcount] = await Promise.all([
      this.deps.standings.find(roster.employerId),
      this.deps.permits.countHeldAtWorksite(roster.worksiteId),
    ]);
    const standing = stored?.standing ?? null;
    return {
      employer: employerFactsOf(standing),
      worksite: worksiteFactsOf(standing, roster.worksiteId, headcount),
    };
  }

  /** The row's application for `worker` on the batch's facts (pure), or the row's refusal. */
  private decide(
    roster: RosterImport,
    candidate: Candidate,
    worker: Worker,
    held: readonly HeldPermitFacts[],
    facts: BatchFacts,
    caller: Caller,
    now: Date,
  ): Verdict {
    const s = candidate.submission;
    try {
      const application = PermitApplication.submit(
        {
          applicationId: candidate.applicationId,
          employerId: roster.employerId,
          worksiteId: roster.worksiteId,
          workerId: worker.id,
          kind: 'NEW',
          transferFromPermitId: null,
          renewsPermitId: null,
          occupation: s.occupation,
          dailyWage: s.dailyWage,
          startDate: s.startDate,
          noRecruitmentFeeDeclared: s.noRecruitmentFeeDeclared,
        },
        {
          worker: { ...worker.eligibilityFacts(), heldPermits: held },
          employer: facts.employer,
          worksite: facts.worksite,
          replacedPermit: null,
        },
        this.deps.rules,
        caller,
        now,
      );
      return { application };
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
      return { errors: rowErrorsOf(error, candidate.row) };
    }
  }

  /** Candidates by document, in row order; in each, the first row eligible with its own new worker registers it. */
  private groupsOf(candidates: readonly Candidate[], asNew: (c: Candidate) => Verdict): DocumentGroup[] {
    const groups = new Map<string, DocumentGroup>();
    for (const candidate of candidates) {
      const key = candidate.worker.documentKey();
      const group = groups.get(key) ?? { key, candidates: [], verdicts: [], registrant: -1 };
      groups.set(key, group);
      group.candidates.push(candidate);
      // Rows after the registrant are decided once the worker is stored (or found).
      if (group.registrant < 0) {
        const decided = asNew(candidate);
        group.verdicts.push(decided);
        if (decided.application) group.registrant = group.candidates.length - 1;
      } else {
        group.verdicts.push(null);
      }
    }
    return [...groups.values()];
  }

  /** The worker registered with this document — a merged record stands for its survivor — or null. */
  private async storedWorker(documentKey: string): Promise<Worker | null> {
    const found = await this.deps.workers.findByDocumentKey(documentKey);
    let current = found;
    for (let hops = 0; current !== null && current.mergedInto !== null && hops < 5; hops++) {
      const survivor = await this.deps.workers.findById(current.mergedInto);
      if (!survivor) break;
      current = survivor;
    }
    return current;
  }
}
