import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AcknowledgeReferralHandler,
  CloseReferralHandler,
  ListReferralsHandler,
} from '@frontera/audits-application';
import type { Referral } from '@frontera/audits-domain';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, requestMetadata } from '@frontera/platform-http';
import { AUDITS_PROBLEMS, RolesFor } from '../http/api-docs.decorators';
import { IdParams } from '../http/dto/common.dto';
import {
  AcknowledgeReferralRequest,
  CloseReferralRequest,
  ListReferralsQuery,
  ReferralListResponse,
  ReferralResponse,
} from './referral.dto';

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
  ) {}

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
