import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import {
  GetEmployerHandler,
  GetEmployerHistoryHandler,
  ListEmployersHandler,
  RegisterEmployerHandler,
} from '@frontera/employers-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, Idempotent, requestMetadata } from '@frontera/platform-http';
import { EMPLOYER_LIST_PROBLEMS, EMPLOYER_PROBLEMS, RolesFor } from './api-docs.decorators';
import { EmployerParams } from './dto/common.dto';
import {
  EmployerPageResponse,
  EmployerResponse,
  HistoryResponse,
  type EmployerSummaryResponse,
} from './dto/employer.response';
import { ListEmployersQueryDto } from './dto/list-employers.query';
import { RegisterEmployerRequest } from './dto/register-employer.request';
import { toEmployerResponse, toEmployerSummary, toHistoryResponse } from './employer-response.mapper';

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly registerEmployer: RegisterEmployerHandler,
    private readonly listEmployers: ListEmployersHandler,
    private readonly getEmployer: GetEmployerHandler,
    private readonly getHistory: GetEmployerHistoryHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @RolesFor('REGISTER')
  @ApiOperation({
    summary: 'Register the caller’s organisation as an employer',
    description:
      'Role employer. The employer id is the `employerId` your identity provider put in your token; ' +
      'the employer starts PENDING_VERIFICATION and `frontera.employer.registered` is published. ' +
      'Send an `Idempotency-Key` to retry safely: the same key and body return the first response.',
  })
  @Idempotent()
  @ApiCreatedResponse({
    type: EmployerResponse,
    headers: {
      Location: { description: 'The new employer: /employers/{id}', schema: { type: 'string' } },
      'Idempotent-Replayed': {
        description:
          '`true` when this is the stored response of an earlier request with the same Idempotency-Key',
        required: false,
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 409, 422, 503)
  async register(
    @Body() body: RegisterEmployerRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<EmployerResponse> {
    const registered = toEmployerResponse(
      await this.registerEmployer.execute({ data: body, metadata: requestMetadata(principal) }),
    );
    res.setHeader('Location', `/employers/${encodeURIComponent(registered.id)}`);
    return registered;
  }

  @Get()
  @RolesFor('LIST')
  @ApiOperation({
    summary: 'List employers',
    description:
      'Officers and supervisors: the employers registered in their states, filtered, a page at a time: ' +
      'pass `nextCursor` as `cursor` for the next page. State by state (alphabetically), and within a state ' +
      'in list order, newest first: an employer joins its state’s list when it registers, and joins the ' +
      'new state’s list when it reports a new address state (it is then listed first there), so the order ' +
      'is not that of registration. A page may hold fewer than `limit` items when filters match little ' +
      '(each request reads a bounded part of the list) and still have a `nextCursor`. Employer staff: only ' +
      'their own employer, in one page without a `nextCursor` (any `cursor` is 400 LIST.INVALID_CURSOR). ' +
      'Personal data in items is shown to officers only; contact and legal representative are never in lists.',
  })
  @ApiOkResponse({ type: EmployerPageResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403)
  @ApiProblems(EMPLOYER_LIST_PROBLEMS)
  async list(
    @Query() query: ListEmployersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: EmployerSummaryResponse[]; nextCursor: string | null }> {
    const { cursor, limit, ...filter } = query;
    const found = await this.listEmployers.execute({
      filter,
      ...(cursor !== undefined ? { cursor } : {}),
      limit,
      caller: callerOf(principal),
    });
    return { ...found, items: found.items.map(toEmployerSummary) };
  }

  @Get(':id')
  @RolesFor('VIEW')
  @ApiOperation({
    summary: 'An employer’s record, with its worksites and audit outcomes',
    description:
      'Employer staff: their own, in full. Officers in the employer’s state: in full, with the risk ' +
      'assessment. Supervisors in the state: personal data masked.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404)
  async get(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.getEmployer.execute({ employerId: id, caller: callerOf(principal) }),
    );
  }

  @Get(':id/history')
  @RolesFor('VIEW_HISTORY')
  @ApiOperation({
    summary: 'The change history: who changed what, when and why',
    description:
      'Officers and supervisors in the employer’s state. Personal data appears as "changed", without values.',
  })
  @ApiOkResponse({ type: HistoryResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404)
  async history(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryResponse> {
    return toHistoryResponse(await this.getHistory.execute({ employerId: id, caller: callerOf(principal) }));
  }
}
