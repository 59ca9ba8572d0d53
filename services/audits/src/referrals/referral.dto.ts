import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import {
  MAX_VICTIMS,
  REFERRAL_ACTIONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type ReferralOutcome,
  type ReferralStatus,
} from '@frontera/audits-domain';
import {
  LIMITS,
  MEXICAN_STATES,
  REFERRAL_AGENCIES,
  type MexicanState,
  type ReferralAgency,
} from '@frontera/shared-kernel';

export class ListReferralsQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: 'Default AWAITING_ACKNOWLEDGEMENT' })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

export class AcknowledgeReferralRequest {
  @ApiPropertyOptional({
    description: 'The agency’s own case or file number, if it gave one (no personal data)',
    example: 'FEVIMTRA/CHP/2026/0042',
    maxLength: LIMITS.NAME,
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.NAME)
  agencyReference?: string;
}

export class CloseReferralRequest {
  @ApiProperty({ enum: REFERRAL_OUTCOMES, example: 'CASE_OPENED' })
  @IsIn(REFERRAL_OUTCOMES)
  outcome!: ReferralOutcome;

  @ApiPropertyOptional({
    description: 'Victims the agency reports assisted (a count)',
    example: 3,
    minimum: 0,
    maximum: MAX_VICTIMS,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VICTIMS)
  victimsAssisted?: number;
}

export class ReferralResponse {
  @ApiProperty({ example: 'ref_9c1b2a' })
  id!: string;

  @ApiProperty({ enum: REFERRAL_AGENCIES, example: 'FEDERAL_PROSECUTOR' })
  agency!: string;

  @ApiProperty({ enum: ['AUDIT', 'COMPLAINT'], example: 'AUDIT' })
  sourceType!: string;

  @ApiProperty({ example: 'tsk_4f0c2a9e', description: 'The audit task or the complaint' })
  sourceId!: string;

  @ApiProperty({ nullable: true, type: String, example: 'org_7d2e91' })
  employerId!: string | null;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  state!: string;

  @ApiProperty({ type: [String], example: ['DEBT_BONDAGE'] })
  indicators!: string[];

  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'AWAITING_ACKNOWLEDGEMENT' })
  status!: string;

  @ApiProperty({ example: '2026-03-05T06:00:00.000Z' })
  acknowledgementDueAt!: string;

  @ApiProperty({ nullable: true, type: String, example: null })
  escalatedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'When acknowledged' })
  acknowledgedAt!: string | null;

  @ApiProperty({ nullable: true, enum: REFERRAL_OUTCOMES, example: null })
  outcome!: string | null;

  @ApiProperty({ nullable: true, type: Number, example: null })
  victimsAssisted!: number | null;

  @ApiProperty({ enum: REFERRAL_ACTIONS, isArray: true, example: ['ACKNOWLEDGE', 'CLOSE'] })
  allowedActions!: string[];
}

export class ReferralListResponse {
  @ApiProperty({ type: [ReferralResponse] })
  items!: ReferralResponse[];
}

export class ReferComplaintRequest {
  @ApiProperty({
    enum: REFERRAL_AGENCIES,
    example: 'FEDERAL_PROSECUTOR',
    description:
      'FEDERAL_PROSECUTOR (FEVIMTRA), STATE_PROSECUTOR, VICTIM_SERVICES or LABOUR_AUTHORITY: one referral per ' +
      'complaint and agency',
  })
  @IsIn(REFERRAL_AGENCIES)
  agency!: ReferralAgency;

  @ApiProperty({
    description: `Why it is referred now (1–${LIMITS.REASON} characters); kept in the referral's history, never published. No personal data.`,
    example: 'Indicios de servidumbre por deudas; la víctima sigue en el lugar',
    maxLength: LIMITS.REASON,
  })
  @IsString()
  @MaxLength(LIMITS.REASON)
  reason!: string;
}

export class ReferralStatisticsQuery {
  @ApiPropertyOptional({
    enum: MEXICAN_STATES,
    example: 'CHP',
    description: 'Only this one of your states (default: all of them; a state not yours counts nothing)',
  })
  @IsOptional()
  @IsIn(MEXICAN_STATES)
  state?: MexicanState;
}

export class ReferralCountCell {
  @ApiProperty({ enum: ['STATE', 'INDICATOR', 'MILESTONE'], example: 'STATE' })
  family!: string;

  @ApiProperty({ enum: REFERRAL_AGENCIES, example: 'FEDERAL_PROSECUTOR' })
  agency!: string;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  state!: string;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'INDICATOR: the indicator code' })
  indicator!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'OPEN',
    description: 'STATE and INDICATOR: OPEN or the closing outcome',
  })
  status!: string | null;

  @ApiProperty({
    nullable: true,
    enum: ['ACKNOWLEDGED', 'ACKNOWLEDGED_LATE', 'ESCALATED'],
    example: null,
    description: 'MILESTONE: what happened to the referrals counted',
  })
  milestone!: string | null;

  @ApiProperty({ example: 4 })
  count!: number;
}

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class ReferralStatisticsResponse {
  @ApiProperty({ enum: MEXICAN_STATES, isArray: true, example: ['CHP'], description: 'The states counted' })
  states!: string[];

  @ApiProperty({ example: 12, description: 'Referrals (open and closed) in these states' })
  total!: number;

  @ApiProperty({ ...COUNTS, example: { FEDERAL_PROSECUTOR: 7, VICTIM_SERVICES: 5 } })
  byAgency!: Record<string, number>;

  @ApiProperty({ ...COUNTS, example: { CHP: 12 } })
  byState!: Record<string, number>;

  @ApiProperty({
    ...COUNTS,
    example: { OPEN: 8, CASE_OPENED: 3, NO_ACTION: 1 },
    description: 'OPEN or the outcome',
  })
  byOutcome!: Record<string, number>;

  @ApiProperty({
    ...COUNTS,
    example: { DEBT_BONDAGE: 6, RETENTION_OF_IDENTITY_DOCUMENTS: 4 },
    description: 'Referrals mentioning each forced-labour indicator (one referral may count in several)',
  })
  byIndicator!: Record<string, number>;

  @ApiProperty({ ...COUNTS, example: { ACKNOWLEDGED: 9, ESCALATED: 2 } })
  byMilestone!: Record<string, number>;

  @ApiProperty({ type: [ReferralCountCell], description: 'Every non-zero counter (agency × state × …)' })
  cells!: ReferralCountCell[];
}
