import { LIMITS } from '@frontera/shared-kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MEXICAN_STATES, type MexicanState } from '@frontera/employers-domain';
import { ReasonRequest } from './common.dto';

export class CoordinatesDto {
  @ApiProperty({ description: 'Latitude, decimal degrees (inside Mexico: 14.5 … 32.7)', example: 14.9057 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lat!: number;

  @ApiProperty({
    description: 'Longitude, decimal degrees (inside Mexico: −118.4 … −86.7)',
    example: -92.2633,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  lng!: number;
}

export class AddWorksiteRequest {
  @ApiProperty({ example: 'Finca La Esperanza — sección norte', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  name!: string;

  @ApiProperty({ description: 'Activity or crop', example: 'coffee harvest', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  activity!: string;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  @IsIn(MEXICAN_STATES)
  state!: MexicanState;

  @ApiProperty({ example: 'Tapachula', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  municipality!: string;

  @ApiProperty({ type: CoordinatesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CoordinatesDto)
  coordinates!: CoordinatesDto;

  @ApiProperty({ description: 'Declared headcount capacity, 1–100 000', example: 40 })
  @IsInt()
  capacity!: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  housingProvided!: boolean;
}

/** Omitted fields stay as they are. */
export class UpdateWorksiteRequest extends ReasonRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.NAME, example: 'Finca La Esperanza — sección sur' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  name?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.NAME, example: 'coffee processing' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  activity?: string;

  @ApiPropertyOptional({ enum: MEXICAN_STATES })
  @IsOptional()
  @IsIn(MEXICAN_STATES)
  state?: MexicanState;

  @ApiPropertyOptional({ maxLength: LIMITS.NAME })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  municipality?: string;

  @ApiPropertyOptional({ type: CoordinatesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CoordinatesDto)
  coordinates?: CoordinatesDto;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt()
  capacity?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  housingProvided?: boolean;
}
