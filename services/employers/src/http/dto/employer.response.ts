import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageFields } from '@frontera/platform-http';
import {
  COMPLIANCE_RATINGS,
  EMPLOYER_ACTIONS,
  EMPLOYER_KINDS,
  EMPLOYER_STATUSES,
  RISK_TIERS,
  SECTORS,
  SUSPENSION_CAUSES,
} from '@frontera/employers-domain';

/*
 * Response shapes, for the OpenAPI document; the mapper (employer-response.mapper.ts) builds
 * them. Values marked "personal data" are shown in full to the employer itself and to officers
 * in scope, masked ("•••••567") to supervisors, and never in lists except to officers.
 */

export class CoordinatesResponse {
  @ApiProperty({ example: 14.9057 }) lat!: number;
  @ApiProperty({ example: -92.2633 }) lng!: number;
}

export class WorksiteResponse {
  @ApiProperty({ example: 'ws_01JQ8ZK4M2' }) id!: string;
  @ApiProperty({ example: 'Finca La Esperanza — sección norte' }) name!: string;
  @ApiProperty({ example: 'coffee harvest' }) activity!: string;
  @ApiProperty({ example: 'CHP' }) state!: string;
  @ApiProperty({ example: 'Tapachula' }) municipality!: string;
  @ApiProperty({ type: CoordinatesResponse }) coordinates!: CoordinatesResponse;
  @ApiProperty({ example: 40 }) capacity!: number;
  @ApiProperty({ example: true }) housingProvided!: boolean;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'], example: 'OPEN' }) status!: string;
  @ApiProperty({ example: '2025-03-03T15:00:00.000Z' }) openedAt!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) closedReason!: string | null;
  @ApiProperty({ description: 'Workers with an active permit here (from permit events)', example: 12 })
  headcount!: number;
  @ApiProperty({ example: false }) overCapacity!: boolean;
  @ApiProperty({ example: 28 }) remainingCapacity!: number;
  @ApiProperty({ description: 'In a state eligible for border-worker permits (configured)', example: true })
  eligibleForPermits!: boolean;
}

export class AddressResponse {
  @ApiProperty({ example: 'CHP' }) state!: string;
  @ApiProperty({ example: 'Tapachula' }) municipality!: string;
  @ApiProperty({ nullable: true, type: String, description: 'personal data for individuals' }) locality!:
    | string
    | null;
  @ApiProperty({ nullable: true, type: String, description: 'personal data for individuals' })
  neighbourhood!: string | null;
  @ApiProperty({ description: 'personal data for individuals', example: 'Avenida Central Norte 12' })
  street!: string;
  @ApiProperty({ description: 'personal data for individuals', example: '30700' }) postalCode!: string;
}

export class ContactResponse {
  @ApiProperty({ description: 'personal data', example: 'María López Hernández' }) name!: string;
  @ApiProperty({ description: 'personal data', example: 'rh@finca-la-esperanza.mx' }) email!: string;
  @ApiProperty({ description: 'personal data', example: '+529621234567' }) phone!: string;
}

export class LegalRepresentativeResponse {
  @ApiProperty({ description: 'personal data', example: 'Jorge Pérez Gómez' }) fullName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Apoderado legal' }) position!: string | null;
}

export class SuspensionResponse {
  @ApiProperty({ enum: SUSPENSION_CAUSES }) cause!: string;
  @ApiProperty({ example: 'Critical findings or forced-labour indicators in audit task-17: DEBT_BONDAGE' })
  reason!: string;
  @ApiProperty({ example: '2025-06-01T10:00:00.000Z' }) since!: string;
  @ApiProperty({ type: [String], description: 'Audits behind the suspension, for the reviewing officer' })
  auditIds!: string[];
}

export class AuditRecordResponse {
  @ApiProperty({ example: 'task-17' }) auditId!: string;
  @ApiProperty({ example: 'PERIODIC' }) kind!: string;
  @ApiProperty({ example: 'VIOLATIONS' }) outcome!: string;
  @ApiProperty({ example: 'SERIOUS' }) classification!: string;
  @ApiProperty({ type: [String], example: ['WAGE_BELOW_MINIMUM'] }) findingCodes!: string[];
  @ApiProperty({ example: '2025-06-01T10:00:00.000Z' }) completedAt!: string;
  @ApiProperty({ type: [String], example: ['RATED_B'] }) effects!: string[];
  @ApiProperty({ nullable: true, type: String, enum: ['NOT_IN_PROGRAM', 'STALE'] }) ignoredBecause!:
    | string
    | null;
}

export class RiskFactorResponse {
  @ApiProperty({ example: 'HEADCOUNT_SPIKE' }) factor!: string;
  @ApiProperty({ example: 20 }) points!: number;
  @ApiProperty({ example: 'Headcount doubled in a month' }) explanation!: string;
}

export class RiskResponse {
  @ApiProperty({ example: 62 }) score!: number;
  @ApiProperty({ enum: RISK_TIERS }) tier!: string;
  @ApiProperty({ type: [RiskFactorResponse] }) factors!: RiskFactorResponse[];
  @ApiProperty({ example: '2025-06-02T10:00:00.000Z' }) computedAt!: string;
}

