import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import {
  ROSTER_COLUMNS,
  ROSTER_FAILURES,
  ROSTER_IMPORT_STATUSES,
  type RosterFailure,
  type RosterImport,
  type RosterImportStatus,
} from '@frontera/permits-domain';
import { MEXICAN_STATES, ID_PATTERN, type MexicanState } from '@frontera/shared-kernel';

export class WorksiteParams {
  @ApiProperty({
    description: 'One of your employer’s worksites',
    example: 'ws_7d2e91',
    pattern: ID_PATTERN.source,
  })
  @IsString()
  @Matches(ID_PATTERN, { message: 'worksiteId must be 1–64 letters, digits, "_" or "-"' })
  worksiteId!: string;
}

export class RosterImportResponse {
  @ApiProperty({ example: 'rim_5f0c2b7e9a8d4c1b8e3f6a2d9c7b1e40' })
  id!: string;

  @ApiProperty({ example: 'org_3b9f1c' })
  employerId!: string;

  @ApiProperty({ example: 'ws_7d2e91' })
  worksiteId!: string;

  @ApiProperty({ enum: MEXICAN_STATES, example: 'CHP', description: 'The worksite’s state' })
  state!: MexicanState;

  @ApiProperty({
    enum: ROSTER_IMPORT_STATUSES,
    example: 'RUNNING',
    description:
      'QUEUED (waiting for its job) → RUNNING → COMPLETED, or FAILED (`failure` says why; uploading the same ' +
      'file again queues it again where it stopped)',
  })
  status!: RosterImportStatus;

  @ApiProperty({ example: 2400, description: 'Data rows in the file' })
  rows!: number;

  @ApiProperty({ example: 1200, description: 'Rows done so far (accepted + rejected), batch by batch' })
  processedRows!: number;

  @ApiProperty({ example: 50, minimum: 0, maximum: 100, description: 'processedRows of rows, rounded down' })
  percentage!: number;

  @ApiProperty({ example: 1187, description: 'Rows that became applications' })
  accepted!: number;

  @ApiProperty({ example: 13, description: 'Rows refused (listed in `GET /rosters/{id}/errors.csv`)' })
  rejected!: number;

  @ApiProperty({ example: 100, description: 'Rows per batch: progress moves once per batch' })
  batchSize!: number;

  @ApiProperty({ example: '2026-12-01T14:03:11.000Z' })
  uploadedAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T14:03:12.000Z' })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  finishedAt!: string | null;

  @ApiProperty({
    enum: ROSTER_FAILURES,
    nullable: true,
    example: null,
    description:
      'Why a FAILED import stopped: ROWS_MISSING (its stored rows are gone), GAVE_UP (its job kept failing)',
  })
  failure!: RosterFailure | null;

  @ApiProperty({ example: '/rosters/rim_5f0c2b7e9a8d4c1b8e3f6a2d9c7b1e40/errors.csv' })
  errorReport!: string;
}

export class UploadedRosterResponse extends RosterImportResponse {
  @ApiProperty({
    example: true,
    description: 'false: the same file had been uploaded for this worksite before; this is that import',
  })
  created!: boolean;
}

export function toRosterImportResponse(roster: RosterImport): RosterImportResponse {
  return {
    id: roster.id,
    employerId: roster.employerId,
    worksiteId: roster.worksiteId,
    state: roster.state,
    status: roster.status,
    rows: roster.rows,
    processedRows: roster.processedRows,
    percentage: roster.percentage,
    accepted: roster.accepted,
    rejected: roster.rejected,
    batchSize: roster.batchSize,
    uploadedAt: roster.uploadedAt,
    startedAt: roster.startedAt,
    finishedAt: roster.finishedAt,
    failure: roster.failure,
    errorReport: `/rosters/${encodeURIComponent(roster.id)}/errors.csv`,
  };
}

/** An example roster file: the header (every column) and one row. */
export const ROSTER_FILE_EXAMPLE = `${ROSTER_COLUMNS.map((c) => c.name).join(',')}\n${ROSTER_COLUMNS.map(
  (c) => (/[",]/.test(c.example) ? `"${c.example.replace(/"/g, '""')}"` : c.example),
).join(',')}\n`;

export const ROSTER_ERROR_REPORT_EXAMPLE =
  'row,field,code,message\r\n' +
  '2,nationality,NATIONALITY_NOT_ELIGIBLE,"Solo se expide a personas de nacionalidad guatemalteca o beliceña."\r\n' +
  '3,dailyWage,ROSTER.INVALID_VALUE,"La columna ""dailyWage"" NOT_A_NUMBER."\r\n';
