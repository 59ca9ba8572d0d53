import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  type AuditKind,
  type AuditOutcome,
  FINDING_SEVERITIES,
  type FindingSeverity,
  LIMITS,
  REFERRAL_AGENCIES,
  type ReferralAgency,
  RISK_TIERS,
  type RiskTier,
} from '@frontera/shared-kernel';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

export class AuditTaskCreatedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @IsOptional() @Matches(ID) worksiteId?: string;
  @IsIn(AUDIT_KINDS) kind!: AuditKind;
  @IsInt() @Min(1) @Max(5) priority!: number;
  @IsISO8601() dueDate!: string;
}

export class AuditTaskAssignedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) inspectorId!: string;
}

export class FindingSummaryV1 {
  @Matches(CODE) code!: string;
  @IsIn(FINDING_SEVERITIES) severity!: FindingSeverity;
  /** Workers affected, where the finding is per worker. */
  @IsInt() @Min(0) workersAffected!: number;
  @IsBoolean() forcedLabourIndicator!: boolean;
}

/** An audit finished: the outcome the employers service rates and sanctions from. */
export class AuditOutcomeRecordedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @IsIn(AUDIT_KINDS) kind!: AuditKind;
  @IsIn(AUDIT_OUTCOMES) outcome!: AuditOutcome;
  @IsArray() @ValidateNested({ each: true }) @Type(() => FindingSummaryV1) findings!: FindingSummaryV1[];
  @IsOptional() @IsISO8601() correctiveActionDeadline?: string;
  @IsISO8601() completedAt!: string;
}

export class RiskFactorV1 {
  @Matches(CODE) factor!: string;
  @IsNumber() points!: number;
  @IsString() @Length(1, 200) explanation!: string;
}

export class EmployerRiskChangedV1 {
  @Matches(ID) employerId!: string;
  @IsNumber() @Min(0) @Max(100) score!: number;
  @IsIn(RISK_TIERS) tier!: RiskTier;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RiskFactorV1) factors!: RiskFactorV1[];
  @IsISO8601() computedAt!: string;
}

export class ComplaintReceivedV1 {
  @Matches(ID) complaintId!: string;
  @IsOptional() @Matches(ID) employerId?: string;
  @IsString() @Length(1, 40) channel!: string;
  @IsArray() @Matches(CODE, { each: true }) indicators!: string[];
  @IsBoolean() anonymous!: boolean;
}

export class ReferralCreatedV1 {
  @Matches(ID) referralId!: string;
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @IsIn(REFERRAL_AGENCIES) agency!: ReferralAgency;
  @IsISO8601() acknowledgementDue!: string;
}

export class ReferralUpdatedV1 {
  @Matches(ID) referralId!: string;
  @Matches(ID) employerId!: string;
  @IsIn(REFERRAL_AGENCIES) agency!: ReferralAgency;
  @IsOptional() @IsString() @Length(1, LIMITS.REASON) outcome?: string;
}
