import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  INSPECTOR_STATUSES,
  MAX_AREA_MUNICIPALITIES,
  MAX_CONFLICTS,
  MAX_INSPECTOR_CAPACITY,
  type InspectorStatus,
} from '@frontera/audits-domain';
import { ID_PATTERN, LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';

export class InspectorAreaDto {
  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP', description: 'A state (ISO 3166-2:MX without "MX-")' })
  @IsIn(MEXICAN_STATES)
  state!: MexicanState;

  @ApiPropertyOptional({
    type: [String],
    example: ['Tapachula', 'Suchiate'],
    description:
      'Only these municipalities of the state (as the employers context names them; compared without case, ' +
      'accents or extra spaces). Absent: the whole state.',
    maxItems: MAX_AREA_MUNICIPALITIES,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_AREA_MUNICIPALITIES)
  @IsString({ each: true })
  @Length(1, LIMITS.NAME, { each: true })
  municipalities?: string[];
}

export class RegisterInspectorRequest {
  @ApiProperty({
    description: 'The inspector record’s id: the `inspectorId` claim of the inspector’s access token',
    example: 'insp_0a91c4',
    pattern: ID_PATTERN.source,
  })
  @IsString()
  @Matches(ID_PATTERN, { message: 'inspectorId must be 1–64 letters, digits, "_" or "-"' })
  inspectorId!: string;

  @ApiProperty({
    type: [InspectorAreaDto],
    description: 'Areas covered: each state once, within your states',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEXICAN_STATES.length)
  @ValidateNested({ each: true })
  @Type(() => InspectorAreaDto)
  areas!: InspectorAreaDto[];

  @ApiProperty({
    description: 'Open tasks the inspector can hold',
    example: 12,
    minimum: 1,
    maximum: MAX_INSPECTOR_CAPACITY,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_INSPECTOR_CAPACITY)
  capacity!: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Employers the inspector declared a conflict of interest with (never assigned their audits)',
    example: ['org_7d2e91'],
    maxItems: MAX_CONFLICTS,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONFLICTS)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'conflicts must be employer ids' })
  conflicts?: string[];
}

export class ListInspectorsQuery {
  @ApiPropertyOptional({
    enum: MEXICAN_STATES,
    description: 'Only inspectors covering this one of your states',
  })
  @IsOptional()
  @IsIn(MEXICAN_STATES)
  state?: MexicanState;

  @ApiPropertyOptional({ enum: INSPECTOR_STATUSES })
  @IsOptional()
  @IsIn(INSPECTOR_STATUSES)
  status?: InspectorStatus;
}
