import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetAuditPlanHandler, GetEmployerRiskHandler } from '@frontera/audits-application';
import type { AuditPlan, RiskAssessment } from '@frontera/audits-domain';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems } from '@frontera/platform-http';
import { AUDITS_PROBLEMS, RolesFor } from './api-docs.decorators';
import { EmployerParams } from './dto/common.dto';
import { AuditPlanResponse, RiskResponse } from './dto/plan.responses';

function toRiskResponse(assessment: RiskAssessment): RiskResponse {
  return {
    employerId: assessment.employerId,
    score: assessment.score,
    tier: assessment.tier,
    scoreTier: assessment.scoreTier,
    tierFloor: assessment.tierFloor ? { ...assessment.tierFloor } : null,
    factors: assessment.factors.map((f) => ({
      code: f.code,
      weight: f.weight,
      intensity: f.intensity,
      points: f.points,
      evidence: { ...(f.evidence as object) } as Record<string, unknown>,
      explanationEs: f.explanation.es,
      explanationEn: f.explanation.en,
    })),
    computedAt: assessment.computedAt,
  };
}

function toPlanResponse(plan: AuditPlan): AuditPlanResponse {
  return {
    employerId: plan.employerId,
    status: plan.status,
    employerStatus: plan.employerStatus,
    tier: plan.tier,
    cadenceDays: plan.cadenceDays,
    worksites: plan.worksites.map((w) => ({
      worksiteId: w.worksiteId,
      state: w.state,
      municipality: w.municipality,
      open: w.open,
      lastPeriodicOn: w.lastPeriodicOn,
    })),
    scheduled: plan.scheduled.map((s) => ({
      key: s.key,
      kind: s.kind,
      worksiteId: s.worksiteId,
      createOn: s.createOn,
      dueOn: s.dueOn,
      taskId: s.taskId,
    })),
  };
}

@ApiTags('risk and plans')
@Controller('employers/:employerId')
export class PlansController {
  constructor(
    private readonly risk: GetEmployerRiskHandler,
    private readonly plans: GetAuditPlanHandler,
  ) {}

  @Get('risk')
  @RolesFor('VIEW_RISK')
  @ApiOperation({
    summary: 'The employer’s risk score, explained',
    description:
      'Supervisors and officers of one of its worksites’ states: the latest assessment (recomputed when a relevant ' +
      'event arrives) with every factor’s weight, intensity, points, evidence and explanation. Never for employer staff.',
  })
  @ApiOkResponse({ type: RiskResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404)
  async getRisk(
    @Param() { employerId }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RiskResponse> {
    return toRiskResponse(await this.risk.execute(employerId, callerOf(principal)));
  }

  @Get('audit-plan')
  @RolesFor('VIEW_PLAN')
  @ApiOperation({
    summary: 'The employer’s audit plan and schedule',
    description:
      'Supervisors of one of its worksites’ states: tier, cadence, worksites and every planned audit with the day its ' +
      'task is created and its due day (internal planning: no employer-facing route shows it).',
  })
  @ApiOkResponse({ type: AuditPlanResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404)
  async getPlan(
    @Param() { employerId }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditPlanResponse> {
    return toPlanResponse(await this.plans.execute(employerId, callerOf(principal)));
  }
}
