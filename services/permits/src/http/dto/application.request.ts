import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_KINDS, type ApplicationKind } from '@frontera/permits-domain';
import { ID_PATTERN, LIMITS } from '@frontera/shared-kernel';
import { WorkerDataDto } from './worker.request';

export class SubmitApplicationRequest {
  @ApiProperty({
    description: 'One of your worksites (open, in an eligible state)',
    example: 'ws_4c1d9e',
    pattern: ID_PATTERN.source,
  })
  @IsString()
  @Matches(ID_PATTERN, { message: 'worksiteId must be 1–64 letters, digits, "_" or "-"' })
  worksiteId!: string;

  @ApiProperty({
    enum: APPLICATION_KINDS,
    description:
      'NEW: a permit for a worker (`worker` required; a worker already registered with the document is used as is). ' +
      'TRANSFER: take on the worker of a transferable permit of another employer (`transferFromPermitId`). ' +
      'RENEWAL: renew one of your permits with a new offer (`renewsPermitId`).',
    example: 'NEW',
  })
  @IsIn(APPLICATION_KINDS)
  kind!: ApplicationKind;

  @ApiPropertyOptional({ type: WorkerDataDto, description: 'NEW only: the worker’s biographical data' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkerDataDto)
  worker?: WorkerDataDto;

  @ApiPropertyOptional({ description: 'TRANSFER only', example: 'pmt_0c6a8f', pattern: ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'transferFromPermitId must be 1–64 letters, digits, "_" or "-"' })
  transferFromPermitId?: string;

  @ApiPropertyOptional({ description: 'RENEWAL only', example: 'pmt_0c6a8f', pattern: ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'renewsPermitId must be 1–64 letters, digits, "_" or "-"' })
  renewsPermitId?: string;

  @ApiProperty({ example: 'Cortador de café', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  occupation!: string;

  @ApiProperty({
    description: 'Offered daily wage in MXN (at most two decimals)',
    example: 320.5,
    minimum: 0.01,
    maximum: 100000,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100000)
  dailyWage!: number;

  @ApiProperty({ description: 'YYYY-MM-DD', example: '2027-01-15', format: 'date' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date as YYYY-MM-DD' })
  startDate!: string;

  @ApiProperty({
    description:
      'You declare that the worker paid no recruitment fee to anyone (must be true to be eligible)',
    example: true,
  })
  @IsBoolean()
  noRecruitmentFeeDeclared!: boolean;
}
