import {
  AuditErrors,
  checkManualAssignment,
  employerViewOf,
  OPEN_TASK_STATUSES,
  type AuditTask,
  type AuditTaskStatus,
  type EmployerAuditView,
  type OutcomeDecision,
  type RecordFinding,
} from '@frontera/audits-domain';
import type { CommandMetadata } from '@frontera/shared-application';
import type { Caller } from '@frontera/shared-kernel';
import {
  mayAttempt,
  mayOperateOnEmployer,
  mayOperateOnTask,
  taskListScopeFor,
} from '../../authorization/audits-access.policy';
import {
  AuditsApplicationErrors,
  AuditsCommandErrors,
  taskRunner,
  type AuditsCommandDeps,
} from '../../shared/audits-command.runners';
import { candidatesFor, previousInspectorOf } from '../../shared/assignment';
import type { AuditsDeps } from '../../shared/audits-deps';
import { expectedRoster } from '../../shared/due-tasks';

export const MAX_TASKS_LISTED = 200;

function scopeOf(task: AuditTask) {
  return {
    employerId: task.employerId,
    state: task.state,
    inspectorId: task.inspectorId,
    completed: task.status === 'COMPLETED',
  };
}

/**
 * One task: its assigned inspector, supervisors of its state. (Employer staff read outcomes through
 * ListEmployerOutcomesHandler, never a task.)
 */
export class GetTaskHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(taskId: string, caller: Caller): Promise<AuditTask> {
    const role = mayAttempt(caller, 'VIEW_TASK');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const task = await this.deps.tasks.findById(taskId);
    if (!task || !mayOperateOnTask(caller, 'VIEW_TASK', scopeOf(task)).allowed) {
      throw AuditErrors.TASK_NOT_FOUND.create({ taskId });
    }
    return task;
  }
}

/**
 * The caller's task list: an inspector's own tasks (optionally in one status); a supervisor's, the
 * tasks of its states in one status (default: the open ones, PENDING_ASSIGNMENT first — what needs
 * assigning). With `overdue`, the overdue list: the open tasks the sweep escalated (supervisors: of
 * their states, by the indexed `overdueListState`). Most urgent first (due soonest), at most
 * MAX_TASKS_LISTED.
 */
export class ListTasksHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(
    caller: Caller,
    filter: { readonly status?: AuditTaskStatus; readonly state?: string; readonly overdue?: boolean },
  ): Promise<AuditTask[]> {
    const role = mayAttempt(caller, 'LIST_TASKS');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const scope = taskListScopeFor(caller);
    if (scope === null) return [];
    let found: AuditTask[];
    if (filter.overdue === true) {
      // The overdue list: open tasks the sweep escalated (one equality query per state; an inspector's
      // own list is already one query, filtered here).
      if (scope.kind === 'INSPECTOR') {
        found = (await this.deps.tasks.ofInspector(scope.inspectorId, {}, MAX_TASKS_LISTED)).filter(
          (t) => t.overdueListState !== null,
        );
      } else {
        found = [];
        for (const state of scope.states.filter((s) => filter.state === undefined || s === filter.state))
          found.push(...(await this.deps.tasks.overdueOfState(state, MAX_TASKS_LISTED)));
      }
      if (filter.status !== undefined) found = found.filter((t) => t.status === filter.status);
    } else if (scope.kind === 'INSPECTOR') {
      found = await this.deps.tasks.ofInspector(
        scope.inspectorId,
        filter.status !== undefined ? { status: filter.status } : {},
        MAX_TASKS_LISTED,
      );
    } else {
      const statuses: readonly AuditTaskStatus[] =
        filter.status !== undefined ? [filter.status] : OPEN_TASK_STATUSES;
      const states = scope.states.filter((s) => filter.state === undefined || s === filter.state);
      found = [];
      for (const state of states)
        for (const status of statuses)
          found.push(...(await this.deps.tasks.ofStateInStatus(state, status, MAX_TASKS_LISTED)));
    }
    return found
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))
      .slice(0, MAX_TASKS_LISTED);
  }
}

/** The assigned inspector starts the visit: ASSIGNED → IN_PROGRESS (frontera.audit.task.started). */
export class StartAuditHandler {
  constructor(private readonly deps: AuditsDeps) {}

  /** The checklist is refreshed to the worksite's expected roster of today (the permit read model). */
  async execute(taskId: string, metadata: CommandMetadata): Promise<AuditTask> {
    const { aggregate } = await taskRunner(this.deps).change(
      taskId,
      'START_AUDIT',
      metadata,
      async (task, now) => {
        const roster = task.allowedActions.includes('START')
          ? await expectedRoster(this.deps, task.employerId, task.worksiteId)
          : undefined;
        task.start(metadata.caller, now, roster);
      },
    );
    return aggregate;
  }
}

