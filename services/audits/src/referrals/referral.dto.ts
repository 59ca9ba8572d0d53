import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  MAX_VICTIMS,
  REFERRAL_ACTIONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type ReferralOutcome,
  type ReferralStatus,
} from '@frontera/audits-domain';
import { LIMITS, MEXICAN_STATES, REFERRAL_AGENCIES } from '@frontera/shared-kernel';

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
