import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetWorkerHandler,
  ListDuplicateReviewsHandler,
  ListPersonalDataReadsHandler,
  MarkDistinctHandler,
  MergeWorkersHandler,
  ReadPersonalDataHandler,
  VerifyPersonalDataReadsHandler,
  type RecordedPersonalDataRead,
  type WorkerView,
} from '@frontera/permits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import {
  ApiProblems,
  ReasonRequest,
  requestMetadata,
  type ProblemDescriptions,
} from '@frontera/platform-http';
import { LIST_PROBLEMS, RolesFor } from '../http/api-docs.decorators';
import type { WorkerDataDto } from '../http/dto/worker.request';
import {
  DuplicatePairParams,
  DuplicateReviewPageResponse,
  ListDuplicateReviewsQuery,
  MergeResponse,
  PersonalDataReadRequest,
  PersonalDataReadResponse,
  ReadLogEntryResponse,
  ReadLogResponse,
  ReadLogVerificationRequest,
  ReadLogVerificationResponse,
  WorkerIdParams,
  WorkerResponse,
} from './workers.dto';

/** What the worker routes answer besides the platform's 400, 401, 413, 415 and 500, status by status. */
export const WORKERS_PROBLEMS: ProblemDescriptions = {
  403: 'AUTH.FORBIDDEN / PERMIT.ACCESS_DENIED: your role may never do this',
  404:
    'WORKER.NOT_FOUND: no such worker, or outside your scope (an employer that never applied for them, ' +
    'an officer of other states)',
  409:
    'WORKER.DUPLICATE_NOT_FLAGGED (the pair is not a pending possible duplicate), WORKER.MERGED (a record ' +
    'merged elsewhere, or a survivor that is itself merged), PERMIT.CONCURRENT_MODIFICATION; nothing changed',
  422:
    'PERMIT.INVALID_REASON (a reason blank or too long; the field in `errors`), WORKER.DUPLICATE_SELF (a record ' +
    'named as its own duplicate); nothing changed',
  503: 'PERMIT.BUSY (a record stayed locked) / SERVICE.UNAVAILABLE: try again shortly; nothing changed',
};

const READ_PROBLEMS: ProblemDescriptions = {
  ...WORKERS_PROBLEMS,
  404: `${WORKERS_PROBLEMS[404]}; employer staff may read only while they are the current employer`,
  409:
    'WORKER.READ_LOG_NOT_INTACT: the worker’s read log does not verify, so their data is not shown until it ' +
    'is examined; nothing recorded',
  422: 'WORKER.INVALID_READ_PURPOSE: `purpose` missing, blank or too long; nothing read, nothing recorded',
  503: 'LOCK.BUSY / SERVICE.UNAVAILABLE: the read could not be recorded now, so nothing is shown; try again',
};

function toWorkerResponse(view: WorkerView): WorkerResponse {
  return {
    id: view.id,
    status: view.status,
    nationality: view.nationality,
    sex: view.sex,
    birthYear: view.birthYear,
    initials: view.initials,
    mergedInto: view.mergedInto,
    hasPendingDuplicates: view.hasPendingDuplicates,
    permits: view.permits.map((p) => ({ id: p.id, number: p.number, status: p.status })),
  };
}

function toEntryResponse(read: RecordedPersonalDataRead): ReadLogEntryResponse {
  return {
    seq: read.seq,
    at: read.at,
    readerId: read.readerId,
    readerRole: read.readerRole,
    readerEmployerId: read.readerEmployerId,
    purpose: read.purpose,
    correlationId: read.correlationId,
    hash: read.hash,
  };
}

/**
 * Workers: the non-personal view, reads of personal data with a purpose (recorded in the worker's
 * hash-chained read log before anything is shown), the log and its verification, and the officers'
 * work on possible duplicates. Scope decides as everywhere: out of scope reads as absent (404).
 */
