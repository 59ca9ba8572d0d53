import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  APPLICATION_STATUSES,
  PERMIT_STATUSES,
  type ApplicationStatus,
  type PermitStatus,
} from '@frontera/permits-domain';
import { CursorQuery } from '@frontera/platform-http';
import { ID_PATTERN } from '@frontera/shared-kernel';

export { ReasonRequest } from '@frontera/platform-http';

export class IdParams {
  @ApiProperty({ description: 'Id', example: 'pmt_0c6a8f', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be 1–64 letters, digits, "_" or "-"' })
  id!: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export class ListApplicationsQuery extends CursorQuery({
  defaultLimit: DEFAULT_PAGE_SIZE,
  maxLimit: MAX_PAGE_SIZE,
}) {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class ListPermitsQuery extends CursorQuery({
  defaultLimit: DEFAULT_PAGE_SIZE,
  maxLimit: MAX_PAGE_SIZE,
}) {
  @ApiPropertyOptional({ enum: PERMIT_STATUSES })
  @IsOptional()
  @IsIn(PERMIT_STATUSES)
  status?: PermitStatus;

  @ApiPropertyOptional({ description: 'Only this worker’s permits', pattern: ID_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'workerId must be 1–64 letters, digits, "_" or "-"' })
  workerId?: string;
}
