import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AUDIT_TASK_STATUSES,
  FINDING_CODES,
  MAX_ROSTER_SIZE,
  MAX_WORKERS_AFFECTED,
  type AuditTaskStatus,
} from '@frontera/audits-domain';
import { ID_PATTERN, LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';

export class ListTasksQuery {
  @ApiPropertyOptional({
    enum: AUDIT_TASK_STATUSES,
    description: 'Only tasks in this status (supervisors: default the open ones)',
  })
  @IsOptional()
  @IsIn(AUDIT_TASK_STATUSES)
  status?: AuditTaskStatus;

  @ApiPropertyOptional({ enum: MEXICAN_STATES, description: 'Supervisors: only this one of your states' })
  @IsOptional()
  @IsIn(MEXICAN_STATES)
  state?: MexicanState;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'true',
    description:
      'true: the overdue list — open tasks past their due time that the sweep escalated (supervisors: of ' +
      'their states; inspectors: their own). With status, only those in it.',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}

export const NOTES_MAX = 4000;

export class RecordFindingRequest {
  @ApiPropertyOptional({
    description: 'Your id for the finding: recording the same id again changes nothing (a retried request)',
    example: 'fnd_2b7e11',
    pattern: ID_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: 'findingId must be 1–64 letters, digits, "_" or "-"' })
  findingId?: string;

  @ApiProperty({
    enum: FINDING_CODES,
    description: 'A code of the findings catalogue',
    example: 'WAGE_BELOW_MINIMUM',
  })
  @IsIn(FINDING_CODES)
  code!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Per-worker findings: the affected permits (on the task’s roster)',
    example: ['pmt_0c6a8f'],
    maxItems: MAX_ROSTER_SIZE,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROSTER_SIZE)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'permitIds must be permit ids' })
  permitIds?: string[];

  @ApiPropertyOptional({
    description: 'Per-worker findings: workers affected (≥ permitIds; workers without a permit count too)',
    example: 3,
    minimum: 0,
    maximum: MAX_WORKERS_AFFECTED,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WORKERS_AFFECTED)
  workersAffected?: number;

  @ApiPropertyOptional({
    description: 'Free text; may name people: encrypted at rest, never in events',
    example: 'Tres trabajadores reportan pago por debajo del mínimo.',
    maxLength: NOTES_MAX,
  })
  @IsOptional()
  @IsString()
  @MaxLength(NOTES_MAX)
  notes?: string;
}

export class CompleteAuditRequest {
  @ApiPropertyOptional({
    description:
      'YYYY-MM-DD, 1–180 days ahead: the corrective-action deadline (VIOLATIONS default by the gravest ' +
      'violation; REFERRAL optional; refused for COMPLIANT)',
    example: '2026-04-30',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'correctiveActionDeadline must be a date YYYY-MM-DD' })
  correctiveActionDeadline?: string;
}

export class AssignTaskRequest {
  @ApiProperty({
    description: 'The inspector to give the task to',
    example: 'insp_0a91c4',
    pattern: ID_PATTERN.source,
  })
  @IsString()
  @Matches(ID_PATTERN, { message: 'inspectorId must be 1–64 letters, digits, "_" or "-"' })
  inspectorId!: string;

  @ApiPropertyOptional({
    description: `Why (1–${LIMITS.REASON} characters): required to reassign a task that has an inspector`,
    example: 'El inspector asignado está de licencia',
    maxLength: LIMITS.REASON,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.REASON)
  reason?: string;
}