@ApiTags('workers')
@Controller('workers')
export class WorkersController {
  constructor(
    private readonly getWorker: GetWorkerHandler,
    private readonly readPersonalData: ReadPersonalDataHandler,
    private readonly listReads: ListPersonalDataReadsHandler,
    private readonly verifyReads: VerifyPersonalDataReadsHandler,
    private readonly listDuplicates: ListDuplicateReviewsHandler,
    private readonly merge: MergeWorkersHandler,
    private readonly markDistinct: MarkDistinctHandler,
  ) {}

  // Before `:id`, so that "duplicates" is never read as a worker id.
  @Get('duplicates')
  @RolesFor('RESOLVE_DUPLICATES')
  @ApiOperation({
    summary: 'Possible duplicate workers to resolve in your states',
    description:
      'Officers: the pairs flagged after a registration (equal date of birth and nationality, names that match ' +
      'after normalisation), listed in the states of either record’s applications and permits; newest first, ' +
      'a page at a time (pass `nextCursor` as `cursor`). Resolve each with `merge` or `distinct`.',
  })
  @ApiOkResponse({ type: DuplicateReviewPageResponse })
  @ApiProblems(WORKERS_PROBLEMS, 403)
  @ApiProblems(LIST_PROBLEMS)
  async duplicates(
    @Query() { cursor, limit }: ListDuplicateReviewsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DuplicateReviewPageResponse> {
    const page = await this.listDuplicates.execute(callerOf(principal), {
      limit,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return { items: page.items.map((review) => ({ ...review })), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RolesFor('VIEW_WORKER')
  @ApiOperation({
    summary: 'One worker, without personal data',
    description:
      'Employer staff whose employer applied for the worker; officers and supervisors of the states of the ' +
      'worker’s applications and permits. Status, nationality, sex, birth year, initials, the permits you may ' +
      'see; never names, documents, contact data or the date of birth (see `personal-data-reads`).',
  })
  @ApiOkResponse({ type: WorkerResponse })
  @ApiProblems(WORKERS_PROBLEMS, 403, 404)
  async get(
    @Param() { id }: WorkerIdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorkerResponse> {
    return toWorkerResponse(await this.getWorker.execute(id, callerOf(principal)));
  }

  @Post(':id/personal-data-reads')
  @HttpCode(200)
  @RolesFor('READ_PERSONAL_DATA')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'Read the worker’s personal data, stating why',
    description:
      'Officers of the states of the worker’s applications and permits; the worker’s current employer (a ' +
      'pending application or a held permit). The read is recorded in the worker’s hash-chained read log — ' +
      'who, when, why — before the data is returned; if it cannot be recorded, nothing is shown. Not cached; ' +
      'no Idempotency-Key (a replay would have to store the data).',
  })
  @ApiBody({ type: PersonalDataReadRequest })
  @ApiOkResponse({
    type: PersonalDataReadResponse,
    headers: {
      'Cache-Control': {
        description: '`private, no-store`: the body holds personal data',
        schema: { type: 'string', example: 'private, no-store' },
      },
    },
  })
  @ApiProblems(READ_PROBLEMS, 403, 404, 409, 422, 503)
  async read(
    @Param() { id }: WorkerIdParams,
    @Body() { purpose }: PersonalDataReadRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PersonalDataReadResponse> {
    const result = await this.readPersonalData.execute({
      workerId: id,
      purpose,
      metadata: requestMetadata(principal),
    });
    return {
      workerId: result.workerId,
      personalData: result.personalData as WorkerDataDto,
      read: toEntryResponse(result.read),
    };
  }

  @Get(':id/personal-data-reads')
  @RolesFor('VERIFY_READ_LOG')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'Who read the worker’s personal data, when and why',
    description:
      'Officers of the states of the worker’s applications and permits. The entries of the worker’s read log, ' +
      'oldest first, as stored: `verification` checks that none was altered or removed.',
  })
  @ApiOkResponse({
    type: ReadLogResponse,
    headers: {
      'Cache-Control': {
        description: '`private, no-store`: purposes are free text a reader typed',
        schema: { type: 'string', example: 'private, no-store' },
      },
    },
  })
  @ApiProblems(WORKERS_PROBLEMS, 403, 404)
  async reads(
    @Param() { id }: WorkerIdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReadLogResponse> {
    const entries = await this.listReads.execute(id, callerOf(principal));
    return { workerId: id, entries: entries.map(toEntryResponse) };
  }

  @Post(':id/personal-data-reads/verification')
  @HttpCode(200)
  @RolesFor('VERIFY_READ_LOG')
  @ApiOperation({
    summary: 'Verify the worker’s read log',
    description:
      'Officers of the worker’s states. Recomputes the chain from its first entry and answers `intact`, or ' +
      'the first entry altered or removed (`firstBadSeq`, `problem`: ALTERED, MISSING, TRUNCATED, ' +
      'HEAD_ALTERED, ROLLED_BACK). Pass the `head` of an earlier verification as `expectedAtLeast` to detect a ' +
      'chain rolled back below it. Writes nothing.',
  })
  @ApiBody({ type: ReadLogVerificationRequest, required: false })
  @ApiOkResponse({ type: ReadLogVerificationResponse })
  @ApiProblems(WORKERS_PROBLEMS, 403, 404)
  async verify(
    @Param() { id }: WorkerIdParams,
    @Body() body: ReadLogVerificationRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReadLogVerificationResponse> {
    const checkpoint = body?.expectedAtLeast;
    const result = await this.verifyReads.execute(
      id,
      callerOf(principal),
      checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : undefined,
    );
    return result.intact
      ? { workerId: id, intact: true, entries: result.entries, headLag: result.headLag, head: result.head }
      : {
          workerId: id,
          intact: false,
          entries: result.entries,
          firstBadSeq: result.firstBadSeq,
          problem: result.problem,
        };
  }

  @Post(':id/duplicates/:otherId/merge')
  @HttpCode(200)
  @RolesFor('RESOLVE_DUPLICATES')
  @ApiOperation({
    summary: 'Merge the worker into the other record of a flagged pair',
    description:
      'Officers of the worker’s states. The worker’s record becomes MERGED (frozen, pointing at the survivor, ' +
      'its history kept); its applications and permits move to the survivor; the pair leaves the lists. ' +
      'Publishes `frontera.worker.merged`. Safe to retry: a retry finishes what an interrupted merge left.',
  })
  @ApiOkResponse({ type: MergeResponse })
  @ApiProblems(WORKERS_PROBLEMS, 403, 404, 409, 422, 503)
  async mergeInto(
    @Param() { id, otherId }: DuplicatePairParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MergeResponse> {
    const merged = await this.merge.execute({
      workerId: id,
      otherWorkerId: otherId,
      reason,
      metadata: requestMetadata(principal),
    });
    return {
      merged: toWorkerResponse(merged.merged),
      survivor: toWorkerResponse(merged.survivor),
      movedApplicationIds: [...merged.movedApplicationIds],
      movedPermitIds: [...merged.movedPermitIds],
    };
  }

  @Post(':id/duplicates/:otherId/distinct')
  @HttpCode(200)
  @RolesFor('RESOLVE_DUPLICATES')
  @ApiOperation({
    summary: 'Mark a flagged pair as two different people',
    description:
      'Officers of the worker’s states. Both records remember the decision: the pair leaves the lists and is ' +
      'never flagged again.',
  })
  @ApiOkResponse({ type: WorkerResponse })
  @ApiProblems(WORKERS_PROBLEMS, 403, 404, 409, 422, 503)
  async distinct(
    @Param() { id, otherId }: DuplicatePairParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorkerResponse> {
    return toWorkerResponse(
      await this.markDistinct.execute({
        workerId: id,
        otherWorkerId: otherId,
        reason,
        metadata: requestMetadata(principal),
      }),
    );
  }
}
