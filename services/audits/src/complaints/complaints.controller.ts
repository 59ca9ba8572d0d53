import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AddComplaintInformationHandler,
  COMPLAINT_DECISIONS,
  ComplaintDecisionsHandler,
  ComplaintStatusHandler,
  FileComplaintHandler,
  ListComplaintsHandler,
  TriageComplaintHandler,
} from '@frontera/audits-application';
import type { Complaint } from '@frontera/audits-domain';
import { callerOf, CurrentPrincipal, Public, type Principal } from '@frontera/platform-auth';
import { CorrelationContext } from '@frontera/platform-observability';
import {
  ApiProblems,
  RateLimited,
  reasonTransitionsController,
  requestMetadata,
} from '@frontera/platform-http';
import { AUDITS_PROBLEMS, RolesFor } from '../http/api-docs.decorators';
import { IdParams } from '../http/dto/common.dto';
import {
  AddComplaintInformationRequest,
  ComplainantViewResponse,
  ComplaintListResponse,
  ComplaintResponse,
  ComplaintStatusRequest,
  FiledComplaintResponse,
  FileComplaintRequest,
  ListComplaintsQuery,
  TriageComplaintRequest,
} from './complaint.request';

/** The rate-limit rule of the public routes (COMPLAINT_RATE_PER_MINUTE). */
export const PUBLIC_COMPLAINT_RULE = 'public-complaints';

const PUBLIC_PROBLEMS = {
  404: 'COMPLAINT.NOT_FOUND: no complaint with that receipt code and secret (the same answer for either wrong)',
  422: 'COMPLAINT.INVALID_DATA (the field and constraint named), COMPLAINT.RECEIPT_CODE_INVALID; nothing stored',
  503: 'SERVICE.UNAVAILABLE / AUDIT.BUSY: try again shortly',
};

export function toComplaintResponse(complaint: Complaint): ComplaintResponse {
  return {
    id: complaint.id,
    receiptCode: complaint.receiptCode.toString(),
    channel: complaint.channel,
    employerId: complaint.employerId,
    worksiteId: complaint.worksiteId,
    state: complaint.state,
    indicators: [...complaint.indicators],
    forcedLabourIndicator: complaint.hasForcedLabourIndicator,
    anonymous: complaint.anonymous,
    status: complaint.status,
    receivedAt: complaint.receivedAt,
    taskId: complaint.triageRecord?.taskId ?? null,
  };
}

