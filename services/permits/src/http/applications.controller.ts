import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import {
  APPLICATION_DECISIONS,
  ApplicationDecisionsHandler,
  ApproveApplicationHandler,
  GetApplicationHandler,
  ListApplicationsHandler,
  SubmitApplicationHandler,
} from '@frontera/permits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import {
  ApiProblems,
  Idempotent,
  reasonTransitionsController,
  ReasonRequest,
  requestMetadata,
} from '@frontera/platform-http';
import { LIST_PROBLEMS, PERMITS_PROBLEMS, RolesFor } from './api-docs.decorators';
import { SubmitApplicationRequest } from './dto/application.request';
import { IdParams, ListApplicationsQuery } from './dto/common.dto';
import {
  ApplicationPageResponse,
  ApplicationResponse,
  ApprovalResponse,
  SubmittedApplicationResponse,
} from './dto/responses';
import { toApplicationResponse, toPermitResponse } from './response.mappers';

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly submitApplication: SubmitApplicationHandler,
    private readonly approveApplication: ApproveApplicationHandler,
    private readonly getApplication: GetApplicationHandler,
    private readonly listApplications: ListApplicationsHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @RolesFor('SUBMIT_APPLICATION')
  @Idempotent()
  @ApiOperation({
    summary: 'Apply for a permit for a worker at one of your worksites',
    description:
      'Employer staff. Eligibility is checked on the service’s own facts (its read model of employers and ' +
      'worksites, kept from employer events) and an ineligible application is refused with every failed ' +
      'rule (422 APPLICATION.NOT_ELIGIBLE): nationality GTM or BLZ, 16 or older on the start date, ' +
      'employer ACTIVE and rated A, worksite open and in an eligible state and not at capacity, no other ' +
      'active permit, no recruitment fee, wage at least the minimum. Nothing is stored then. Publishes ' +
      '`frontera.permit.application.submitted` (and `frontera.worker.registered` for a new worker). Send an ' +
      '`Idempotency-Key` to retry safely.',
  })
  @ApiCreatedResponse({ type: SubmittedApplicationResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403, 404, 409, 422, 503)
  async submit(
    @Body() body: SubmitApplicationRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<SubmittedApplicationResponse> {
    const { application, workerRegistered } = await this.submitApplication.execute({
      ...body,
      metadata: requestMetadata(principal),
    });
    res.setHeader('Location', `/applications/${encodeURIComponent(application.id)}`);
    return { ...toApplicationResponse(application), workerRegistered };
  }

  @Get()
  @RolesFor('LIST_APPLICATIONS')
  @ApiOperation({
    summary: 'List applications',
    description:
      'Employer staff: their own. Officers and supervisors: those of worksites in their states (state by ' +
      'state, alphabetically). Newest first, a page at a time: pass `nextCursor` as `cursor`.',
  })
  @ApiOkResponse({ type: ApplicationPageResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403)
  @ApiProblems(LIST_PROBLEMS)
  async list(
    @Query() { cursor, limit, ...filter }: ListApplicationsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationPageResponse> {
    const page = await this.listApplications.execute(callerOf(principal), filter, {
      limit,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    return { items: page.items.map(toApplicationResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RolesFor('VIEW_APPLICATION')
  @ApiOperation({
    summary: 'One application',
    description: 'Its employer; officers and supervisors of its state.',
  })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403, 404)
  async get(
    @Param() { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.getApplication.execute(id, callerOf(principal)));
  }

  @Post(':id/approval')
  @HttpCode(200)
  @RolesFor('APPROVE_APPLICATION')
  @Idempotent()
  @ApiOperation({
    summary: 'Approve a submitted application: the permit is issued',
    description:
      'Officers of the worksite’s state. Eligibility is checked again on the current facts; a rule that ' +
      'fails now refuses the approval (422, every reason) and changes nothing. NEW: a permit is issued ' +
      '(number with a check character, one year by default, QR verification token). TRANSFER: the old ' +
      'permit ends (TRANSFERRED). RENEWAL: the permit gets the new offer and validity. Publishes ' +
      '`frontera.permit.application.approved` and `frontera.permit.issued` / `.transferred` / `.renewed`. ' +
      'Send an `Idempotency-Key` to retry safely: a retry gets the first answer again (the permit issued), ' +
      'not a 409 for an application already APPROVED.',
  })
  @ApiOkResponse({ type: ApprovalResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403, 404, 409, 422, 503)
  async approve(
    @Param() { id }: IdParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApprovalResponse> {
    const { application, permit } = await this.approveApplication.execute({
      applicationId: id,
      reason,
      metadata: requestMetadata(principal),
    });
    return {
      application: toApplicationResponse(application),
      permit: toPermitResponse(permit, callerOf(principal)),
    };
  }
}

/** Rejection (officer) and withdrawal (employer): `POST /applications/:id/<resource>` with `{ reason }`. */
export const ApplicationDecisionsController = reasonTransitionsController({
  name: 'ApplicationDecisionsController',
  path: 'applications/:id',
  tag: 'applications',
  params: IdParams,
  response: ApplicationResponse,
  transitions: APPLICATION_DECISIONS,
  handler: ApplicationDecisionsHandler,
  execute: async (handler: ApplicationDecisionsHandler, row, { id }, reason, principal) =>
    toApplicationResponse(
      await handler.execute({
        operation: row.operation,
        key: id,
        reason,
        metadata: requestMetadata(principal),
      }),
    ),
  decorate: (row) => [RolesFor(row.operation), ApiProblems(PERMITS_PROBLEMS, 403, 404, 409, 422, 503)],
});
