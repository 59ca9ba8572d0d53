import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportEmployerChangeHandler } from '@frontera/employers-application';
import { CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { requestMetadata } from '@frontera/platform-http';
import { ApiProblems } from '@frontera/platform-http';
import { EMPLOYER_PROBLEMS, RolesFor } from './api-docs.decorators';
import { EmployerParams } from './dto/common.dto';
import { ReportedChangeResponse } from './dto/employer.response';
import { ReportChangeRequest } from './dto/report-change.request';
import { toEmployerResponse } from './employer-response.mapper';

@ApiTags('reported changes')
@Controller('employers/:id/changes')
export class EmployerChangesController {
  constructor(private readonly reportChange: ReportEmployerChangeHandler) {}

  @Post()
  @HttpCode(200)
  @RolesFor('REPORT_CHANGE')
  @ApiOperation({
    summary: 'Report a change of legal name, address, contact or legal representative',
    description:
      'Employer staff, own employer. Every changed field is kept in the history (personal data as "changed", ' +
      'without values); publishes frontera.employer.updated with the changed field names. Sending the current ' +
      'values again changes nothing (changedFields: []).',
  })
  @ApiOkResponse({ type: ReportedChangeResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404, 409, 422, 503)
  async report(
    @Param() { id }: EmployerParams,
    @Body() body: ReportChangeRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReportedChangeResponse> {
    const { reason, ...changes } = body;
    const result = await this.reportChange.execute({
      employerId: id,
      changes,
      reason,
      metadata: requestMetadata(principal),
    });
    return { changedFields: [...result.changedFields], employer: toEmployerResponse(result.read) };
  }
}