export class EmployerResponse {
  @ApiProperty({ example: 'org-7f3a9c' }) id!: string;
  @ApiProperty({ enum: EMPLOYER_KINDS }) kind!: string;
  @ApiProperty({ description: 'personal data for individuals', example: 'FLE150812AB5' }) rfc!: string;
  @ApiProperty({ description: 'personal data for individuals', example: 'Finca La Esperanza S.A. de C.V.' })
  legalName!: string;
  @ApiProperty({ enum: SECTORS }) sector!: string;
  @ApiProperty({ enum: EMPLOYER_STATUSES }) status!: string;
  @ApiProperty({ enum: COMPLIANCE_RATINGS, nullable: true, description: 'null until verified' })
  rating!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TVTF-EMP-CHP-2025-000042' })
  registrationNumber!: string | null;
  @ApiProperty({ type: AddressResponse }) address!: AddressResponse;
  @ApiProperty({ type: ContactResponse }) contact!: ContactResponse;
  @ApiProperty({ type: LegalRepresentativeResponse, nullable: true })
  legalRepresentative!: LegalRepresentativeResponse | null;
  @ApiProperty({ example: '2025-03-03T15:00:00.000Z' }) registeredAt!: string;
  @ApiProperty({ nullable: true, type: String }) verifiedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why an officer rejected the registration' })
  rejectionReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) deregisteredAt!: string | null;
  @ApiProperty({ type: SuspensionResponse, nullable: true }) suspension!: SuspensionResponse | null;
  @ApiProperty({ description: 'ACTIVE and rated A', example: true }) canReceivePermits!: boolean;
  @ApiProperty({ type: [WorksiteResponse] }) worksites!: WorksiteResponse[];
  @ApiProperty({
    type: [AuditRecordResponse],
    description: 'Audit outcomes received (never scheduled audits)',
  })
  audits!: AuditRecordResponse[];
  @ApiPropertyOptional({ type: RiskResponse, nullable: true, description: 'Officers and supervisors only' })
  risk?: RiskResponse | null;
  @ApiProperty({
    enum: EMPLOYER_ACTIONS,
    isArray: true,
    description: 'What may be requested now (lifecycle table)',
  })
  allowedActions!: string[];
  @ApiProperty({
    enum: ['FULL', 'MASKED'],
    description: 'Whether personal data above is shown in full or masked',
  })
  personalData!: string;
  @ApiProperty({ example: 3 }) version!: number;
}

export class EmployerSummaryResponse {
  @ApiProperty({ example: 'org-7f3a9c' }) id!: string;
  @ApiProperty({ enum: EMPLOYER_KINDS }) kind!: string;
  @ApiProperty({ description: 'personal data for individuals (masked unless you are an officer)' })
  rfc!: string;
  @ApiProperty({ description: 'personal data for individuals (masked unless you are an officer)' })
  legalName!: string;
  @ApiProperty({ enum: SECTORS }) sector!: string;
  @ApiProperty({ enum: EMPLOYER_STATUSES }) status!: string;
  @ApiProperty({ enum: COMPLIANCE_RATINGS, nullable: true }) rating!: string | null;
  @ApiProperty({ nullable: true, type: String }) registrationNumber!: string | null;
  @ApiProperty({ example: 'CHP' }) state!: string;
  @ApiProperty({ example: 'Tapachula' }) municipality!: string;
  @ApiProperty({ example: '2025-03-03T15:00:00.000Z' }) registeredAt!: string;
  @ApiProperty({ example: 2 }) openWorksites!: number;
  @ApiPropertyOptional({ enum: RISK_TIERS, nullable: true, description: 'Officers and supervisors only' })
  riskTier?: string | null;
  @ApiProperty({ enum: ['FULL', 'MASKED'] }) personalData!: string;
}

export class EmployerPageResponse extends CursorPageFields {
  @ApiProperty({ type: [EmployerSummaryResponse] }) items!: EmployerSummaryResponse[];
}

export class HistoryEntryResponse {
  @ApiProperty({ example: 4 }) version!: number;
  @ApiProperty({ example: '2025-04-01T16:20:00.000Z' }) at!: string;
  @ApiProperty({ example: { id: 'officer-17', role: 'officer' } }) actor!: { id: string; role: string };
  @ApiProperty({ example: 'address.municipality' }) field!: string;
  @ApiProperty({ nullable: true, type: String }) worksiteId!: string | null;
  @ApiProperty({ description: 'true: the values are personal data and are not recorded' })
  personalData!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'Tapachula' }) from!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Huixtla' }) to!: string | null;
  @ApiProperty({ example: 'Tapachula → Huixtla' }) summary!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Moved the fiscal address' }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) auditId!: string | null;
}

export class HistoryResponse {
  @ApiProperty({ example: 'org-7f3a9c' }) employerId!: string;
  @ApiProperty({ type: [HistoryEntryResponse] }) entries!: HistoryEntryResponse[];
}

export class ReportedChangeResponse {
  @ApiProperty({ type: [String], example: ['address.municipality', 'address.street'] })
  changedFields!: string[];
  @ApiProperty({ type: EmployerResponse }) employer!: EmployerResponse;
}
