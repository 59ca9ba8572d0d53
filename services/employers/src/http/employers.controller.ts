import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import {
  GetEmployerHandler,
  GetEmployerHistoryHandler,
  ListEmployersHandler,
  RegisterEmployerHandler,
} from '@frontera/employers-application';
import { CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, RolesFor } from './api-docs.decorators';
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
import { IDEMPOTENCY_HEADER, IdempotencyStore } from './idempotency/idempotency.store';
import { actorOf, metadataOf } from './request-actor';

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly registerEmployer: RegisterEmployerHandler,
    private readonly listEmployers: ListEmployersHandler,
    private readonly getEmployer: GetEmployerHandler,
    private readonly getHistory: GetEmployerHistoryHandler,
    private readonly idempotency: IdempotencyStore,
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
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: '1–255 visible characters, e.g. a UUID',
  })
  @ApiCreatedResponse({ type: EmployerResponse, headers: { Location: { description: '/employers/{id}' } } })
  @ApiProblems(400, 403, 409, 413, 415, 422, 503)
  async register(
    @Body() body: RegisterEmployerRequest,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<EmployerResponse> {
    const run = async () =>
      toEmployerResponse(
        await this.registerEmployer.execute({ data: body, metadata: metadataOf(principal) }),
      );
    const outcome =
      idempotencyKey === undefined
        ? { body: await run(), replayed: false }
        : await this.idempotency.run(`${principal.subject}`, idempotencyKey, body, run);
    res.setHeader('Location', `/employers/${encodeURIComponent(outcome.body.id)}`);
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return outcome.body;
  }

  @Get()
  @RolesFor('LIST')
  @ApiOperation({
    summary: 'List employers',
    description:
      'Officers and supervisors: the employers registered in their states, filtered and paged ' +
      '(newest first). Employer staff: only their own employer. Personal data in items is shown to ' +
      'officers only; contact and legal representative are never in lists.',
  })
  @ApiOkResponse({ type: EmployerPageResponse })
  @ApiProblems(400, 403)
  async list(
    @Query() query: ListEmployersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: EmployerSummaryResponse[]; page: number; pageSize: number; total: number }> {
    const { page = 1, pageSize = 20, ...filter } = query;
    const found = await this.listEmployers.execute({
      filter,
      page: { page, pageSize },
      actor: actorOf(principal),
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
  @ApiProblems(400, 403, 404)
  async get(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(await this.getEmployer.execute({ employerId: id, actor: actorOf(principal) }));
  }

  @Get(':id/history')
  @RolesFor('VIEW_HISTORY')
  @ApiOperation({
    summary: 'The change history: who changed what, when and why',
    description:
      'Officers and supervisors in the employer’s state. Personal data appears as "changed", without values.',
  })
  @ApiOkResponse({ type: HistoryResponse })
  @ApiProblems(400, 403, 404)
  async history(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryResponse> {
    return toHistoryResponse(await this.getHistory.execute({ employerId: id, actor: actorOf(principal) }));
  }
}