/** The assigned inspector records a finding while IN_PROGRESS; the same finding id again changes nothing. */
export class RecordFindingHandler {
  constructor(private readonly deps: AuditsDeps) {}

  async execute(
    taskId: string,
    finding: Omit<RecordFinding, 'findingId'> & { readonly findingId?: string },
    metadata: CommandMetadata,
  ): Promise<{ task: AuditTask; findingId: string; recorded: boolean }> {
    const findingId = finding.findingId ?? this.deps.ids.newId('fnd');
    const { aggregate, result } = await taskRunner(this.deps).change(
      taskId,
      'RECORD_FINDING',
      metadata,
      (task, now) => task.recordFinding({ ...finding, findingId }, metadata.caller, now),
    );
    return { task: aggregate, findingId, recorded: result };
  }
}

/**
 * The assigned inspector completes the audit: IN_PROGRESS → COMPLETED with the outcome the rules
 * decide from the findings (frontera.audit.outcome.recorded, which the employers service rates from).
 */
export class CompleteAuditHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(
    taskId: string,
    command: { readonly correctiveActionDeadline?: string | null },
    metadata: CommandMetadata,
  ): Promise<{ task: AuditTask; decision: OutcomeDecision }> {
    const { aggregate, result } = await taskRunner(this.deps).change(
      taskId,
      'COMPLETE_AUDIT',
      metadata,
      (task, now) => task.complete(command, metadata.caller, now),
    );
    return { task: aggregate, decision: result };
  }
}

/**
 * A supervisor of the task's state gives it to an inspector: PENDING_ASSIGNMENT → ASSIGNED (ASSIGN)
 * or, for an ASSIGNED or IN_PROGRESS task, REASSIGN with a reason. The choice is checked by the
 * assignment policy (`checkManualAssignment`: capacity and rotation may be overridden, never an
 * inactive inspector, another area or a conflict of interest: 409 AUDIT_TASK.INSPECTOR_NOT_ELIGIBLE).
 */
export class AssignTaskHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(
    taskId: string,
    command: { readonly inspectorId: string; readonly reason?: string },
    metadata: CommandMetadata,
  ): Promise<AuditTask> {
    const operation = 'REASSIGN_TASK';
    const { aggregate } = await taskRunner(this.deps).change(
      taskId,
      operation,
      metadata,
      async (task, now) => {
        // After the task's scope check: another state's task reads as not found, whatever the inspector.
        const inspector = await this.deps.inspectors.findById(command.inspectorId);
        if (!inspector || !inspector.states.some((state) => metadata.caller.states.includes(state))) {
          throw AuditsApplicationErrors.TASK_INSPECTOR_UNKNOWN.create({ inspectorId: command.inspectorId });
        }
        const [previousInspectorId, candidates] = await Promise.all([
          previousInspectorOf(this.deps, task.employerId),
          candidatesFor(this.deps, task),
        ]);
        const candidate = candidates.find((c) => c.inspectorId === inspector.id) ?? {
          ...inspector.assignmentFacts(),
          openTasks: await this.deps.tasks.countOpenOf(inspector.id),
        };
        const { choice } = checkManualAssignment(
          {
            employerId: task.employerId,
            state: task.state,
            municipality: task.municipality,
            previousInspectorId,
            currentInspectorId: task.inspectorId,
          },
          candidate,
        );
        if (task.status === 'PENDING_ASSIGNMENT') task.assign(choice, metadata.caller, now);
        else task.reassign(choice, metadata.caller, command.reason ?? '', now);
      },
    );
    return aggregate;
  }
}

export const MAX_OUTCOMES_LISTED = 200;

/**
 * The outcomes of an employer's completed audits (employerViewOf: outcome, finding codes with counts,
 * corrective-action deadline, day completed — never a schedule, a due date, a kind or an inspector):
 * for its own staff, and officers and supervisors of one of its worksites' states. An employer the
 * caller may not see reads as having no outcomes (404 AUDIT_PLAN.NOT_FOUND for staff of another).
 */
export class ListEmployerOutcomesHandler {
  constructor(private readonly deps: AuditsDeps) {}

  async execute(employerId: string, caller: Caller): Promise<EmployerAuditView[]> {
    const role = mayAttempt(caller, 'VIEW_OUTCOMES');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const stored = await this.deps.profiles.find(employerId);
    const states = stored?.profile.worksites.map((w) => w.state) ?? [];
    if (!mayOperateOnEmployer(caller, 'VIEW_OUTCOMES', { employerId, states }).allowed) {
      throw AuditErrors.PLAN_NOT_FOUND.create({ employerId });
    }
    const completed = await this.deps.tasks.completedOfEmployer(employerId, MAX_OUTCOMES_LISTED);
    return completed
      .map((task) => employerViewOf(task))
      .filter((view): view is EmployerAuditView => view !== null)
      .sort((a, b) => b.completedOn.localeCompare(a.completedOn) || a.taskId.localeCompare(b.taskId));
  }
}
