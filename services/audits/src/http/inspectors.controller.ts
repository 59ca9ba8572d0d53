import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetInspectorHandler,
  INSPECTOR_DECISIONS,
  InspectorDecisionsHandler,
  ListInspectorsHandler,
  RegisterInspectorHandler,
} from '@frontera/audits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import {
  ApiProblems,
  Idempotent,
  reasonTransitionsController,
  requestMetadata,
} from '@frontera/platform-http';
import { AUDITS_PROBLEMS, RolesFor } from './api-docs.decorators';
import { IdParams } from './dto/common.dto';
import { ListInspectorsQuery, RegisterInspectorRequest } from './dto/inspector.request';
import { InspectorListResponse, InspectorResponse } from './dto/responses';
import { toInspectorResponse } from './response.mappers';

@ApiTags('inspectors')
@Controller('inspectors')
export class InspectorsController {
  constructor(
    private readonly register: RegisterInspectorHandler,
    private readonly getInspector: GetInspectorHandler,
    private readonly listInspectors: ListInspectorsHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @RolesFor('REGISTER_INSPECTOR')
  @Idempotent()
  @ApiOperation({
    summary: 'Register an inspector',
    description:
      'Supervisors, for areas within their own states: the inspector record (id = the `inspectorId` of the ' +
      'inspector’s token), areas (whole states or some municipalities), capacity and declared conflicts of ' +
      'interest. No personal data: the person’s name and contact stay with the identity provider. A second ' +
      'registration of the same id is 409 INSPECTOR.ALREADY_REGISTERED.',
  })
  @ApiCreatedResponse({ type: InspectorResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 409, 422, 503)
  async create(
    @Body() body: RegisterInspectorRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InspectorResponse> {
    const inspector = await this.register.execute({
      inspectorId: body.inspectorId,
      areas: body.areas,
      capacity: body.capacity,
      ...(body.conflicts !== undefined ? { conflicts: body.conflicts } : {}),
      metadata: requestMetadata(principal),
    });
    return toInspectorResponse(inspector);
  }

  @Get()
  @RolesFor('LIST_INSPECTORS')
  @ApiOperation({
    summary: 'List the inspectors of your states',
    description: 'Supervisors: the inspectors covering one of their states (or the one given), by id.',
  })
  @ApiOkResponse({ type: InspectorListResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403)
  async list(
    @Query() query: ListInspectorsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InspectorListResponse> {
    const found = await this.listInspectors.execute(callerOf(principal), {
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
    });
    return { items: found.map(toInspectorResponse) };
  }

  @Get(':id')
  @RolesFor('VIEW_INSPECTOR')
  @ApiOperation({
    summary: 'One inspector',
    description: 'Supervisors sharing one of its states; the inspector itself.',
  })
  @ApiOkResponse({ type: InspectorResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404)
  async get(@Param() { id }: IdParams, @CurrentPrincipal() principal: Principal): Promise<InspectorResponse> {
    return toInspectorResponse(await this.getInspector.execute(id, callerOf(principal)));
  }
}

/** Deactivation and activation of an inspector: `POST /inspectors/:id/<resource>` with `{ reason }`. */
export const InspectorDecisionsController = reasonTransitionsController({
  name: 'InspectorDecisionsController',
  path: 'inspectors/:id',
  tag: 'inspectors',
  params: IdParams,
  response: InspectorResponse,
  transitions: INSPECTOR_DECISIONS,
  handler: InspectorDecisionsHandler,
  execute: async (handler: InspectorDecisionsHandler, row, { id }, reason, principal) =>
    toInspectorResponse(
      await handler.execute({
        operation: row.operation,
        key: id,
        reason,
        metadata: requestMetadata(principal),
      }),
    ),
  decorate: (row) => [RolesFor(row.operation), ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)],
});
