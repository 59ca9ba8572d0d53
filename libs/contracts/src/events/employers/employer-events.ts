import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COMPLIANCE_RATINGS,
  type ComplianceRating,
  EMPLOYER_KINDS,
  type EmployerKind,
  LIMITS,
  MEXICAN_STATES,
  type MexicanState,
  type Sector,
  SECTORS,
} from '@frontera/shared-kernel';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An employer registered itself; it awaits verification by an officer. */
export class EmployerRegisteredV1 {
  @Matches(ID) employerId!: string;
  @IsIn(EMPLOYER_KINDS) kind!: EmployerKind;
  @IsIn(SECTORS) sector!: Sector;
  @IsIn(MEXICAN_STATES) state!: MexicanState;
  @IsString() @Length(1, LIMITS.NAME) municipality!: string;
}

/** An officer verified the employer: it is ACTIVE, rated A, and has a registration number. */
export class EmployerVerifiedV1 {
  @Matches(ID) employerId!: string;
  @IsString() @Length(1, 40) registrationNumber!: string;
  @IsIn(COMPLIANCE_RATINGS) rating!: ComplianceRating;
  @IsIn(SECTORS) sector!: Sector;
  @IsIn(MEXICAN_STATES) state!: MexicanState;
  @Matches(ID) verifiedBy!: string;
  @IsISO8601() verifiedAt!: string;
  /** A company's legal name, for the public permit verification; absent for individuals (personal data). */
  @IsOptional() @IsString() @Length(1, LIMITS.LEGAL_NAME) publicName?: string;
}

export class EmployerRejectedV1 {
  @Matches(ID) employerId!: string;
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
  @Matches(ID) rejectedBy!: string;
}

/** Reported changes (address, legal representative, contact…): which fields, never their values. */
export class EmployerUpdatedV1 {
  @Matches(ID) employerId!: string;
  @IsArray() @IsString({ each: true }) @MaxLength(LIMITS.FIELD_PATH, { each: true }) changedFields!: string[];
  @IsIn(MEXICAN_STATES) state!: MexicanState;
  @IsString() @Length(1, LIMITS.NAME) municipality!: string;
  /** As in EmployerVerifiedV1: a company's legal name, absent for individuals. */
  @IsOptional() @IsString() @Length(1, LIMITS.LEGAL_NAME) publicName?: string;
}

export class WorksiteV1 {
  @Matches(ID) worksiteId!: string;
  @IsString() @Length(1, LIMITS.NAME) activity!: string;
  @IsIn(MEXICAN_STATES) state!: MexicanState;
  @IsString() @Length(1, LIMITS.NAME) municipality!: string;
  @IsInt() @Min(0) @Max(100_000) capacity!: number;
  @IsBoolean() housingProvided!: boolean;
  /** Whether the worksite is in a state eligible for border worker permits. */
  @IsBoolean() eligibleForPermits!: boolean;
}

export class EmployerWorksiteAddedV1 {
  @Matches(ID) employerId!: string;
  @IsDefined() @ValidateNested() @Type(() => WorksiteV1) worksite!: WorksiteV1;
}

export class EmployerWorksiteUpdatedV1 {
  @Matches(ID) employerId!: string;
  @IsDefined() @ValidateNested() @Type(() => WorksiteV1) worksite!: WorksiteV1;
  @IsArray() @IsString({ each: true }) changedFields!: string[];
}

export class EmployerWorksiteClosedV1 {
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
}

export const SUSPENSION_CAUSES = ['OFFICER_DECISION', 'CRITICAL_FINDINGS'] as const;

/**
 * The employer may not receive new permits. When the cause is abuse, its workers'
 * permits stay valid and become transferable (victim-centred rule).
 */
export class EmployerSuspendedV1 {
  @Matches(ID) employerId!: string;
  @IsIn(SUSPENSION_CAUSES) cause!: (typeof SUSPENSION_CAUSES)[number];
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
  @IsOptional() @Matches(ID) actorId?: string;
  @IsOptional() @Matches(ID) auditId?: string;
}

export class EmployerReinstatedV1 {
  @Matches(ID) employerId!: string;
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
  @Matches(ID) actorId!: string;
}

export class EmployerDeregisteredV1 {
  @Matches(ID) employerId!: string;
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
  @Matches(ID) actorId!: string;
}

export class EmployerRatingChangedV1 {
  @Matches(ID) employerId!: string;
  @IsIn(COMPLIANCE_RATINGS) from!: ComplianceRating;
  @IsIn(COMPLIANCE_RATINGS) to!: ComplianceRating;
  @IsString() @Length(1, LIMITS.REASON) reason!: string;
  @IsOptional() @Matches(ID) auditId?: string;
}
