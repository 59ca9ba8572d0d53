import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeregisterEmployerHandler,
  ReinstateEmployerHandler,
  RejectEmployerHandler,
  SuspendEmployerHandler,
  VerifyEmployerHandler,
} from '@frontera/employers-application';
import { CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, RolesFor } from './api-docs.decorators';
import { EmployerParams, ReasonRequest } from './dto/common.dto';
import { EmployerResponse } from './dto/employer.response';
import { toEmployerResponse } from './employer-response.mapper';
import { metadataOf } from './request-actor';

/**
 * An officer's decisions on an employer of their states. Each is one transition of the
 * lifecycle table; any other request answers 409 with the current state and the allowed actions.
 */
@ApiTags('officer decisions')
@Controller('employers/:id')
export class EmployerDecisionsController {
  constructor(
    private readonly verifyEmployer: VerifyEmployerHandler,
    private readonly rejectEmployer: RejectEmployerHandler,
    private readonly suspendEmployer: SuspendEmployerHandler,
    private readonly reinstateEmployer: ReinstateEmployerHandler,
    private readonly deregisterEmployer: DeregisterEmployerHandler,
  ) {}

  @Post('verification')
  @HttpCode(200)
  @RolesFor('VERIFY')
  @ApiOperation({
    summary: 'Verify a pending employer',
    description:
      'PENDING_VERIFICATION → ACTIVE, rated A, registration number issued; publishes frontera.employer.verified.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(400, 403, 404, 409, 503)
  async verify(
    @Param() { id }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.verifyEmployer.execute({ employerId: id, metadata: metadataOf(principal) }),
    );
  }

  @Post('rejection')
  @HttpCode(200)
  @RolesFor('REJECT')
  @ApiOperation({
    summary: 'Reject a pending registration',
    description: 'PENDING_VERIFICATION → REJECTED (final); publishes frontera.employer.rejected.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422, 503)
  async reject(
    @Param() { id }: EmployerParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.rejectEmployer.execute({ employerId: id, reason, metadata: metadataOf(principal) }),
    );
  }

  @Post('suspension')
  @HttpCode(200)
  @RolesFor('SUSPEND')
  @ApiOperation({
    summary: 'Suspend an active employer',
    description:
      'ACTIVE → SUSPENDED (cause OFFICER_DECISION): no new permits, existing ones stay valid; publishes frontera.employer.suspended.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422, 503)
  async suspend(
    @Param() { id }: EmployerParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.suspendEmployer.execute({ employerId: id, reason, metadata: metadataOf(principal) }),
    );
  }

  @Post('reinstatement')
  @HttpCode(200)
  @RolesFor('REINSTATE')
  @ApiOperation({
    summary: 'Reinstate a suspended employer',
    description:
      'SUSPENDED → ACTIVE (also the review of a CRITICAL_FINDINGS suspension); the rating is untouched; publishes frontera.employer.reinstated.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422, 503)
  async reinstate(
    @Param() { id }: EmployerParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.reinstateEmployer.execute({ employerId: id, reason, metadata: metadataOf(principal) }),
    );
  }

  @Post('deregistration')
  @HttpCode(200)
  @RolesFor('DEREGISTER')
  @ApiOperation({
    summary: 'Deregister an employer (final)',
    description:
      'ACTIVE or SUSPENDED → DEREGISTERED; open worksites close; publishes frontera.employer.deregistered and one frontera.employer.worksite.closed per worksite.',
  })
  @ApiOkResponse({ type: EmployerResponse })
  @ApiProblems(400, 403, 404, 409, 413, 415, 422, 503)
  async deregister(
    @Param() { id }: EmployerParams,
    @Body() { reason }: ReasonRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EmployerResponse> {
    return toEmployerResponse(
      await this.deregisterEmployer.execute({ employerId: id, reason, metadata: metadataOf(principal) }),
    );
  }
}
