import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  MEXICAN_STATES,
  type MexicanState,
  REFERRAL_AGENCIES,
  type ReferralAgency,
  RISK_TIERS,
  type RiskTier,
} from '@frontera/shared-kernel';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

const TASK_ORIGIN_TYPES = ['PLAN', 'COMPLAINT', 'FOLLOW_UP', 'RANDOM_SAMPLE', 'RETALIATION'] as const;
const TASK_STATUSES = ['PENDING_ASSIGNMENT', 'ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
const TASK_PRIORITIES = ['CRITICAL', 'HIGH', 'NORMAL', 'LOW'] as const;

export class AuditTaskCreatedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @IsOptional() @Matches(ID) worksiteId?: string;
  @IsIn(AUDIT_KINDS) kind!: AuditKind;
  @IsInt() @Min(1) @Max(5) priority!: number;
  @IsISO8601() dueDate!: string;
  /** Optional additions (v1, additive): the worksite's state and what made the task. */
  @IsOptional() @IsIn(MEXICAN_STATES) state?: MexicanState;
  @IsOptional() @IsIn(TASK_ORIGIN_TYPES) originType?: (typeof TASK_ORIGIN_TYPES)[number];
  @IsOptional() @Matches(ID) originId?: string;
}

/** An inspector was given the task: automatically, by a supervisor, or instead of another (a reassignment). */
export class AuditTaskAssignedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) inspectorId!: string;
  /** Optional additions (v1, additive). */
  @IsOptional() @IsIn(['AUTOMATIC', 'MANUAL']) mode?: 'AUTOMATIC' | 'MANUAL';
  @IsOptional() @Matches(ID) previousInspectorId?: string;
  @IsOptional() @IsString() @Length(1, LIMITS.REASON) reason?: string;
}

/** The task went back to PENDING_ASSIGNMENT (its inspector was released from it). */
export class AuditTaskUnassignedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) previousInspectorId!: string;
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
}

/** The inspector started the visit on site. */
export class AuditTaskStartedV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsIn(AUDIT_KINDS) kind!: AuditKind;
  @Matches(ID) inspectorId!: string;
  @IsISO8601() startedAt!: string;
}

/** A task was cancelled (by a supervisor, a closed worksite or the employer's deregistration). */
export class AuditTaskCancelledV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsIn(AUDIT_KINDS) kind!: AuditKind;
  @IsIn(TASK_STATUSES) fromStatus!: (typeof TASK_STATUSES)[number];
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
  @Matches(ID) actorId!: string;
}

/** A task passed its due date while open: escalated to the supervisors (no date in it). */
export class AuditTaskOverdueV1 {
  @Matches(ID) taskId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsIn(AUDIT_KINDS) kind!: AuditKind;
  @IsIn(TASK_PRIORITIES) priority!: (typeof TASK_PRIORITIES)[number];
  @IsIn(TASK_STATUSES) status!: (typeof TASK_STATUSES)[number];
  @IsOptional() @Matches(ID) inspectorId?: string;
  @IsIn(MEXICAN_STATES) state!: MexicanState;
}

export class FindingSummaryV1 {
  @Matches(CODE) code!: string;
  @IsIn(FINDING_SEVERITIES) severity!: FindingSeverity;
  /** Workers affected, where the finding is per worker. */
  @IsInt() @Min(0) workersAffected!: number;
  @IsBoolean() forcedLabourIndicator!: boolean;
  /**
   * The permits on the audited worksite's expected roster that this finding concerns (ids only:
   * no personal data; workers without a permit are only counted in workersAffected). Additive in
   * v1: absent from outcomes recorded before it existed and for findings that are not per worker.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @Matches(ID, { each: true })
  permitIds?: string[];
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
  /** Optional additions (v1, additive). */
  @IsOptional() @Matches(ID) worksiteId?: string;
  @IsOptional() @Matches(ID) inspectorId?: string;
  @IsOptional() @IsIn(MEXICAN_STATES) state?: MexicanState;
}

export class RiskFactorV1 {
  @Matches(CODE) factor!: string;
  @IsNumber() points!: number;
  @IsString() @Length(1, 200) explanation!: string;
  /** Optional addition (v1, additive): the factor's points at full intensity. */
  @IsOptional() @IsNumber() @Min(0) @Max(100) weight?: number;
}

