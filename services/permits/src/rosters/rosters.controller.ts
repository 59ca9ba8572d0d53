import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Headers, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  GetRosterErrorsHandler,
  GetRosterImportHandler,
  UploadRosterHandler,
} from '@frontera/permits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { negotiateLanguage } from '@frontera/platform-errors';
import { ApiProblems, requestMetadata, type ProblemDescriptions } from '@frontera/platform-http';
import { RolesFor } from '../http/api-docs.decorators';
import { IdParams } from '../http/dto/common.dto';
import { rosterErrorReport } from './roster-error-report';
import { readRosterFile, ROSTER_CONTENT_TYPE, type RosterFileLimits } from './roster-file.reader';
import {
  ROSTER_ERROR_REPORT_EXAMPLE,
  ROSTER_FILE_EXAMPLE,
  RosterImportResponse,
  toRosterImportResponse,
  UploadedRosterResponse,
  WorksiteParams,
} from './roster.dto';

export const ROSTER_FILE_LIMITS = Symbol('ROSTER_FILE_LIMITS');

/** What the roster routes answer, per status, for `ApiProblems`. */
export const ROSTER_PROBLEMS: ProblemDescriptions = {
  400:
    'ROSTER.NOT_CSV (`problem`: CHARSET, INVALID_UTF8, BINARY — not CSV text in UTF-8, e.g. an XLSX), ' +
    'ROSTER.MALFORMED (`line` and csv-parse’s `problem`: an unclosed quote, a row with more or fewer fields ' +
    'than the header), VALIDATION.FAILED (the path); nothing stored',
  403: 'AUTH.FORBIDDEN / PERMIT.ACCESS_DENIED: only employer staff upload and read rosters',
  404:
    'ROSTER.WORKSITE_NOT_FOUND (not one of your employer’s worksites) / ROSTER.NOT_FOUND (absent, or another ' +
    'employer’s)',
  409: 'PERMIT.CONCURRENT_MODIFICATION: the same file was being uploaded at the same moment; send it again',
  413: 'ROSTER.TOO_LARGE: the file is over ROSTER_MAX_BYTES (`maxBytes`); nothing stored',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE: send the file as text/csv (UTF-8)',
  422:
    'ROSTER.EMPTY (no data row), ROSTER.HEADER_MISSING (the first line names no known column), ' +
    'ROSTER.INVALID_COLUMNS (`unknownColumns`, `missingColumns`, `duplicateColumns`), ROSTER.TOO_MANY_ROWS ' +
    '(`maxRows`); nothing stored, no job',
  503: 'JOBS.QUEUE_UNAVAILABLE / SERVICE.UNAVAILABLE: send the same file again shortly (it is not stored twice)',
};

const NO_STORE = 'private, no-store';

@ApiTags('rosters')
@Controller()
export class RostersController {
  constructor(
    private readonly upload: UploadRosterHandler,
    private readonly getRoster: GetRosterImportHandler,
    private readonly getErrors: GetRosterErrorsHandler,
    @Inject(ROSTER_FILE_LIMITS) private readonly limits: RosterFileLimits,
  ) {}

