import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { READ_LOG_PROBLEMS } from '@frontera/permits-application';
import { PERMIT_STATUSES, READ_PURPOSE_MAX_LENGTH, WORKER_STATUSES } from '@frontera/permits-domain';
import { CursorQuery } from '@frontera/platform-http';
import { ID_PATTERN, MEXICAN_STATES, ROLES } from '@frontera/shared-kernel';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../http/dto/common.dto';
import { WorkerDataDto } from '../http/dto/worker.request';

const ID_MESSAGE = 'must be 1–64 letters, digits, "_" or "-"';
const HASH = /^[0-9a-f]{64}$/;

// ------------------------------------------------------------------ requests

export class WorkerIdParams {
  @ApiProperty({ description: 'The worker’s id', example: 'wkr_5b1f0c2d', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` })
  id!: string;
}

export class DuplicatePairParams extends WorkerIdParams {
  @ApiProperty({
    description: 'The other record of the flagged pair (for a merge: the record that survives)',
    example: 'wkr_9e4a7713',
    pattern: ID_PATTERN.source,
  })
  @IsString()
  @Matches(ID_PATTERN, { message: `otherId ${ID_MESSAGE}` })
  otherId!: string;
}

export class PersonalDataReadRequest {
  @ApiProperty({
    description:
      `Why you need the worker’s personal data (required, 1–${READ_PURPOSE_MAX_LENGTH} characters once trimmed): ` +
      'the read log keeps it with who read and when. Missing or blank: 422 WORKER.INVALID_READ_PURPOSE, nothing ' +
      'is read or recorded.',
    example: 'Revisión de la solicitud app_9b2e: cotejo del documento de identidad',
    maxLength: READ_PURPOSE_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  purpose?: string | null;
}

export class ReadLogCheckpointDto {
  @ApiProperty({ description: 'A position of the chain (0: none)', example: 3, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq!: number;

  @ApiProperty({
    description: 'The hash of the entry at that position, as a read or an earlier verification returned it',
    example: '9f2c4e0b7a1d3c5e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e',
    pattern: HASH.source,
  })
  @IsString()
  @Matches(HASH, { message: 'hash must be 64 lowercase hexadecimal characters' })
  hash!: string;
}

export class ReadLogVerificationRequest {
  @ApiPropertyOptional({
    type: ReadLogCheckpointDto,
    description:
      'A checkpoint kept outside the database (the `head` of an earlier verification): the chain must still ' +
      'hold it, otherwise it was rolled back (ROLLED_BACK)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReadLogCheckpointDto)
  expectedAtLeast?: ReadLogCheckpointDto;
}

export class ListDuplicateReviewsQuery extends CursorQuery({
  defaultLimit: DEFAULT_PAGE_SIZE,
  maxLimit: MAX_PAGE_SIZE,
}) {}

// ------------------------------------------------------------------ responses

export class WorkerPermitSummaryResponse {
  @ApiProperty({ example: 'pmt_9b2e' }) id!: string;
  @ApiProperty({ example: 'TVTF-CHP-26-K7Q9-M2XW-C' }) number!: string;
  @ApiProperty({ enum: PERMIT_STATUSES, example: 'ACTIVE' }) status!: string;
}

/** A worker without personal data: the statistical attributes events carry, and initials. */
export class WorkerResponse {
  @ApiProperty({ example: 'wkr_5b1f0c2d' }) id!: string;
  @ApiProperty({ enum: WORKER_STATUSES, example: 'ACTIVE' }) status!: string;
  @ApiProperty({ example: 'GTM', description: 'ISO 3166-1 alpha-3' }) nationality!: string;
  @ApiProperty({ example: 'M' }) sex!: string;
  @ApiProperty({ example: 1996 }) birthYear!: number;
  @ApiProperty({ example: 'J. L. P. L.', description: 'As public verification shows them' })
  initials!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'MERGED: the record that survives (its applications and permits are there now)',
  })
  mergedInto!: string | null;
  @ApiProperty({ example: false, description: 'Flagged possible duplicates wait for an officer' })
  hasPendingDuplicates!: boolean;
  @ApiProperty({
    type: WorkerPermitSummaryResponse,
    isArray: true,
    description: 'The worker’s permits you may see',
  })
  permits!: WorkerPermitSummaryResponse[];
}

export class ReadLogEntryResponse {
  @ApiProperty({ example: 1, description: 'Position in the worker’s chain (1, 2, 3…)' }) seq!: number;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T16:04:05.000Z' }) at!: string;
  @ApiProperty({ example: 'officer-chp-17' }) readerId!: string;
  @ApiProperty({ enum: ROLES, example: 'officer' }) readerRole!: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Employer staff: their employer' })
  readerEmployerId!: string | null;
  @ApiProperty({ example: 'Revisión de la solicitud app_9b2e: cotejo del documento de identidad' })
  purpose!: string;
  @ApiProperty({ example: '0f6a3c1e-2b8d-4e5f-9a7b-1c2d3e4f5a6b', description: 'The request of the read' })
  correlationId!: string;
  @ApiProperty({
    example: '9f2c4e0b7a1d3c5e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e',
    description: 'The entry’s keyed hash (with `seq`, a checkpoint)',
  })
  hash!: string;
}

export class PersonalDataReadResponse {
  @ApiProperty({ example: 'wkr_5b1f0c2d' }) workerId!: string;
  @ApiProperty({ type: WorkerDataDto, description: 'The worker’s biographical data (personal data)' })
  personalData!: WorkerDataDto;
  @ApiProperty({ type: ReadLogEntryResponse, description: 'The read-log entry that recorded this read' })
  read!: ReadLogEntryResponse;
}

export class ReadLogResponse {
  @ApiProperty({ example: 'wkr_5b1f0c2d' }) workerId!: string;
  @ApiProperty({
    type: ReadLogEntryResponse,
    isArray: true,
    description: 'Oldest first, as stored (unchecked)',
  })
  entries!: ReadLogEntryResponse[];
}

export class ReadLogHeadResponse {
  @ApiProperty({ example: 3 }) seq!: number;
  @ApiProperty({ example: '9f2c4e0b7a1d3c5e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e' }) hash!: string;
}

export class ReadLogVerificationResponse {
  @ApiProperty({ example: 'wkr_5b1f0c2d' }) workerId!: string;
  @ApiProperty({
    example: true,
    description: 'Every entry chains from the first and the head vouches for the end',
  })
  intact!: boolean;
  @ApiProperty({ example: 3, description: 'Entries present' }) entries!: number;
  @ApiPropertyOptional({
    example: 0,
    description:
      'Intact: entries past the head (a crash between an entry and its head; repaired by the next read)',
  })
  headLag?: number;
  @ApiPropertyOptional({
    type: ReadLogHeadResponse,
    nullable: true,
    description: 'Intact: the chain’s head, to keep elsewhere as a checkpoint (null: no read recorded yet)',
  })
  head?: ReadLogHeadResponse | null;
  @ApiPropertyOptional({
    example: 2,
    description:
      'Not intact: the first entry altered or removed (for the end of the chain: the position after the last)',
  })
  firstBadSeq?: number;
  @ApiPropertyOptional({
    enum: READ_LOG_PROBLEMS,
    example: 'ALTERED',
    description: 'Not intact: what is wrong',
  })
  problem?: string;
}

export class DuplicateReviewResponse {
  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP', description: 'The list it is in (a state of yours)' })
  state!: string;
  @ApiProperty({ example: 'wkr_5b1f0c2d', description: 'The record with a relation in that state' })
  workerId!: string;
  @ApiProperty({ example: 'wkr_9e4a7713', description: 'The other record of the pair' })
  otherWorkerId!: string;
  @ApiProperty({ example: 0.94, description: 'Duplicate score, 0–1' }) score!: number;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T16:04:05.000Z' }) flaggedAt!: string;
}

export class DuplicateReviewPageResponse {
  @ApiProperty({ type: DuplicateReviewResponse, isArray: true }) items!: DuplicateReviewResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Pass as `cursor` for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class MergeResponse {
  @ApiProperty({ type: WorkerResponse, description: 'The merged record (MERGED, pointing at the survivor)' })
  merged!: WorkerResponse;
  @ApiProperty({ type: WorkerResponse, description: 'The record that survives' }) survivor!: WorkerResponse;
  @ApiProperty({ type: [String], example: ['app_9b2e'], description: 'Applications this request moved' })
  movedApplicationIds!: string[];
  @ApiProperty({ type: [String], example: ['pmt_9b2e'], description: 'Permits this request moved' })
  movedPermitIds!: string[];
}
