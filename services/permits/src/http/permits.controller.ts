import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetPermitHandler,
  GetPermitHistoryHandler,
  ListPermitsHandler,
  PERMIT_DECISIONS,
  PermitDecisionsHandler,
} from '@frontera/permits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, reasonTransitionsController, requestMetadata } from '@frontera/platform-http';
import { LIST_PROBLEMS, PERMITS_PROBLEMS, RolesFor } from './api-docs.decorators';
import { IdParams, ListPermitsQuery } from './dto/common.dto';
import { HistoryResponse, PermitPageResponse, PermitResponse } from './dto/responses';
import { toHistoryResponse, toPermitResponse } from './response.mappers';

@ApiTags('permits')
@Controller('permits')
export class PermitsController {
  constructor(
    private readonly getPermit: GetPermitHandler,
    private readonly listPermits: ListPermitsHandler,
    private readonly getHistory: GetPermitHistoryHandler,
  ) {}

  @Get()
  @RolesFor('LIST_PERMITS')
  @ApiOperation({
    summary: 'List permits',
    description:
      'Employer staff: their own. Officers and supervisors: those of worksites in their states. Newest first, ' +
      'a page at a time: pass `nextCursor` as `cursor`.',
  })
  @ApiOkResponse({ type: PermitPageResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403)
  @ApiProblems(LIST_PROBLEMS)
  async list(
    @Query() { cursor, limit, ...filter }: ListPermitsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PermitPageResponse> {
    const page = await this.listPermits.execute(callerOf(principal), filter, {
      limit,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    const caller = callerOf(principal);
    return { items: page.items.map((p) => toPermitResponse(p, caller)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RolesFor('VIEW_PERMIT')
  @ApiOperation({
    summary: 'One permit',
    description: 'Its employer; officers and supervisors of its state.',
  })
  @ApiOkResponse({ type: PermitResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403, 404)
  async get(@Param() { id }: IdParams, @CurrentPrincipal() principal: Principal): Promise<PermitResponse> {
    const caller = callerOf(principal);
    return toPermitResponse(await this.getPermit.execute(id, caller), caller);
  }

  @Get(':id/history')
  @RolesFor('VIEW_HISTORY')
  @ApiOperation({
    summary: 'The permit’s history: every change with actor, time and reason',
    description: 'Its employer; officers and supervisors of its state.',
  })
  @ApiOkResponse({ type: HistoryResponse })
  @ApiProblems(PERMITS_PROBLEMS, 403, 404)
  async history(
    @Param() { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryResponse> {
    return toHistoryResponse(await this.getHistory.execute(id, callerOf(principal)));
  }
}

/**
 * Suspension, reinstatement, revocation (officers of the permit's state) and the end of the
 * employment (its employer): `POST /permits/:id/<resource>` with `{ reason }`.
 */
export const PermitDecisionsController = reasonTransitionsController({
  name: 'PermitDecisionsController',
  path: 'permits/:id',
  tag: 'permits',
  params: IdParams,
  response: PermitResponse,
  transitions: PERMIT_DECISIONS,
  handler: PermitDecisionsHandler,
  execute: async (handler: PermitDecisionsHandler, row, { id }, reason, principal) =>
    toPermitResponse(
      await handler.execute({
        operation: row.operation,
        key: id,
        reason,
        metadata: requestMetadata(principal),
      }),
      callerOf(principal),
    ),
  decorate: (row) => [RolesFor(row.operation), ApiProblems(PERMITS_PROBLEMS, 403, 404, 409, 422, 503)],
});
