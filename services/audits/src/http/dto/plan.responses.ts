import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_KINDS, MEXICAN_STATES, RISK_TIERS } from '@frontera/shared-kernel';
import { PLAN_EMPLOYER_STATUSES, PLAN_STATUSES, RISK_FACTOR_CODES } from '@frontera/audits-domain';

export class RiskFactorResponse {
  @ApiProperty({ enum: RISK_FACTOR_CODES, example: 'PAST_FINDINGS' })
  code!: string;

  @ApiProperty({ example: 25, description: 'Points at full intensity' })
  weight!: number;

  @ApiProperty({ example: 0.5, description: '0–1' })
  intensity!: number;

  @ApiProperty({ example: 12.5, description: 'weight × intensity' })
  points!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The data the points were computed from (ids, counts, days; per factor)',
    example: { heldPermits: 12, bandFrom: 10 },
  })
  evidence!: Record<string, unknown>;

  @ApiProperty({ example: 'Hallazgos previos ponderados por gravedad y antigüedad.' })
  explanationEs!: string;

  @ApiProperty({ example: 'Past findings weighted by severity and age.' })
  explanationEn!: string;
}

export class TierFloorResponse {
  @ApiProperty({ enum: RISK_TIERS, example: 'HIGH' })
  tier!: string;

  @ApiProperty({ enum: ['FORCED_LABOUR_FINDING', 'RETALIATION'], example: 'FORCED_LABOUR_FINDING' })
  cause!: string;
}

export class RiskResponse {
  @ApiProperty({ example: 'org_7d2e91' })
  employerId!: string;

  @ApiProperty({ example: 42.5, description: '0–100: the sum of the factors’ points' })
  score!: number;

  @ApiProperty({ enum: RISK_TIERS, example: 'MEDIUM' })
  tier!: string;

  @ApiProperty({ enum: RISK_TIERS, example: 'MEDIUM', description: 'The tier the score alone gives' })
  scoreTier!: string;

  @ApiProperty({ type: TierFloorResponse, nullable: true, description: 'Set when a floor raised the tier' })
  tierFloor!: TierFloorResponse | null;

  @ApiProperty({ type: [RiskFactorResponse] })
  factors!: RiskFactorResponse[];

  @ApiProperty({ example: '2026-03-02T15:10:00.000Z' })
  computedAt!: string;
}

export class ScheduledAuditResponse {
  @ApiProperty({ example: 'PERIODIC:ws_4c1d9e:1' })
  key!: string;

  @ApiProperty({ enum: AUDIT_KINDS, example: 'PERIODIC' })
  kind!: string;

  @ApiProperty({ example: 'ws_4c1d9e' })
  worksiteId!: string;

  @ApiProperty({ example: '2026-03-02', description: 'The day its task is created' })
  createOn!: string;

  @ApiProperty({ example: '2026-04-01', description: 'Its due day' })
  dueOn!: string;

  @ApiProperty({ nullable: true, type: String, example: 'tsk_4f0c2a9e' })
  taskId!: string | null;
}

export class PlanWorksiteResponse {
  @ApiProperty({ example: 'ws_4c1d9e' })
  worksiteId!: string;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  state!: string;

  @ApiProperty({ example: 'Tapachula' })
  municipality!: string;

  @ApiProperty({ example: true })
  open!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Its last completed periodic audit',
  })
  lastPeriodicOn!: string | null;
}

export class AuditPlanResponse {
  @ApiProperty({ example: 'org_7d2e91' })
  employerId!: string;

  @ApiProperty({ enum: PLAN_STATUSES, example: 'ACTIVE' })
  status!: string;

  @ApiProperty({ enum: PLAN_EMPLOYER_STATUSES, example: 'ACTIVE' })
  employerStatus!: string;

  @ApiProperty({ enum: RISK_TIERS, example: 'MEDIUM' })
  tier!: string;

  @ApiProperty({ example: 90 })
  cadenceDays!: number;

  @ApiProperty({ type: [PlanWorksiteResponse] })
  worksites!: PlanWorksiteResponse[];

  @ApiProperty({ type: [ScheduledAuditResponse], description: 'Planned audits: internal, supervisors only' })
  scheduled!: ScheduledAuditResponse[];
}
