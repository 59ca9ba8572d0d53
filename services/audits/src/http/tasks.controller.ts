import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AssignTaskHandler,
  CompleteAuditHandler,
  GetTaskHandler,
  ListEmployerOutcomesHandler,
  ListTasksHandler,
  RecordFindingHandler,
  StartAuditHandler,
} from '@frontera/audits-application';
import { callerOf, CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { ApiProblems, requestMetadata } from '@frontera/platform-http';
import { AUDITS_PROBLEMS, RolesFor } from './api-docs.decorators';
import { EmployerParams, IdParams } from './dto/common.dto';
import {
  AuditOutcomeListResponse,
  RecordedFindingResponse,
  TaskListResponse,
  TaskResponse,
} from './dto/responses';
import {
  AssignTaskRequest,
  CompleteAuditRequest,
  ListTasksQuery,
  RecordFindingRequest,
} from './dto/task.request';
import { toOutcomeResponse, toTaskResponse } from './response.mappers';

@ApiTags('audit tasks')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly listTasks: ListTasksHandler,
    private readonly getTask: GetTaskHandler,
    private readonly startAudit: StartAuditHandler,
    private readonly recordFinding: RecordFindingHandler,
    private readonly completeAudit: CompleteAuditHandler,
    private readonly assignTask: AssignTaskHandler,
  ) {}

  @Get()
  @RolesFor('LIST_TASKS')
  @ApiOperation({
    summary: 'List audit tasks',
    description:
      'Inspectors: their own tasks. Supervisors: the tasks of their states in one status (default the open ' +
      'ones: PENDING_ASSIGNMENT, ASSIGNED, IN_PROGRESS). `overdue=true`: the overdue list — open tasks past ' +
      'their due time, escalated by the sweep (`escalatedAt`). Due soonest first, at most 200.',
  })
  @ApiOkResponse({ type: TaskListResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403)
  async list(
    @Query() query: ListTasksQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskListResponse> {
    const found = await this.listTasks.execute(callerOf(principal), {
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.overdue !== undefined ? { overdue: query.overdue === 'true' } : {}),
    });
    return { items: found.map(toTaskResponse) };
  }

  @Get(':id')
  @RolesFor('VIEW_TASK')
  @ApiOperation({ summary: 'One audit task', description: 'Its inspector; supervisors of its state.' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404)
  async get(@Param() { id }: IdParams, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    return toTaskResponse(await this.getTask.execute(id, callerOf(principal)));
  }

  @Post(':id/start')
  @HttpCode(200)
  @RolesFor('START_AUDIT')
  @ApiOperation({
    summary: 'Start the visit',
    description: 'The assigned inspector: ASSIGNED → IN_PROGRESS. Publishes frontera.audit.task.started.',
  })
  @ApiOkResponse({ type: TaskResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 503)
  async start(@Param() { id }: IdParams, @CurrentPrincipal() principal: Principal): Promise<TaskResponse> {
    return toTaskResponse(await this.startAudit.execute(id, requestMetadata(principal)));
  }

  @Post(':id/findings')
  @HttpCode(201)
  @RolesFor('RECORD_FINDING')
  @ApiOperation({
    summary: 'Record a finding',
    description:
      'The assigned inspector, while IN_PROGRESS: a catalogue code; per-worker findings name the affected ' +
      'permits (on the roster) or a count. Recording the same `findingId` again changes nothing. Findings are ' +
      'published with the outcome, never on their own; notes are encrypted and never published.',
  })
  @ApiCreatedResponse({ type: RecordedFindingResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async finding(
    @Param() { id }: IdParams,
    @Body() body: RecordFindingRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordedFindingResponse> {
    const { task, findingId, recorded } = await this.recordFinding.execute(
      id,
      {
        code: body.code,
        ...(body.findingId !== undefined ? { findingId: body.findingId } : {}),
        ...(body.permitIds !== undefined ? { permitIds: body.permitIds } : {}),
        ...(body.workersAffected !== undefined ? { workersAffected: body.workersAffected } : {}),
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
      },
      requestMetadata(principal),
    );
    return { task: toTaskResponse(task), findingId, recorded };
  }

  @Post(':id/completion')
  @HttpCode(200)
  @RolesFor('COMPLETE_AUDIT')
  @ApiOperation({
    summary: 'Complete the audit',
    description:
      'The assigned inspector: IN_PROGRESS → COMPLETED with the outcome the rules decide (COMPLIANT without ' +
      'findings, VIOLATIONS with a corrective-action deadline, REFERRAL with any forced-labour indicator). ' +
      'Publishes frontera.audit.outcome.recorded (the employers service rates and suspends from it); the ' +
      'plan then schedules the next audit and the follow-up, and the risk is recomputed.',
  })
  @ApiOkResponse({ type: TaskResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async complete(
    @Param() { id }: IdParams,
    @Body() body: CompleteAuditRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskResponse> {
    const { task } = await this.completeAudit.execute(
      id,
      body.correctiveActionDeadline !== undefined
        ? { correctiveActionDeadline: body.correctiveActionDeadline }
        : {},
      requestMetadata(principal),
    );
    return toTaskResponse(task);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @RolesFor('REASSIGN_TASK')
  @ApiOperation({
    summary: 'Assign or reassign a task by hand',
    description:
      'Supervisors of the task’s state: a PENDING_ASSIGNMENT task is assigned; an ASSIGNED or IN_PROGRESS one ' +
      'is reassigned (a `reason` is required). The inspector must be active, cover the area and have no ' +
      'conflict with the employer (409 AUDIT_TASK.INSPECTOR_NOT_ELIGIBLE with `failedRules`); capacity and ' +
      'rotation may be overridden. Publishes frontera.audit.task.assigned.',
  })
  @ApiOkResponse({ type: TaskResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404, 409, 422, 503)
  async assign(
    @Param() { id }: IdParams,
    @Body() body: AssignTaskRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskResponse> {
    return toTaskResponse(
      await this.assignTask.execute(
        id,
        { inspectorId: body.inspectorId, ...(body.reason !== undefined ? { reason: body.reason } : {}) },
        requestMetadata(principal),
      ),
    );
  }
}

@ApiTags('audit outcomes')
@Controller('employers/:employerId/audit-outcomes')
export class AuditOutcomesController {
  constructor(private readonly outcomes: ListEmployerOutcomesHandler) {}

  @Get()
  @RolesFor('VIEW_OUTCOMES')
  @ApiOperation({
    summary: 'The outcomes of an employer’s completed audits',
    description:
      'Its own staff; officers and supervisors of one of its worksites’ states. Completed audits only: outcome, ' +
      'finding codes with the number of workers affected, the corrective-action deadline and the day completed. ' +
      'Never a schedule, a due date, a planned visit, a kind or an inspector.',
  })
  @ApiOkResponse({ type: AuditOutcomeListResponse })
  @ApiProblems(AUDITS_PROBLEMS, 403, 404)
  async list(
    @Param() { employerId }: EmployerParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditOutcomeListResponse> {
    const views = await this.outcomes.execute(employerId, callerOf(principal));
    return { items: views.map(toOutcomeResponse) };
  }
}
