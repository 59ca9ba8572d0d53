import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import {
  AddWorksiteHandler,
  CloseWorksiteHandler,
  GetEmployerHandler,
  UpdateWorksiteHandler,
} from '@frontera/employers-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { requestMetadata } from '@frontera/platform-http';
import { ApiProblems } from '@frontera/platform-http';
import { EMPLOYER_PROBLEMS, RolesFor } from './api-docs.decorators';
import { EmployerParams, ReasonRequest, WorksiteParams } from './dto/common.dto';
import { WorksiteResponse } from './dto/employer.response';
import { AddWorksiteRequest, UpdateWorksiteRequest } from './dto/worksite.request';
import { toWorksiteResponse } from './employer-response.mapper';

@ApiTags('worksites')
@Controller('employers/:id/worksites')
export class WorksitesController {
  constructor(
    private readonly getEmployer: GetEmployerHandler,
    private readonly addWorksite: AddWorksiteHandler,
    private readonly updateWorksite: UpdateWorksiteHandler,
    private readonly closeWorksite: CloseWorksiteHandler,
  ) {}

  @Get()
  @RolesFor('VIEW')
  @ApiOperation({ summary: 'The employer’s worksites, with headcount and permit eligibility' })
  @ApiOkResponse({ type: [WorksiteResponse] })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404)
  async list(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorksiteResponse[]> {
    const { employer } = await this.getEmployer.execute({ employerId: id, caller: callerOf(principal) });
    return employer.worksites.map(toWorksiteResponse);
  }

  @Post()
  @HttpCode(201)
  @RolesFor('ADD_WORKSITE')
  @ApiOperation({
    summary: 'Add a worksite',
    description:
      'Employer staff, own employer (not while SUSPENDED). Only worksites in the eligible states (ELIGIBLE_STATES) ' +
      'can receive permit workers. Publishes frontera.employer.worksite.added (no name, no coordinates).',
  })
  @ApiCreatedResponse({
    type: WorksiteResponse,
    headers: {
      Location: {
        description: 'The new worksite: /employers/{id}/worksites/{worksiteId}',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404, 409, 422, 503)
  async add(
    @Param() { id }: EmployerParams,
    @Body() body: AddWorksiteRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<WorksiteResponse> {
    const worksite = await this.addWorksite.execute({
      employerId: id,
      worksite: body,
      metadata: requestMetadata(principal),
    });
    res.setHeader(
      'Location',
      `/employers/${encodeURIComponent(id)}/worksites/${encodeURIComponent(worksite.id)}`,
    );
    return toWorksiteResponse(worksite);
  }

  @Patch(':worksiteId')
  @RolesFor('UPDATE_WORKSITE')
  @ApiOperation({
    summary: 'Edit an open worksite',
    description:
      'Omitted fields stay; publishes frontera.employer.worksite.updated with the changed field names.',
  })
  @ApiOkResponse({ type: WorksiteResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404, 409, 422, 503)
  async update(
    @Param() { id, worksiteId }: WorksiteParams,
    @Body() body: UpdateWorksiteRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorksiteResponse> {
    const { reason, ...changes } = body;
    return toWorksiteResponse(
      await this.updateWorksite.execute({
        employerId: id,
        worksiteId,
        changes,
        reason,
        metadata: requestMetadata(principal),
      }),
    );
  }

  @Post(':worksiteId/closure')
  @HttpCode(200)
  @RolesFor('CLOSE_WORKSITE')
  @ApiOperation({ summary: 'Close a worksite', description: 'Publishes frontera.employer.worksite.closed.' })
  @ApiOkResponse({ type: WorksiteResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404, 409, 422, 503)
  async close(
    @Param() { id, worksiteId }: WorksiteParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorksiteResponse> {
    return toWorksiteResponse(
      await this.closeWorksite.execute({
        employerId: id,
        worksiteId,
        reason,
        metadata: requestMetadata(principal),
      }),
    );
  }
}
