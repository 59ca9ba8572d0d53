import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  COMPLIANCE_RATINGS,
  EMPLOYER_STATUSES,
  MEXICAN_STATES,
  SECTORS,
  type ComplianceRating,
  type EmployerStatus,
  type MexicanState,
  type Sector,
} from '@frontera/employers-domain';
import { MAX_PAGE_SIZE } from '@frontera/employers-application';

export class ListEmployersQueryDto {
  @ApiPropertyOptional({ enum: MEXICAN_STATES, description: 'Registered address state (within your states)' })
  @IsOptional()
  @IsIn(MEXICAN_STATES)
  state?: MexicanState;

  @ApiPropertyOptional({ enum: EMPLOYER_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYER_STATUSES)
  status?: EmployerStatus;

  @ApiPropertyOptional({ enum: COMPLIANCE_RATINGS })
  @IsOptional()
  @IsIn(COMPLIANCE_RATINGS)
  rating?: ComplianceRating;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
