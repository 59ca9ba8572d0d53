import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_PRIORITIES,
  AUDIT_TASK_ACTIONS,
  AUDIT_TASK_STATUSES,
  INSPECTOR_ACTIONS,
  INSPECTOR_STATUSES,
  ROSTER_CHECKS,
} from '@frontera/audits-domain';
import { AUDIT_KINDS, AUDIT_OUTCOMES, FINDING_SEVERITIES, MEXICAN_STATES } from '@frontera/shared-kernel';

export class InspectorAreaResponse {
  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  state!: string;

  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['Tapachula'],
    description: 'null: the whole state',
  })
  municipalities!: string[] | null;
}

export class InspectorResponse {
  @ApiProperty({ example: 'insp_0a91c4' })
  inspectorId!: string;

  @ApiProperty({ enum: INSPECTOR_STATUSES, example: 'ACTIVE' })
  status!: string;

  @ApiProperty({ type: [InspectorAreaResponse] })
  areas!: InspectorAreaResponse[];

  @ApiProperty({ example: 12 })
  capacity!: number;

  @ApiProperty({
    type: [String],
    example: ['org_7d2e91'],
    description: 'Employers with a declared conflict of interest',
  })
  conflicts!: string[];

  @ApiProperty({ enum: INSPECTOR_ACTIONS, isArray: true, example: ['DEACTIVATE', 'UPDATE_AREAS'] })
  allowedActions!: string[];
}

export class InspectorListResponse {
  @ApiProperty({ type: [InspectorResponse] })
  items!: InspectorResponse[];
}

export class FindingResponse {
  @ApiProperty({ example: 'fnd_2b7e11' })
  findingId!: string;

  @ApiProperty({ example: 'WAGE_BELOW_MINIMUM' })
  code!: string;

  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'SERIOUS' })
  severity!: string;

  @ApiProperty({ example: false })
  forcedLabourIndicator!: boolean;

  @ApiProperty({ type: [String], example: ['pmt_0c6a8f'] })
  permitIds!: string[];

  @ApiProperty({ example: 3 })
  workersAffected!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Tres trabajadores reportan pago por debajo del mínimo.',
  })
  notes!: string | null;

  @ApiProperty({ example: '2026-03-02T16:05:00.000Z' })
  recordedAt!: string;
}

/** One permit of the worksite's expected roster (ids and the permit number: no personal data). */
export class RosterEntryResponse {
  @ApiProperty({ example: 'pmt_0c6a8f' })
  permitId!: string;

  @ApiProperty({ example: 'TVTF-CHP-26-K7Q9-M2XA-0' })
  permitNumber!: string;

  @ApiProperty({ enum: ROSTER_CHECKS, example: 'NOT_CHECKED' })
  check!: string;
}

export class CompletionResponse {
  @ApiProperty({ enum: AUDIT_OUTCOMES, example: 'VIOLATIONS' })
  outcome!: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-04-01' })
  correctiveActionDeadline!: string | null;

  @ApiProperty({ example: '2026-03-02T18:40:00.000Z' })
  completedAt!: string;
}

export class TaskResponse {
  @ApiProperty({ example: 'tsk_4f0c2a9e' })
  id!: string;

  @ApiProperty({ example: 'org_7d2e91' })
  employerId!: string;

  @ApiProperty({ example: 'ws_4c1d9e' })
  worksiteId!: string;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP' })
  state!: string;

  @ApiProperty({ example: 'Tapachula' })
  municipality!: string;

  @ApiProperty({ enum: AUDIT_KINDS, example: 'PERIODIC' })
  kind!: string;

  @ApiProperty({ enum: AUDIT_PRIORITIES, example: 'NORMAL' })
  priority!: string;

  @ApiProperty({ example: 3, description: 'The contracts’ 1–5 scale' })
  priorityLevel!: number;

  @ApiProperty({ enum: AUDIT_TASK_STATUSES, example: 'ASSIGNED' })
  status!: string;

  @ApiProperty({ example: '2026-03-31', description: 'Internal: inspectors and supervisors only' })
  dueOn!: string;

  @ApiProperty({ example: '2026-04-01T06:00:00.000Z' })
  dueAt!: string;

  @ApiProperty({ nullable: true, type: String, example: 'insp_0a91c4' })
  inspectorId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-03-02T15:10:00.000Z' })
  startedAt!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-04-01T06:00:00.000Z',
    description: 'When the overdue sweep escalated it to the supervisors (null: not overdue)',
  })
  escalatedAt!: string | null;

  @ApiProperty({
    type: [RosterEntryResponse],
    description:
      'The worksite’s expected roster: its held permits when the task was created, refreshed when the visit starts',
  })
  roster!: RosterEntryResponse[];

  @ApiProperty({ type: [FindingResponse] })
  findings!: FindingResponse[];

  @ApiPropertyOptional({ type: CompletionResponse, nullable: true })
  completion!: CompletionResponse | null;

  @ApiProperty({ enum: AUDIT_TASK_ACTIONS, isArray: true, example: ['START', 'REASSIGN', 'CANCEL'] })
  allowedActions!: string[];
}

export class TaskListResponse {
  @ApiProperty({ type: [TaskResponse] })
  items!: TaskResponse[];
}

export class RecordedFindingResponse {
  @ApiProperty({ type: TaskResponse })
  task!: TaskResponse;

  @ApiProperty({ example: 'fnd_2b7e11' })
  findingId!: string;

  @ApiProperty({ example: true, description: 'false: this finding id was recorded before (nothing changed)' })
  recorded!: boolean;
}

export class FindingSummaryResponse {
  @ApiProperty({ example: 'WAGE_BELOW_MINIMUM' })
  code!: string;

  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'SERIOUS' })
  severity!: string;

  @ApiProperty({ example: false })
  forcedLabourIndicator!: boolean;

  @ApiProperty({ example: 3 })
  workersAffected!: number;
}

/** What an employer may see of an audit: never a planned date, a kind, an inspector or a priority. */
export class AuditOutcomeResponse {
  @ApiProperty({ example: 'tsk_4f0c2a9e' })
  taskId!: string;

  @ApiProperty({ example: 'org_7d2e91' })
  employerId!: string;

  @ApiProperty({ example: 'ws_4c1d9e' })
  worksiteId!: string;

  @ApiProperty({ enum: AUDIT_OUTCOMES, example: 'VIOLATIONS' })
  outcome!: string;

  @ApiProperty({ type: [FindingSummaryResponse] })
  findings!: FindingSummaryResponse[];

  @ApiProperty({ nullable: true, type: String, example: '2026-04-01' })
  correctiveActionDeadline!: string | null;

  @ApiProperty({ example: '2026-03-02' })
  completedOn!: string;
}

export class AuditOutcomeListResponse {
  @ApiProperty({ type: [AuditOutcomeResponse] })
  items!: AuditOutcomeResponse[];
}
