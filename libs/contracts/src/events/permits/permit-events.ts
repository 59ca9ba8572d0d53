import 'reflect-metadata';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  LIMITS,
  MEXICAN_STATES,
  type MexicanState,
  WORKER_NATIONALITIES,
  type WorkerNationality,
} from '@frontera/shared-kernel';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A worker record exists. Ids and nationality only: no names, documents or dates of birth. */
export class WorkerRegisteredV1 {
  @Matches(ID) workerId!: string;
  @IsIn(WORKER_NATIONALITIES) nationality!: WorkerNationality;
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

/** Suspended, reinstated, revoked, expired, ended or made transferable. */
export class PermitStatusChangedV1 {
  @Matches(ID) permitId!: string;
  @Matches(ID) workerId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsOptional() @IsString() @Length(1, LIMITS.REASON) reason?: string;
  @IsOptional() @Matches(ID) actorId?: string;
}

export class PermitRenewedV1 {
  @Matches(ID) permitId!: string;
  @Matches(ID) workerId!: string;
  @Matches(ID) employerId!: string;
  @Matches(ID) worksiteId!: string;
  @IsISO8601() validUntil!: string;
}