export class EmployerRiskChangedV1 {
  @Matches(ID) employerId!: string;
  @IsNumber() @Min(0) @Max(100) score!: number;
  @IsIn(RISK_TIERS) tier!: RiskTier;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RiskFactorV1) factors!: RiskFactorV1[];
  @IsISO8601() computedAt!: string;
  /** Optional addition (v1, additive): the tier before (absent for the first assessment). */
  @IsOptional() @IsIn(RISK_TIERS) previousTier?: RiskTier;
}

/** An employer ended permits right after a complaint or a visit: a retaliation pattern (ids and counts only). */
export class RetaliationDetectedV1 {
  @Matches(ID) employerId!: string;
  @IsString() @Length(1, 200) @Matches(/^(COMPLAINT|AUDIT_VISIT):[A-Za-z0-9_-]{1,64}$/) patternKey!: string;
  @IsIn(['COMPLAINT', 'AUDIT_VISIT']) triggerKind!: 'COMPLAINT' | 'AUDIT_VISIT';
  @Matches(ID) triggerId!: string;
  @IsInt() @Min(0) endedPermits!: number;
  @IsOptional() @IsIn(MEXICAN_STATES) state?: MexicanState;
}

export class ComplaintReceivedV1 {
  @Matches(ID) complaintId!: string;
  @IsOptional() @Matches(ID) employerId?: string;
  @IsString() @Length(1, 40) channel!: string;
  @IsArray() @Matches(CODE, { each: true }) indicators!: string[];
  @IsBoolean() anonymous!: boolean;
  /** Optional additions (v1, additive). */
  @IsOptional() @Matches(ID) worksiteId?: string;
  @IsOptional() @IsIn(MEXICAN_STATES) state?: MexicanState;
  @IsOptional() @IsBoolean() forcedLabourIndicator?: boolean;
}

/** A complaint was closed: DISMISSED by a supervisor, or AUDITED (its audit ended, or a supervisor closed it). */
export class ComplaintClosedV1 {
  @Matches(ID) complaintId!: string;
  @IsOptional() @Matches(ID) employerId?: string;
  @IsIn(['DISMISSED', 'AUDITED']) resolution!: 'DISMISSED' | 'AUDITED';
  @IsOptional() @Matches(ID) taskId?: string;
  @Matches(ID) actorId!: string;
}

/**
 * A referral to an agency. `taskId` (from an audit) or `complaintId` (from a complaint); `employerId`
 * absent for a complaint about a place that names no registered employer. Optional since v1's
 * first additions: a referral from a complaint has no task (every producer so far set both).
 */
export class ReferralCreatedV1 {
  @Matches(ID) referralId!: string;
  @IsOptional() @Matches(ID) taskId?: string;
  @IsOptional() @Matches(ID) employerId?: string;
  @IsIn(REFERRAL_AGENCIES) agency!: ReferralAgency;
  @IsISO8601() acknowledgementDue!: string;
  /** Optional additions (v1, additive). */
  @IsOptional() @Matches(ID) complaintId?: string;
  @IsOptional() @IsIn(['AUDIT', 'COMPLAINT']) sourceType?: 'AUDIT' | 'COMPLAINT';
  @IsOptional() @IsIn(MEXICAN_STATES) state?: MexicanState;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(CODE, { each: true }) indicators?: string[];
}

export class ReferralUpdatedV1 {
  @Matches(ID) referralId!: string;
  /** Optional (see ReferralCreatedV1): absent for a place complaint's referral. */
  @IsOptional() @Matches(ID) employerId?: string;
  @IsIn(REFERRAL_AGENCIES) agency!: ReferralAgency;
  @IsOptional() @IsString() @Length(1, LIMITS.REASON) outcome?: string;
  /** Optional additions (v1, additive). */
  @IsOptional() @IsBoolean() late?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(100_000) victimsAssisted?: number;
  /** closed: the closure acknowledged it too (no separate acknowledgement was recorded). Additive in v1. */
  @IsOptional() @IsBoolean() acknowledgedOnClose?: boolean;
  @IsOptional() @IsIn(MEXICAN_STATES) state?: MexicanState;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(CODE, { each: true }) indicators?: string[];
}

/** Nobody acknowledged a referral by its deadline: escalated to the supervisors. */
export class ReferralOverdueV1 {
  @Matches(ID) referralId!: string;
  @IsOptional() @Matches(ID) employerId?: string;
  @IsIn(REFERRAL_AGENCIES) agency!: ReferralAgency;
  @IsIn(MEXICAN_STATES) state!: MexicanState;
  @IsISO8601() acknowledgementDueAt!: string;
}
