import 'reflect-metadata';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A worker record exists. Ids and statistics only (nationality, sex, birth year): no names,
 * documents, dates of birth, addresses or phones. Any nationality may be registered (ISO 3166-1
 * alpha-3); only WORKER_NATIONALITIES (GTM, BLZ) are eligible for a permit.
 */
export class WorkerRegisteredV1 {
  @Matches(ID) workerId!: string;
  @Matches(/^[A-Z]{3}$/) nationality!: string;
  @IsOptional() @IsIn(['F', 'M', 'X']) sex?: 'F' | 'M' | 'X';
  @IsOptional() @IsInt() @Min(1900) @Max(2100) birthYear?: number;
}

/** An officer merged two records of one person: applications and permits follow the survivor. */
export class WorkerMergedV1 {
  @Matches(ID) workerId!: string;
  @Matches(ID) survivorWorkerId!: string;
  @Matches(ID) actorId!: string;
}

/**
 * Several workers were registered with the same phone (a known sign that one person controls
 * them): the workers and their employers, never the phone.
 */
export class WorkerContactSharedV1 {
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(200) @Matches(ID, { each: true }) workerIds!: string[];
  @IsArray() @ArrayMaxSize(200) @Matches(ID, { each: true }) employerIds!: string[];
  @IsInt() @Min(2) count!: number;
}

/** A roster file was processed: how many rows became applications. */
export class RosterImportCompletedV1 {
  @Matches(ID) importId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsInt() @Min(0) rows!: number;
  @IsInt() @Min(0) accepted!: number;
  @IsInt() @Min(0) rejected!: number;
}

export class ApplicationSubmittedV1 {
  @Matches(ID) applicationId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @Matches(ID) workerId!: string;
  @IsString() @Length(1, LIMITS.NAME) occupation!: string;
}

export class ApplicationDecidedV1 {
  @Matches(ID) applicationId!: string;
  @Matches(ID) employerId!: string;
  @IsOptional() @IsString() @Length(1, LIMITS.REASON) reason?: string;
  @IsOptional() @Matches(ID) actorId?: string;
}

export class PermitIssuedV1 {
  @Matches(ID) permitId!: string;
  @IsString() @Length(1, 40) permitNumber!: string;
  @Matches(ID) workerId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsIn(MEXICAN_STATES) state!: MexicanState;
  @IsString() @Length(1, LIMITS.NAME) occupation!: string;
  @IsISO8601() validFrom!: string;
  @IsISO8601() validUntil!: string;
}

/** Suspended, reinstated, revoked, expiring (the notice), expired, ended or made transferable. */
export class PermitStatusChangedV1 {
  @Matches(ID) permitId!: string;
  @Matches(ID) workerId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsOptional() @IsString() @Length(1, LIMITS.REASON) reason?: string;
  @IsOptional() @Matches(ID) actorId?: string;
  /** Why, as a code: EMPLOYMENT_ENDED, TRANSFERRED, CRITICAL_FINDINGS, DEREGISTERED… */
  @IsOptional() @IsString() @Matches(/^[A-Z][A-Z0-9_]{1,40}$/) cause?: string;
  /** Expiring and expired: the end of validity; transferable: until when. */
  @IsOptional() @IsISO8601() until?: string;
}

/** A worker moved to another employer: the old permit ended (TRANSFERRED) when the new one issued. */
export class PermitTransferredV1 {
  @Matches(ID) permitId!: string;
  @Matches(ID) newPermitId!: string;
  @Matches(ID) workerId!: string;
  @Matches(ID) fromEmployerId!: string;
  @Matches(ID) toEmployerId!: string;
}

export class PermitRenewedV1 {
  @Matches(ID) permitId!: string;
  @Matches(ID) workerId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsISO8601() validUntil!: string;
}
