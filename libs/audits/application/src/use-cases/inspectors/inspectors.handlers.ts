import { Inspector, type InspectorAreaInput, type InspectorStatus } from '@frontera/audits-domain';
import {
  defineReasonTransitions,
  ReasonTransitionHandler,
  type CommandMetadata,
  type ReasonTransitionCommand,
} from '@frontera/shared-application';
import { AuditErrors } from '@frontera/audits-domain';
import { isMexicanState, type Caller } from '@frontera/shared-kernel';
import {
  mayAttempt,
  mayOperateOnInspector,
  mayRegisterFor,
  type AuditsOperation,
} from '../../authorization/audits-access.policy';
import { inspectorIntegrationEvents, type AuditsIntegrationEvent } from '../../events/integration-events';
import type { InspectorDomainEvent } from '@frontera/audits-domain';
import {
  AuditsApplicationErrors,
  AuditsCommandErrors,
  inspectorRunner,
  type AuditsCommandDeps,
} from '../../shared/audits-command.runners';
import { releaseTasksOf } from '../../shared/assignment';

export interface RegisterInspectorCommand {
  readonly inspectorId: string;
  readonly areas: readonly InspectorAreaInput[];
  readonly capacity: number;
  /** Employers the inspector declared a conflict of interest with. */
  readonly conflicts?: readonly string[];
  readonly metadata: CommandMetadata;
}

/**
 * A supervisor registers an inspector (id = the inspector's `Caller.inspectorId`) for areas within
 * the supervisor's own states, with its capacity and declared conflicts. A second registration of
 * the same id is 409 INSPECTOR.ALREADY_REGISTERED and changes nothing.
 */
export class RegisterInspectorHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(command: RegisterInspectorCommand): Promise<Inspector> {
    const { caller } = command.metadata;
    const role = mayAttempt(caller, 'REGISTER_INSPECTOR');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const now = this.deps.clock.now();
    const inspector = Inspector.register(
      { inspectorId: command.inspectorId, areas: command.areas, capacity: command.capacity },
      caller,
      now,
    );
    for (const employerId of command.conflicts ?? []) inspector.declareConflict(employerId, caller, now);
    const scope = mayRegisterFor(caller, inspector.states);
    if (!scope.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: scope.reason });
    const events = inspectorIntegrationEvents(inspector.pullEvents(), command.metadata);
    const outcome = await inspectorRunner(this.deps).locked(inspector.id, () =>
      this.deps.inspectors.insert(inspector, events),
    );
    if (outcome === 'DUPLICATE') {
      throw AuditsApplicationErrors.INSPECTOR_ALREADY_REGISTERED.create({ inspectorId: inspector.id });
    }
    return inspector;
  }
}

/** An inspector, for a supervisor sharing one of its states or the inspector itself. */
export class GetInspectorHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(inspectorId: string, caller: Caller): Promise<Inspector> {
    const role = mayAttempt(caller, 'VIEW_INSPECTOR');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const inspector = await this.deps.inspectors.findById(inspectorId);
    if (
      !inspector ||
      !mayOperateOnInspector(caller, 'VIEW_INSPECTOR', { inspectorId, states: inspector.states }).allowed
    ) {
      throw AuditErrors.INSPECTOR_NOT_FOUND.create({ inspectorId });
    }
    return inspector;
  }
}

export const MAX_INSPECTORS_LISTED = 500;

/** The inspectors of the supervisor's states (or of one of them), by id. */
export class ListInspectorsHandler {
  constructor(private readonly deps: AuditsCommandDeps) {}

  async execute(
    caller: Caller,
    filter: { readonly state?: string; readonly status?: InspectorStatus },
  ): Promise<Inspector[]> {
    const role = mayAttempt(caller, 'LIST_INSPECTORS');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const states = caller.states
      .filter(isMexicanState)
      .filter((state) => filter.state === undefined || state === filter.state);
    const byId = new Map<string, Inspector>();
    for (const state of states) {
      const found = await this.deps.inspectors.inState(
        state,
        filter.status !== undefined ? { status: filter.status } : {},
        MAX_INSPECTORS_LISTED,
      );
      for (const inspector of found) byId.set(inspector.id, inspector);
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)).slice(0, MAX_INSPECTORS_LISTED);
  }
}

/** The reason-only decisions on an inspector (the rows of INSPECTOR_DECISIONS). */
export type InspectorDecision = Extract<AuditsOperation, 'DEACTIVATE_INSPECTOR' | 'ACTIVATE_INSPECTOR'>;

/**
 * Reason-only changes of an inspector: `POST /inspectors/:id/<resource>` with `{ reason }`, by a
 * supervisor sharing one of its states; any other request answers 409
 * INSPECTOR.TRANSITION_NOT_ALLOWED with the current state and the allowed actions.
 */
export const INSPECTOR_DECISIONS = defineReasonTransitions<Inspector, InspectorDecision>([
  {
    operation: 'DEACTIVATE_INSPECTOR',
    resource: 'deactivation',
    event: 'none (inspectors are internal to the audits service)',
    summary: 'Deactivate an inspector',
    description:
      'ACTIVE → INACTIVE: receives no new task. Its ASSIGNED tasks (not started) go back to automatic ' +
      'assignment — another qualifying inspector, or PENDING_ASSIGNMENT on the supervisors’ list; a visit in ' +
      'progress stays with it until a supervisor reassigns it. Deactivating an INACTIVE inspector again ' +
      'answers 409 and finishes any release a failure left.',
    apply: (inspector, caller, reason, now) => inspector.deactivate(caller, reason, now),
  },
  {
    operation: 'ACTIVATE_INSPECTOR',
    resource: 'activation',
    event: 'none (inspectors are internal to the audits service)',
    summary: 'Activate an inspector again',
    description: 'INACTIVE → ACTIVE: automatic assignment considers it again.',
    apply: (inspector, caller, reason, now) => inspector.activate(caller, reason, now),
  },
]);

/** Runs any row of INSPECTOR_DECISIONS. */
export class InspectorDecisionsHandler extends ReasonTransitionHandler<
  Inspector,
  string,
  AuditsOperation,
  InspectorDomainEvent,
  AuditsIntegrationEvent,
  Inspector
> {
  constructor(private readonly deps: AuditsCommandDeps) {
    super(inspectorRunner(deps), INSPECTOR_DECISIONS, (inspector) => inspector);
  }

  /**
   * A deactivation also releases the inspector's ASSIGNED tasks (`releaseTasksOf`), after the
   * inspector is INACTIVE (so none of them goes back to it). The same request again is 409, but first
   * finishes what a failure between the two left (idempotent per task and deactivation).
   */
  override async execute(command: ReasonTransitionCommand<string, InspectorDecision>): Promise<Inspector> {
    if (command.operation !== 'DEACTIVATE_INSPECTOR') return super.execute(command);
    try {
      const inspector = await super.execute(command);
      await releaseTasksOf(this.deps, inspector, command.metadata.correlationId);
      return inspector;
    } catch (error) {
      if (AuditErrors.INSPECTOR_TRANSITION_NOT_ALLOWED.is(error)) {
        const inspector = await this.deps.inspectors.findById(command.key);
        if (
          inspector?.status === 'INACTIVE' &&
          mayOperateOnInspector(command.metadata.caller, 'DEACTIVATE_INSPECTOR', {
            inspectorId: inspector.id,
            states: inspector.states,
          }).allowed
        ) {
          await releaseTasksOf(this.deps, inspector, command.metadata.correlationId);
        }
      }
      throw error;
    }
  }
}
