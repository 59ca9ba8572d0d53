import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_ACTIONS,
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  PERMIT_ACTIONS,
  PERMIT_END_REASONS,
  PERMIT_STATUSES,
  TRANSFER_CAUSES,
} from '@frontera/permits-domain';
import { FINDING_SEVERITIES, MEXICAN_STATES } from '@frontera/shared-kernel';

export class ActorResponse {
  @ApiProperty({ example: 'usr_7d1' }) id!: string;
  @ApiProperty({ example: 'officer' }) role!: string;
}

export class DecisionResponse {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED', 'WITHDRAWN'] }) outcome!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorResponse }) by!: ActorResponse;
  @ApiProperty({ example: 'Documentación completa' }) reason!: string;
}

export class ApplicationResponse {
  @ApiProperty({ example: 'app_9b2e' }) id!: string;
  @ApiProperty({ enum: APPLICATION_KINDS }) kind!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: string;
  @ApiProperty() employerId!: string;
  @ApiProperty() worksiteId!: string;
  @ApiProperty() workerId!: string;
  @ApiProperty({ enum: MEXICAN_STATES, description: 'The worksite’s state (officers of that state decide)' })
  state!: string;
  @ApiProperty({ type: String, nullable: true, description: 'TRANSFER / RENEWAL: the permit replaced' })
  replacesPermitId!: string | null;
  @ApiProperty({ example: 'Cortador de café' }) occupation!: string;
  @ApiProperty({ example: 320.5 }) dailyWage!: number;
  @ApiProperty({ format: 'date', example: '2027-01-15' }) startDate!: string;
  @ApiProperty() noRecruitmentFeeDeclared!: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: DecisionResponse, nullable: true }) decision!: DecisionResponse | null;
  @ApiProperty({ enum: APPLICATION_ACTIONS, isArray: true }) allowedActions!: string[];
  @ApiProperty() version!: number;
}

export class SubmittedApplicationResponse extends ApplicationResponse {
  @ApiProperty({
    description: 'Whether this application registered the worker (false: an existing record was used)',
  })
  workerRegistered!: boolean;
}

export class TransferabilityResponse {
  @ApiProperty({ enum: TRANSFER_CAUSES }) cause!: string;
  @ApiProperty({ format: 'date-time', description: 'Until when another employer may take the worker on' })
  until!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class AuditFindingResponse {
  @ApiProperty({ example: 'task_4f2a', description: 'The audit task whose outcome carried the finding' })
  taskId!: string;
  @ApiProperty({ example: 'DOCUMENTS_RETAINED' }) code!: string;
  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'CRITICAL' }) severity!: string;
  @ApiProperty({ example: true, description: 'The inspector marked it as an indicator of forced labour' })
  forcedLabourIndicator!: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-12-01T16:20:00.000Z' }) recordedAt!: string;
}

export class PermitResponse {
  @ApiProperty({ example: 'pmt_9b2e' }) id!: string;
  @ApiProperty({ example: 'TVTF-CHP-26-K7Q9-M2XW-C', description: 'With its check character' })
  number!: string;
  @ApiProperty({ enum: PERMIT_STATUSES }) status!: string;
  @ApiProperty({ enum: ['NEW', 'TRANSFER'] }) kind!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() workerId!: string;
  @ApiProperty() employerId!: string;
  @ApiProperty() worksiteId!: string;
  @ApiProperty({ enum: MEXICAN_STATES }) state!: string;
  @ApiProperty() occupation!: string;
  @ApiProperty() dailyWage!: number;
  @ApiProperty({ format: 'date', description: 'First valid day' }) validFrom!: string;
  @ApiProperty({ format: 'date', description: 'Last valid day' }) lastValidDay!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant the permit stops being valid' })
  validUntil!: string;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty({ enum: PERMIT_END_REASONS, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: TransferabilityResponse, nullable: true })
  transferable!: TransferabilityResponse | null;
  @ApiProperty({ type: String, nullable: true }) transferredFromPermitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) transferredToPermitId!: string | null;
  @ApiProperty() renewals!: number;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({
    type: AuditFindingResponse,
    isArray: true,
    description:
      'The latest audit findings that concern the worker, oldest first. Officers and supervisors only: always ' +
      'empty for its employer, which also never sees a transfer window a forced-labour finding opened',
  })
  auditFindings!: AuditFindingResponse[];
  @ApiProperty({ enum: PERMIT_ACTIONS, isArray: true }) allowedActions!: string[];
  @ApiProperty() version!: number;
}

export class ApprovalResponse {
  @ApiProperty({ type: ApplicationResponse }) application!: ApplicationResponse;
  @ApiProperty({
    type: PermitResponse,
    description: 'The permit issued (NEW, TRANSFER) or renewed (RENEWAL)',
  })
  permit!: PermitResponse;
}

export class ApplicationPageResponse {
  @ApiProperty({ type: ApplicationResponse, isArray: true }) items!: ApplicationResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class PermitPageResponse {
  @ApiProperty({ type: PermitResponse, isArray: true }) items!: PermitResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null at the end',
  })
  nextCursor!: string | null;
}

export class HistoryEntryResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorResponse }) actor!: ActorResponse;
  @ApiProperty({ example: 'SUSPEND' }) action!: string;
  @ApiProperty({ example: 'status' }) field!: string;
  @ApiProperty({ description: 'Personal data changed: values are not recorded' }) personalData!: boolean;
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty({ example: 'ACTIVE → SUSPENDED' }) summary!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) relatedId!: string | null;
}

export class HistoryResponse {
  @ApiProperty({ type: HistoryEntryResponse, isArray: true }) entries!: HistoryEntryResponse[];
}