  @Post('worksites/:worksiteId/rosters')
  @RolesFor('UPLOAD_ROSTER')
  @ApiOperation({
    summary: 'Upload a harvest roster (cuadrilla) for one of your worksites',
    description:
      'Employer staff. The body is the CSV file itself (`Content-Type: text/csv`, UTF-8, comma-separated, ' +
      'first line the header): one worker a row with the fields of a NEW application — the worker’s nested ' +
      'fields flattened to dotted names (`surnames.first`, `identityDocument.number`…), any order, optional ' +
      'columns may be left out. The file is checked while it arrives (size, CSV, columns, row count) and refused ' +
      'with nothing stored; otherwise its rows are stored encrypted and a job turns them into applications, batch ' +
      'by batch, exactly as `POST /applications` would (each row’s problems go to the error report; the others ' +
      'become applications). Poll `GET /rosters/{id}`. The same file uploaded again for the same worksite creates ' +
      'nothing: its import answers (200, `created: false`). When done, `frontera.roster.import.completed` is ' +
      'published.',
  })
  @ApiConsumes(ROSTER_CONTENT_TYPE)
  @ApiBody({
    description: 'The roster file (CSV, UTF-8), up to ROSTER_MAX_BYTES and ROSTER_MAX_ROWS data rows',
    schema: { type: 'string', example: ROSTER_FILE_EXAMPLE },
  })
  @ApiAcceptedResponse({
    type: UploadedRosterResponse,
    description: 'Stored and queued (`status` QUEUED, `created` true)',
    headers: {
      Location: {
        description: 'The import: `/rosters/{id}`',
        schema: { type: 'string', example: '/rosters/rim_5f0c2b7e9a8d4c1b8e3f6a2d9c7b1e40' },
      },
    },
  })
  @ApiOkResponse({
    type: UploadedRosterResponse,
    description: 'The same file had been uploaded for this worksite: that import (`created` false)',
    headers: {
      Location: {
        description: 'The import: `/rosters/{id}`',
        schema: { type: 'string', example: '/rosters/rim_5f0c2b7e9a8d4c1b8e3f6a2d9c7b1e40' },
      },
    },
  })
  @ApiProblems(ROSTER_PROBLEMS, 400, 403, 404, 409, 413, 415, 422, 503)
  async uploadRoster(
    @Param() { worksiteId }: WorksiteParams,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const { roster, created } = await this.upload.execute({
      worksiteId,
      readFile: () => readRosterFile(request, this.limits),
      metadata: requestMetadata(principal),
    });
    const body: UploadedRosterResponse = { ...toRosterImportResponse(roster), created };
    response.statusCode = created ? 202 : 200;
    response.setHeader('Location', `/rosters/${encodeURIComponent(roster.id)}`);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(body));
  }

  @Get('rosters/:id')
  @RolesFor('VIEW_ROSTER')
  @ApiOperation({
    summary: 'A roster import’s state and progress',
    description:
      'Its employer’s staff. Rows done, percentage, accepted and rejected move once per batch while the job ' +
      'runs.',
  })
  @ApiOkResponse({ type: RosterImportResponse })
  @ApiProblems(ROSTER_PROBLEMS, 403, 404)
  async getRosterImport(
    @Param() { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RosterImportResponse> {
    return toRosterImportResponse(await this.getRoster.execute(id, callerOf(principal)));
  }

  @Get('rosters/:id/errors.csv')
  @RolesFor('VIEW_ROSTER')
  @ApiOperation({
    summary: 'The per-row error report of a roster import (CSV)',
    description:
      'Its employer’s staff. One line per problem of a refused row: `row` (the data row, 1 = the first after ' +
      'the header, blank lines not counted), `field` (the column; empty for a problem of the row as a whole), ' +
      '`code` (stable) and `message` (Spanish unless Accept-Language asks for English). Never a value of the ' +
      'file. While the import runs it holds the batches done so far; a file without problems gives the header ' +
      'only.',
  })
  @ApiProduces(ROSTER_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'The report: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting',
    content: { [ROSTER_CONTENT_TYPE]: { schema: { type: 'string', example: ROSTER_ERROR_REPORT_EXAMPLE } } },
    headers: {
      'Content-Disposition': {
        description: '`attachment; filename="<import id>-errors.csv"`',
        schema: { type: 'string', example: 'attachment; filename="rim_5f0c2b7e-errors.csv"' },
      },
      'Cache-Control': {
        description: '`private, no-store`',
        schema: { type: 'string', example: NO_STORE },
      },
    },
  })
  @ApiProblems(ROSTER_PROBLEMS, 403, 404)
  async getRosterErrors(
    @Param() { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<StreamableFile> {
    const { roster, errors } = await this.getErrors.execute(id, callerOf(principal));
    const report = Buffer.from(rosterErrorReport(errors, negotiateLanguage(acceptLanguage)), 'utf8');
    response.setHeader('Cache-Control', NO_STORE);
    return new StreamableFile(report, {
      type: `${ROSTER_CONTENT_TYPE}; charset=utf-8`,
      disposition: `attachment; filename="${roster.id}-errors.csv"`,
      length: report.length,
    });
  }
}