/** Complaints from the public (no login, rate-limited) and the supervisors' triage. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly file: FileComplaintHandler,
    private readonly status: ComplaintStatusHandler,
    private readonly list: ListComplaintsHandler,
    private readonly triage: TriageComplaintHandler,
    private readonly information: AddComplaintInformationHandler,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @RateLimited(PUBLIC_COMPLAINT_RULE)
  @ApiOperation({
    summary: 'File a complaint (public, anonymous if you wish)',
    description:
      'No login. A registered employer (`employerId`) or a place in free text, the state, a description, ' +
      'indicators from the catalogue and, optionally, contact data (encrypted at rest; without it the complaint ' +
      'is anonymous). Answers a receipt code and a secret — shown once — to follow it. A complaint naming a ' +
      'registered employer is triaged at once into a COMPLAINT audit (CRITICAL, due within 48 hours, with a ' +
      'forced-labour indicator). Publishes frontera.audit.complaint.received (ids and codes only).',
  })
  @ApiCreatedResponse({ type: FiledComplaintResponse })
  @ApiProblems(PUBLIC_PROBLEMS, 422, 503)
  async create(@Body() body: FileComplaintRequest): Promise<FiledComplaintResponse> {
    const subject =
      body.employerId !== undefined
        ? { employerId: body.employerId, worksiteId: body.worksiteId ?? null }
        : { place: body.place ?? '', municipality: body.municipality ?? null };
    const { complaint, secret } = await this.file.execute({
      channel: body.channel ?? 'WEB',
      subject,
      state: body.state,
      description: body.description,
      indicators: body.indicators ?? [],
      contact: body.contact ?? null,
      correlationId: CorrelationContext.correlationId(),
    });
    return {
      receiptCode: complaint.receiptCode.toString(),
      secret,
      status: complaint.complainantView().status,
    };
  }

  @Post('status')
  @Public()
  @HttpCode(200)
  @RateLimited(PUBLIC_COMPLAINT_RULE)
  @ApiOperation({
    summary: 'Follow a complaint with its receipt code and secret (public)',
    description:
      'No login. This complaint’s coarse status only (RECEIVED, UNDER_REVIEW, CLOSED), the day received and how ' +
      'often information was added — nothing about audits, dates, the employer or other complaints. A POST so ' +
      'the secret never appears in a URL.',
  })
  @ApiOkResponse({ type: ComplainantViewResponse })
  @ApiProblems(PUBLIC_PROBLEMS, 404, 422, 503)
  async follow(@Body() body: ComplaintStatusRequest): Promise<ComplainantViewResponse> {
    return this.status.execute(body.receiptCode, body.secret);
  }

  @Post('information')
  @Public()
  @HttpCode(200)
  @RateLimited(PUBLIC_COMPLAINT_RULE)
  @ApiOperation({
    summary: 'Add information to a complaint with its receipt code and secret (public)',
    description:
      'No login. While the complaint is received or under review, at most 20 times; the text is encrypted at rest ' +
      'and never published. A wrong code or secret is the same 404. Answers the complaint’s coarse status.',
  })
  @ApiOkResponse({ type: ComplainantViewResponse })
  @ApiProblems(
    { ...PUBLIC_PROBLEMS, 409: 'COMPLAINT.TRANSITION_NOT_ALLOWED: the complaint is closed' },
    404,
    409,
    422,
    503,
  )
  async addInformation(@Body() body: AddComplaintInformationRequest): Promise<ComplainantViewResponse> {
    return this.information.execute(body, CorrelationContext.correlationId());
  }

  @Get()
  @RolesFor('LIST_COMPLAINTS')
  @ApiOperation({
    summary: 'List the complaints of your states',
    description:
      'Supervisors: one status (default RECEIVED: the complaints to triage), oldest first, at most 200.',
  })
  @ApiOkResponse({ type: ComplaintListResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403)
  async index(
    @Query() query: ListComplaintsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintListResponse> {
    const found = await this.list.execute(
      callerOf(principal),
      query.status !== undefined ? { status: query.status } : {},
    );
    return { items: found.map(toComplaintResponse) };
  }

  @Post(':id/triage')
  @HttpCode(200)
  @RolesFor('TRIAGE_COMPLAINT')
  @ApiOperation({
    summary: 'Triage a complaint into a COMPLAINT audit',
    description:
      'Supervisors of its state: RECEIVED → TRIAGED and a COMPLAINT task for the employer’s worksite (a place ' +
      'complaint names them: 409 COMPLAINT.EMPLOYER_REQUIRED otherwise), assigned automatically when someone ' +
      'qualifies. Publishes frontera.audit.task.created.',
  })
  @ApiOkResponse({ type: ComplaintResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async triageComplaint(
    @Param() { id }: IdParams,
    @Body() body: TriageComplaintRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintResponse> {
    const { complaint } = await this.triage.bySupervisor(
      id,
      {
        ...(body.employerId !== undefined ? { employerId: body.employerId } : {}),
        ...(body.worksiteId !== undefined ? { worksiteId: body.worksiteId } : {}),
      },
      requestMetadata(principal),
    );
    return toComplaintResponse(complaint);
  }
}

/** Reason-only decisions on a complaint (dismissal): `POST /complaints/:id/<resource>` with `{ reason }`. */
export const ComplaintDecisionsController = reasonTransitionsController({
  name: 'ComplaintDecisionsController',
  path: 'complaints/:id',
  tag: 'complaints',
  params: IdParams,
  response: ComplaintResponse,
  transitions: COMPLAINT_DECISIONS,
  handler: ComplaintDecisionsHandler,
  execute: async (handler: ComplaintDecisionsHandler, row, { id }, reason, principal) =>
    toComplaintResponse(
      await handler.execute({
        operation: row.operation,
        key: id,
        reason,
        metadata: requestMetadata(principal),
      }),
    ),
  decorate: (row) => [RolesFor(row.operation), ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)],
});
