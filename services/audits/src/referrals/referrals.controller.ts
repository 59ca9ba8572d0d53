import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcknowledgeReferralHandler,
  CloseReferralHandler,
  ListReferralsHandler,
  ReferComplaintHandler,
  ReferralStatisticsHandler,
  type ReferralStatisticsView,
} from '@frontera/audits-application';
import { counterKeyOf, type Referral } from '@frontera/audits-domain';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, Idempotent, requestMetadata } from '@frontera/platform-http';
import { AUDITS_PROBLEMS, RolesFor } from '../http/api-docs.decorators';
import { IdParams } from '../http/dto/common.dto';
import {
  AcknowledgeReferralRequest,
  CloseReferralRequest,
  ListReferralsQuery,
  ReferComplaintRequest,
  ReferralCountCell,
  ReferralListResponse,
  ReferralResponse,
  ReferralStatisticsQuery,
  ReferralStatisticsResponse,
} from './referral.dto';

export function toReferralStatisticsResponse(view: ReferralStatisticsView): ReferralStatisticsResponse {
  const cells: ReferralCountCell[] = [];
  for (const [id, count] of Object.entries(view.counts).sort(([a], [b]) => a.localeCompare(b))) {
    const key = counterKeyOf(id);
    if (key === null) continue;
    cells.push({
      family: key.family,
      agency: key.agency,
      state: key.state,
      indicator: key.family === 'INDICATOR' ? key.indicator : null,
      status: key.family === 'MILESTONE' ? null : key.status,
      milestone: key.family === 'MILESTONE' ? key.milestone : null,
      count,
    });
  }
  const t = view.totals;
  return {
    states: [...view.states],
    total: t.total,
    byAgency: { ...t.byAgency },
    byState: { ...t.byState },
    byOutcome: { ...t.byOutcome },
    byIndicator: { ...t.byIndicator },
    byMilestone: { ...t.byMilestone },
    cells,
  };
}

export function toReferralResponse(referral: Referral): ReferralResponse {
  return {
    id: referral.id,
    agency: referral.agency,
    sourceType: referral.source.type,
    sourceId: referral.source.id,
    employerId: referral.employerId,
    state: referral.state,
    indicators: [...referral.indicators],
    status: referral.status,
    acknowledgementDueAt: referral.acknowledgementDueAt.toISOString(),
    escalatedAt: referral.escalatedAt,
    acknowledgedAt: referral.acknowledgement?.at ?? null,
    outcome: referral.closure?.outcome ?? null,
    victimsAssisted: referral.closure?.victimsAssisted ?? null,
    allowedActions: [...referral.allowedActions],
  };
}

/** Referrals to prosecutors, victim services and the labour authority: supervisors record the agencies' answers. */
@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly list: ListReferralsHandler,
    private readonly acknowledge: AcknowledgeReferralHandler,
    private readonly close: CloseReferralHandler,
    private readonly statistics: ReferralStatisticsHandler,
  ) {}

  @Get('statistics')
  @RolesFor('VIEW_REFERRAL_STATISTICS')
  @ApiOperation({
    summary: 'Referral statistics of your states',
    description:
      'Supervisors and officers: how many referrals went to each agency, by state, outcome (OPEN until the ' +
      'agency reports one), forced-labour indicator and milestone (acknowledged, late, escalated) — counts and ' +
      'codes only, no person and no case. Kept from the referral events (a read model of counters); `state` ' +
      'narrows to one of your states.',
  })
  @ApiOkResponse({ type: ReferralStatisticsResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403)
  async statisticsOf(
    @Query() query: ReferralStatisticsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralStatisticsResponse> {
    return toReferralStatisticsResponse(
      await this.statistics.execute(
        callerOf(principal),
        query.state !== undefined ? { state: query.state } : {},
      ),
    );
  }

  @Get()
  @RolesFor('LIST_REFERRALS')
  @ApiOperation({
    summary: 'List the referrals of your states',
    description:
      'Supervisors: one status (default AWAITING_ACKNOWLEDGEMENT), soonest acknowledgement deadline first, at most 200. ' +
      'A REFERRAL audit refers its case to FEVIMTRA and victim services (and the labour authority when labour ' +
      'violations were found too); an unacknowledged referral escalates when its deadline passes.',
  })
  @ApiOkResponse({ type: ReferralListResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403)
  async index(
    @Query() query: ListReferralsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralListResponse> {
    const found = await this.list.execute(
      callerOf(principal),
      query.status !== undefined ? { status: query.status } : {},
    );
    return { items: found.map(toReferralResponse) };
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @RolesFor('ACKNOWLEDGE_REFERRAL')
  @ApiOperation({
    summary: 'Record the agency’s acknowledgement',
    description:
      'Supervisors of its state: AWAITING_ACKNOWLEDGEMENT → ACKNOWLEDGED (late when past the deadline). ' +
      'Publishes frontera.audit.referral.acknowledged.',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async acknowledgement(
    @Param() { id }: IdParams,
    @Body() body: AcknowledgeReferralRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralResponse> {
    return toReferralResponse(
      await this.acknowledge.execute(
        id,
        body.agencyReference !== undefined ? { agencyReference: body.agencyReference } : {},
        requestMetadata(principal),
      ),
    );
  }

  @Post(':id/closure')
  @HttpCode(200)
  @RolesFor('CLOSE_REFERRAL')
  @ApiOperation({
    summary: 'Record the agency’s final outcome',
    description:
      'Supervisors of its state: → CLOSED with the outcome (and victims assisted, as a count). Publishes ' +
      'frontera.audit.referral.closed (agency, state, indicator codes, outcome: the countable data).',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async closure(
    @Param() { id }: IdParams,
    @Body() body: CloseReferralRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralResponse> {
    return toReferralResponse(
      await this.close.execute(
        id,
        {
          outcome: body.outcome,
          ...(body.victimsAssisted !== undefined ? { victimsAssisted: body.victimsAssisted } : {}),
        },
        requestMetadata(principal),
      ),
    );
  }
}

/** Referrals made from a complaint: `POST /complaints/:id/referrals`. */
@ApiTags('referrals')
@Controller('complaints')
export class ComplaintReferralsController {
  constructor(private readonly refer: ReferComplaintHandler) {}

  @Post(':id/referrals')
  @HttpCode(201)
  @RolesFor('REFER_COMPLAINT')
  @Idempotent()
  @ApiOperation({
    summary: 'Refer a complaint to an agency',
    description:
      'Supervisors of its state, while it is RECEIVED or TRIAGED (409 COMPLAINT.TRANSITION_NOT_ALLOWED once ' +
      'closed or dismissed): a referral to FEVIMTRA, a state prosecutor, victim services or the labour ' +
      'authority, with the acknowledgement deadline of that agency; it escalates like every referral. One ' +
      'referral per complaint and agency: the same agency again answers that referral and changes nothing. ' +
      'The reason stays in the referral’s history. Publishes frontera.audit.referral.created (sourceType COMPLAINT).',
  })
  @ApiCreatedResponse({ type: ReferralResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async create(
    @Param() { id }: IdParams,
    @Body() body: ReferComplaintRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralResponse> {
    const { referral } = await this.refer.execute(
      id,
      { agency: body.agency, reason: body.reason },
      requestMetadata(principal),
    );
    return toReferralResponse(referral);
  }
}
