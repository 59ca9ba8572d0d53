import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  CONTACT_LANGUAGES,
  FINDING_CODES,
  type ComplaintChannel,
  type ComplaintStatus,
  type ContactLanguage,
} from '@frontera/audits-domain';
import { ID_PATTERN, LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';

export class ComplaintContactDto {
  @ApiPropertyOptional({ example: 'María', maxLength: LIMITS.FULL_NAME, description: 'Encrypted at rest' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.FULL_NAME)
  name?: string;

  @ApiPropertyOptional({ example: '+529621234567', description: 'E.164; encrypted at rest' })
  @IsOptional()
  @IsString()
  @Length(4, 20)
  phone?: string;

  @ApiPropertyOptional({ example: 'maria@example.org', description: 'Encrypted at rest' })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ enum: CONTACT_LANGUAGES, example: 'es' })
  @IsOptional()
  @IsIn(CONTACT_LANGUAGES)
  language?: ContactLanguage;
}

export class FileComplaintRequest {
  @ApiPropertyOptional({ enum: COMPLAINT_CHANNELS, example: 'WEB', description: 'Default WEB' })
  @IsOptional()
  @IsIn(COMPLAINT_CHANNELS)
  channel?: ComplaintChannel;

  @ApiPropertyOptional({
    description: 'A registered employer the complaint is about (else `place`)',
    example: 'org_7d2e91',
    pattern: ID_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'employerId must be 1–64 letters, digits, "_" or "-"' })
  employerId?: string;

  @ApiPropertyOptional({ description: 'The employer’s worksite, when known', example: 'ws_4c1d9e' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'worksiteId must be 1–64 letters, digits, "_" or "-"' })
  worksiteId?: string;

  @ApiPropertyOptional({
    description: 'Where, in free text, when no registered employer is named (encrypted at rest)',
    example: 'Finca cerca del ejido Las Palmas',
    maxLength: LIMITS.DESCRIPTION,
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.DESCRIPTION)
  place?: string;

  @ApiPropertyOptional({
    description: 'The place’s municipality',
    example: 'Tapachula',
    maxLength: LIMITS.NAME,
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.NAME)
  municipality?: string;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  @IsIn(MEXICAN_STATES)
  state!: MexicanState;

  @ApiProperty({
    description: 'What happened (encrypted at rest, never published)',
    example: 'Nos retienen los documentos y no pagan desde hace dos semanas.',
    maxLength: LIMITS.DESCRIPTION,
  })
  @IsString()
  @MaxLength(LIMITS.DESCRIPTION)
  description!: string;

  @ApiPropertyOptional({
    type: [String],
    enum: FINDING_CODES,
    example: ['RETENTION_OF_IDENTITY_DOCUMENTS'],
    description: 'Catalogue codes; a forced-labour indicator makes the audit CRITICAL, due within 48 hours',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(19)
  @IsIn(FINDING_CODES, { each: true })
  indicators?: string[];

  @ApiPropertyOptional({ type: ComplaintContactDto, description: 'Absent: anonymous' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ComplaintContactDto)
  contact?: ComplaintContactDto;
}

export class ComplaintStatusRequest {
  @ApiProperty({
    example: 'Q-26-K7Q9-M2XW-C',
    description: 'As printed (case, spaces and dashes do not matter)',
  })
  @IsString()
  @Length(1, 40)
  receiptCode!: string;

  @ApiProperty({ example: 'b3JpZ2luYWwtc2VjcmV0LTEyMw', description: 'The secret given when filing' })
  @IsString()
  @Length(1, 200)
  secret!: string;
}

export class TriageComplaintRequest {
  @ApiPropertyOptional({ description: 'Required for a place complaint', example: 'org_7d2e91' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'employerId must be 1–64 letters, digits, "_" or "-"' })
  employerId?: string;

  @ApiPropertyOptional({
    description: 'Required unless the employer has one open worksite',
    example: 'ws_4c1d9e',
  })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'worksiteId must be 1–64 letters, digits, "_" or "-"' })
  worksiteId?: string;
}

export class ListComplaintsQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, description: 'Default RECEIVED (to triage)' })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;
}

export class FiledComplaintResponse {
  @ApiProperty({
    example: 'Q-26-K7Q9-M2XW-C',
    description: 'Keep it: with the secret it follows the complaint',
  })
  receiptCode!: string;

  @ApiProperty({
    example: 'b3JpZ2luYWwtc2VjcmV0LTEyMw',
    description: 'Shown once; the service keeps only its hash',
  })
  secret!: string;

  @ApiProperty({ example: 'RECEIVED' })
  status!: string;
}

export class ComplainantViewResponse {
  @ApiProperty({ example: 'Q-26-K7Q9-M2XW-C' })
  receiptCode!: string;

  @ApiProperty({ enum: ['RECEIVED', 'UNDER_REVIEW', 'CLOSED'], example: 'UNDER_REVIEW' })
  status!: string;

  @ApiProperty({ example: '2026-03-02' })
  receivedOn!: string;

  @ApiProperty({ example: 0 })
  informationAdded!: number;

  @ApiProperty({ example: true })
  acceptsInformation!: boolean;
}

export class ComplaintResponse {
  @ApiProperty({ example: 'cmp_2f1a' })
  id!: string;

  @ApiProperty({ example: 'Q-26-K7Q9-M2XW-C' })
  receiptCode!: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, example: 'WEB' })
  channel!: string;

  @ApiProperty({ nullable: true, type: String, example: 'org_7d2e91' })
  employerId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'ws_4c1d9e' })
  worksiteId!: string | null;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  state!: string;

  @ApiProperty({ type: [String], example: ['DEBT_BONDAGE'] })
  indicators!: string[];

  @ApiProperty({ example: false })
  forcedLabourIndicator!: boolean;

  @ApiProperty({ example: true })
  anonymous!: boolean;

  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'RECEIVED' })
  status!: string;

  @ApiProperty({ example: '2026-03-02T15:10:00.000Z' })
  receivedAt!: string;

  @ApiProperty({ nullable: true, type: String, example: 'tsk_4f0c2a9e', description: 'The COMPLAINT audit' })
  taskId!: string | null;
}

export class ComplaintListResponse {
  @ApiProperty({ type: [ComplaintResponse] })
  items!: ComplaintResponse[];
}

export class AddComplaintInformationRequest {
  @ApiProperty({
    example: 'Q-26-K7Q9-M2XW-C',
    description: 'As printed (case, spaces and dashes do not matter)',
  })
  @IsString()
  @Length(1, 40)
  receiptCode!: string;

  @ApiProperty({ example: 'b3JpZ2luYWwtc2VjcmV0LTEyMw', description: 'The secret given when filing' })
  @IsString()
  @Length(1, 200)
  secret!: string;

  @ApiProperty({
    description: 'What to add (encrypted at rest, never published)',
    example: 'Ahora también retienen a los recién llegados.',
    maxLength: LIMITS.DESCRIPTION,
  })
  @IsString()
  @MaxLength(LIMITS.DESCRIPTION)
  text!: string;
}
