import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  OFFICER_DECISIONS,
  OfficerDecisionsHandler,
  VerifyEmployerHandler,
} from '@frontera/employers-application';
import { CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, reasonTransitionsController, requestMetadata } from '@frontera/platform-http';
import { EMPLOYER_PROBLEMS, RolesFor } from './api-docs.decorators';
import { EmployerParams } from './dto/common.dto';
import { EmployerResponse } from './dto/employer.response';
import { toEmployerResponse } from './employer-response.mapper';

/**
 * An officer verifies a pending employer (the registration number makes it more than a reason-only
 * action). Any request the lifecycle table refuses answers 409 with the current state and the
 * allowed actions.
 */
@ApiTags('officer decisions')
@Controller('employers/:id')
export class EmployerVerificationController {
  constructor(private readonly verifyEmployer: VerifyEmployerHandler) {}

  @Post('verification')
  @HttpCode(200)
  @RolesFor('VERIFY')
  @ApiOperation({
    summary: 'Verify a pending employer',
    description:
      'PENDING_VERIFICATION → ACTIVE, rated A, registration number issued; publishes frontera.employer.verified.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(EMPLOYER_PROBLEMS, 403, 404, 409, 503)
  async verify(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.verifyEmployer.execute({ employerId: id, metadata: requestMetadata(principal) }),
    );
  }
}

/**
 * The officer's reason-only decisions (reject, suspend, reinstate, deregister): one route per row
 * of OFFICER_DECISIONS, `POST /employers/:id/<resource>` with `{ reason }`.
 */
export const EmployerDecisionsController = reasonTransitionsController({
  name: 'EmployerDecisionsController',
  path: 'employers/:id',
  tag: 'officer decisions',
  params: EmployerParams,
  response: EmployerResponse,
  transitions: OFFICER_DECISIONS,
  handler: OfficerDecisionsHandler,
  execute: async (handler: OfficerDecisionsHandler, row, { id }, reason, principal) =>
    toEmployerResponse(
      await handler.execute({
        operation: row.operation,
        key: id,
        reason,
        metadata: requestMetadata(principal),
      }),
    ),
  decorate: (row) => [RolesFor(row.operation), ApiProblems(EMPLOYER_PROBLEMS, 403, 404, 409, 422, 503)],
});
