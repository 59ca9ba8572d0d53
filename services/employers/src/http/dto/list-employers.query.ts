import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
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
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@frontera/employers-application';
import { CursorQuery } from '@frontera/platform-http';

/** Filters, and `cursor` / `limit` (the platform's {@link CursorQuery}: lists are read by page bucket). */
export class ListEmployersQueryDto extends CursorQuery({
  defaultLimit: DEFAULT_PAGE_SIZE,
  maxLimit: MAX_PAGE_SIZE,
}) {
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
}
