import { CommandRunner, type AggregateLock, type Clock } from '@frontera/shared-application';
import { commandErrorsFor, defineErrors, worksInState } from '@frontera/shared-kernel';
import {
  AuditErrors,
  type AuditPlan,
  type AuditPlanDomainEvent,
  type AuditTask,
  type AuditTaskDomainEvent,
  type Complaint,
  type ComplaintDomainEvent,
  type Inspector,
  type InspectorDomainEvent,
  type Referral,
  type ReferralDomainEvent,
} from '@frontera/audits-domain';
import {
  mayAttempt,
  mayOperateOnInspector,
  mayOperateOnTask,
  type AuditsOperation,
} from '../authorization/audits-access.policy';
import {
  complaintIntegrationEvents,
  inspectorIntegrationEvents,
  planIntegrationEvents,
  referralIntegrationEvents,
  taskIntegrationEvents,
  type AuditsIntegrationEvent,
} from '../events/integration-events';
import type {
  AuditPlanRepository,
  AuditTaskRepository,
  ComplaintRepository,
  InspectorRepository,
  ReferralRepository,
} from '../ports/repositories.port';

/**
 * The errors every command of this context raises (kernel `commandErrorsFor`): AUDIT.ACCESS_DENIED
 * (403, the role may never), AUDIT.CONCURRENT_MODIFICATION (409, retriable), AUDIT.BUSY (503,
 * retriable: the aggregate's lock stayed taken). Codes are public API: add, never rename.
 */
export const AuditsCommandErrors = commandErrorsFor('AUDIT');

/** The application's own refusals (not domain rules: facts about what is stored). */
export const AuditsApplicationErrors = defineErrors('AUDIT', {
  INSPECTOR_ALREADY_REGISTERED: {
    code: 'INSPECTOR.ALREADY_REGISTERED',
    status: 409,
    retriable: false,
    title: { es: 'Inspector ya registrado', en: 'Inspector already registered' },
    detail: {
      es: 'Ya existe un inspector con el identificador {inspectorId}; nada cambió.',
      en: 'An inspector with id {inspectorId} already exists; nothing changed.',
    },
  },
  TASK_INSPECTOR_UNKNOWN: {
    code: 'AUDIT_TASK.INSPECTOR_UNKNOWN',
    status: 422,
    retriable: false,
    title: { es: 'Inspector desconocido', en: 'Unknown inspector' },
    detail: {
      es: 'No existe el inspector {inspectorId} en sus estados; nada cambió.',
      en: 'There is no inspector {inspectorId} in your states; nothing changed.',
    },
  },
});

/** Lock keys, one per aggregate. */
export const lockKeys = {
  plan: (employerId: string) => `audit-plan:${employerId}`,
  task: (taskId: string) => `audit-task:${taskId}`,
  inspector: (inspectorId: string) => `inspector:${inspectorId}`,
  complaint: (complaintId: string) => `complaint:${complaintId}`,
  referral: (referralId: string) => `referral:${referralId}`,
  /** The employer read model (held around the plan fact that follows it). */
  employer: (employerId: string) => `audit-employer:${employerId}`,
} as const;

/** The ports every command of this context needs. */
export interface AuditsCommandDeps {
  readonly plans: AuditPlanRepository;
  readonly tasks: AuditTaskRepository;
  readonly inspectors: InspectorRepository;
  readonly complaints: ComplaintRepository;
  readonly referrals: ReferralRepository;
  readonly lock: AggregateLock;
  readonly clock: Clock;
}

/** Tasks: scope = the task's state, its inspector, its employer (completed outcomes only). */
export function taskRunner(
  deps: AuditsCommandDeps,
): CommandRunner<AuditTask, string, AuditsOperation, AuditTaskDomainEvent, AuditsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.tasks, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.task,
      errors: AuditsCommandErrors,
      notFound: (taskId) => AuditErrors.TASK_NOT_FOUND.create({ taskId }),
      access: {
        mayAttempt,
        mayOperateOn: (caller, operation, task) =>
          mayOperateOnTask(caller, operation, {
            employerId: task.employerId,
            state: task.state,
            inspectorId: task.inspectorId,
            completed: task.status === 'COMPLETED',
          }),
      },
      toIntegrationEvents: taskIntegrationEvents,
    },
  );
}

/** Inspectors: scope = the states of the inspector's areas (or the inspector itself). */
export function inspectorRunner(
  deps: AuditsCommandDeps,
): CommandRunner<Inspector, string, AuditsOperation, InspectorDomainEvent, AuditsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.inspectors, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.inspector,
      errors: AuditsCommandErrors,
      notFound: (inspectorId) => AuditErrors.INSPECTOR_NOT_FOUND.create({ inspectorId }),
      access: {
        mayAttempt,
        mayOperateOn: (caller, operation, inspector) =>
          mayOperateOnInspector(caller, operation, {
            inspectorId: inspector.id,
            states: inspector.states,
          }),
      },
      toIntegrationEvents: inspectorIntegrationEvents,
    },
  );
}

/** Plans change only by facts (events, the sweep): `apply` and `locked`, never a person's `change`. */
export function planRunner(
  deps: AuditsCommandDeps,
): CommandRunner<AuditPlan, string, AuditsOperation, AuditPlanDomainEvent, AuditsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.plans, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.plan,
      errors: AuditsCommandErrors,
      notFound: (employerId) => AuditErrors.PLAN_NOT_FOUND.create({ employerId }),
      access: { mayAttempt, mayOperateOn: () => ({ allowed: false, reason: 'ROLE_NOT_ALLOWED' }) },
      toIntegrationEvents: planIntegrationEvents,
    },
  );
}

/** Complaints: scope = the complaint's state (supervisors); the complainant's acts are checked by secret. */
export function complaintRunner(
  deps: AuditsCommandDeps,
): CommandRunner<Complaint, string, AuditsOperation, ComplaintDomainEvent, AuditsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.complaints, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.complaint,
      errors: AuditsCommandErrors,
      notFound: () => AuditErrors.COMPLAINT_NOT_FOUND.create({}),
      access: {
        mayAttempt,
        mayOperateOn: (caller, _operation, complaint) => worksInState(caller, complaint.state),
      },
      toIntegrationEvents: complaintIntegrationEvents,
    },
  );
}

/** Referrals: scope = the referral's state (supervisors record what the agencies answer). */
export function referralRunner(
  deps: AuditsCommandDeps,
): CommandRunner<Referral, string, AuditsOperation, ReferralDomainEvent, AuditsIntegrationEvent> {
  return new CommandRunner(
    { repository: deps.referrals, lock: deps.lock, clock: deps.clock },
    {
      lockKey: lockKeys.referral,
      errors: AuditsCommandErrors,
      notFound: (referralId) => AuditErrors.REFERRAL_NOT_FOUND.create({ referralId }),
      access: {
        mayAttempt,
        mayOperateOn: (caller, _operation, referral) => worksInState(caller, referral.state),
      },
      toIntegrationEvents: referralIntegrationEvents,
    },
  );
}
