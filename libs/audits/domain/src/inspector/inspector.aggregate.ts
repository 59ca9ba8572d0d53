import { AppError, ROLES, type CallerIdentity, type MexicanState } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import { historyEntry, type HistoryEntry } from '../shared/history';
import { recordedCaller } from '../shared/recorded-caller';
import { assertId, iso, requireInstant, requireInteger, requireReason } from '../shared/validation';
import {
  areasCover,
  inspectorAreas,
  type InspectorArea,
  type InspectorAreaInput,
} from './inspector-area.value-object';
import type { InspectorDomainEvent } from './inspector.events';
import {
  allowedInspectorActions,
  INSPECTOR_STATUSES,
  nextInspectorStatus,
  type InspectorAction,
  type InspectorStatus,
} from './inspector-lifecycle';

/** An inspector's capacity (open tasks) is between 1 and this. */
export const MAX_INSPECTOR_CAPACITY = 200;
/** Declared conflicts of interest per inspector. */
export const MAX_CONFLICTS = 500;

export const INSPECTOR_SNAPSHOT_SCHEMA_VERSION = 1;

const INVALID = AuditErrors.INSPECTOR_INVALID_DATA;

export interface RegisterInspector {
  /** The inspector record's id: what `Caller.inspectorId` carries in the inspector's token. */
  readonly inspectorId: string;
  readonly areas: readonly InspectorAreaInput[];
  /** Open tasks the inspector can hold, 1–200. */
  readonly capacity: number;
}

export interface DeclaredConflict {
  readonly employerId: string;
  readonly declaredAt: string;
}

/** What the assignment policy reads of an inspector (plus its load, which the service counts). */
export interface InspectorAssignmentFacts {
  readonly inspectorId: string;
  readonly active: boolean;
  readonly areas: readonly InspectorArea[];
  readonly capacity: number;
  /** Employer ids. */
  readonly conflicts: readonly string[];
}

/**
 * An inspector as stored. No personal data: the person's name and contact live with the identity
 * provider; here only the record id, areas, capacity, status and conflicts (employer ids).
 * Top-level for the repository: `status`, `states` (the covered states, for equality queries by state).
 */
export interface InspectorSnapshot {
  readonly schemaVersion: typeof INSPECTOR_SNAPSHOT_SCHEMA_VERSION;
  readonly id: string;
  readonly version: number;
  readonly status: InspectorStatus;
  readonly areas: readonly InspectorArea[];
  readonly states: readonly MexicanState[];
  readonly capacity: number;
  readonly conflicts: readonly DeclaredConflict[];
  readonly registeredAt: string;
  readonly registeredBy: CallerIdentity;
}

interface InspectorState {
  id: string;
  version: number;
  status: InspectorStatus;
  areas: InspectorArea[];
  capacity: number;
  conflicts: DeclaredConflict[];
  registeredAt: string;
  registeredBy: CallerIdentity;
  recordedHistory: HistoryEntry[];
}

const capacityOf = (value: unknown) => requireInteger(value, 'capacity', 1, MAX_INSPECTOR_CAPACITY, INVALID);
const describeAreas = (areas: readonly InspectorArea[]) =>
  areas
    .map((a) => (a.municipalities === null ? a.state : `${a.state}(${a.municipalities.length})`))
    .join(',');

/**
 * An inspector, as supervisors manage it: the areas covered (states, and municipalities where limited to
 * some), the capacity (open tasks), active or not, and declared conflicts of interest (employers they may
 * not inspect). Its lifecycle is the one table in inspector-lifecycle.ts; its load (open tasks) is the
 * service's count, not part of the aggregate, so assigning a task never writes the inspector.
 */
export class Inspector {
  private events: InspectorDomainEvent[] = [];

  private constructor(
    private readonly s: InspectorState,
    readonly persistedVersion: number,
  ) {}

  static register(command: RegisterInspector, caller: CallerIdentity, now: Date): Inspector {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const inspector = new Inspector(
      {
        id: assertId(command?.inspectorId, 'inspectorId'),
        version: 0,
        status: 'ACTIVE',
        areas: inspectorAreas(command.areas),
        capacity: capacityOf(command.capacity),
        conflicts: [],
        registeredAt: iso(now),
        registeredBy: actor,
        recordedHistory: [],
      },
      0,
    );
    inspector.record(now, actor, 'REGISTER', null, 'status', null, 'ACTIVE');
    inspector.raise({
      type: 'InspectorRegistered',
      ...inspector.base(now, actor),
      states: inspector.states,
      capacity: inspector.s.capacity,
    });
    inspector.commit();
    return inspector;
  }

  /** Replaces the areas covered; false when they are the same. */
  updateAreas(areas: readonly InspectorAreaInput[], caller: CallerIdentity, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('UPDATE_AREAS');
    const next = inspectorAreas(areas);
    if (JSON.stringify(next) === JSON.stringify(this.s.areas)) return false;
    this.record(now, actor, 'UPDATE_AREAS', null, 'areas', describeAreas(this.s.areas), describeAreas(next));
    this.s.areas = next;
    this.raise({ type: 'InspectorAreasChanged', ...this.base(now, actor), states: this.states });
    this.commit();
    return true;
  }

  /** Sets the capacity (open tasks it may hold); false when unchanged. Lowering it reassigns nothing. */
  setCapacity(capacity: number, caller: CallerIdentity, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('SET_CAPACITY');
    const next = capacityOf(capacity);
    if (next === this.s.capacity) return false;
    this.record(now, actor, 'SET_CAPACITY', null, 'capacity', String(this.s.capacity), String(next));
    this.s.capacity = next;
    this.raise({ type: 'InspectorCapacityChanged', ...this.base(now, actor), capacity: next });
    this.commit();
    return true;
  }

  /** A declared conflict of interest with an employer: never assigned its audits. False when already declared. */
  declareConflict(employerId: string, caller: CallerIdentity, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('DECLARE_CONFLICT');
    const id = assertId(employerId, 'employerId');
    if (this.s.conflicts.some((c) => c.employerId === id)) return false;
    if (this.s.conflicts.length >= MAX_CONFLICTS) {
      throw INVALID.create({ field: 'conflicts', constraint: 'OUT_OF_RANGE', min: 0, max: MAX_CONFLICTS });
    }
    this.record(now, actor, 'DECLARE_CONFLICT', null, 'conflicts', null, id);
    this.s.conflicts = [...this.s.conflicts, { employerId: id, declaredAt: iso(now) }].sort((a, b) =>
      a.employerId.localeCompare(b.employerId),
    );
    this.raise({ type: 'InspectorConflictDeclared', ...this.base(now, actor), employerId: id });
    this.commit();
    return true;
  }

  /** Withdraws a declared conflict, with a reason; false when none was declared. */
  withdrawConflict(employerId: string, caller: CallerIdentity, reason: string, now: Date): boolean {
    requireInstant(now);
    const actor = recordedCaller(caller);
    this.transition('WITHDRAW_CONFLICT');
    const id = assertId(employerId, 'employerId');
    const why = requireReason(reason);
    if (!this.s.conflicts.some((c) => c.employerId === id)) return false;
    this.record(now, actor, 'WITHDRAW_CONFLICT', why, 'conflicts', id, null);
    this.s.conflicts = this.s.conflicts.filter((c) => c.employerId !== id);
    this.raise({ type: 'InspectorConflictWithdrawn', ...this.base(now, actor), employerId: id, reason: why });
    this.commit();
    return true;
  }

  /** Reason-only: receives no new task; its open tasks are for the application to reassign or release. */
  deactivate(caller: CallerIdentity, reason: string, now: Date): void {
    this.decide('DEACTIVATE', caller, reason, now, 'InspectorDeactivated');
  }

  /** Reason-only. */
  activate(caller: CallerIdentity, reason: string, now: Date): void {
    this.decide('ACTIVATE', caller, reason, now, 'InspectorActivated');
  }

  // ---------------------------------------------------------------- queries

  covers(state: string, municipality: string): boolean {
    return areasCover(this.s.areas, state, municipality);
  }

  hasConflictWith(employerId: string): boolean {
    return this.s.conflicts.some((c) => c.employerId === employerId);
  }

  assignmentFacts(): InspectorAssignmentFacts {
    return {
      inspectorId: this.s.id,
      active: this.s.status === 'ACTIVE',
      areas: this.s.areas.map((a) => ({ ...a })),
      capacity: this.s.capacity,
      conflicts: this.s.conflicts.map((c) => c.employerId),
    };
  }

  get id(): string {
    return this.s.id;
  }
  get version(): number {
    return this.s.version;
  }
  get status(): InspectorStatus {
    return this.s.status;
  }
  get areas(): readonly InspectorArea[] {
    return this.s.areas.map((a) => ({ ...a }));
  }
  get states(): MexicanState[] {
    return this.s.areas.map((a) => a.state);
  }
  get capacity(): number {
    return this.s.capacity;
  }
  get conflicts(): readonly DeclaredConflict[] {
    return this.s.conflicts.map((c) => ({ ...c }));
  }
  get allowedActions(): InspectorAction[] {
    return allowedInspectorActions(this.s.status);
  }
  get recordedHistory(): readonly HistoryEntry[] {
    return [...this.s.recordedHistory];
  }

  pullEvents(): InspectorDomainEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toSnapshot(): InspectorSnapshot {
    const s = this.s;
    return {
      schemaVersion: INSPECTOR_SNAPSHOT_SCHEMA_VERSION,
      id: s.id,
      version: s.version,
      status: s.status,
      areas: s.areas.map((a) => ({
        state: a.state,
        municipalities: a.municipalities && [...a.municipalities],
      })),
      states: this.states,
      capacity: s.capacity,
      conflicts: s.conflicts.map((c) => ({ ...c })),
      registeredAt: s.registeredAt,
      registeredBy: { ...s.registeredBy },
    };
  }

  static fromSnapshot(snapshot: InspectorSnapshot): Inspector {
    const invalid = (problem: string) => AuditErrors.INSPECTOR_SNAPSHOT_INVALID.create({ problem });
    if (!snapshot || typeof snapshot !== 'object') throw invalid('not an object');
    if (snapshot.schemaVersion !== INSPECTOR_SNAPSHOT_SCHEMA_VERSION) {
      throw invalid(`unsupported schemaVersion ${String(snapshot.schemaVersion)}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1)
      throw invalid('version must be an integer ≥ 1');
    if (!INSPECTOR_STATUSES.includes(snapshot.status))
      throw invalid(`unknown status ${String(snapshot.status)}`);
    const by = snapshot.registeredBy;
    if (!by || typeof by.id !== 'string' || !ROLES.includes(by.role))
      throw invalid('registeredBy is not a caller');
    try {
      return new Inspector(
        {
          id: assertId(snapshot.id, 'id'),
          version: snapshot.version,
          status: snapshot.status,
          areas: inspectorAreas(snapshot.areas),
          capacity: capacityOf(snapshot.capacity),
          conflicts: (snapshot.conflicts ?? []).map((c, i) => ({
            employerId: assertId(c.employerId, `conflicts[${i}].employerId`),
            declaredAt: c.declaredAt,
          })),
          registeredAt: snapshot.registeredAt,
          registeredBy: { id: by.id, role: by.role },
          recordedHistory: [],
        },
        snapshot.version,
      );
    } catch (error) {
      if (error instanceof AppError) throw invalid(`${error.code} (${String(error.params['field'] ?? '')})`);
      throw invalid(error instanceof Error ? error.message : String(error));
    }
  }

  // ---------------------------------------------------------------- internals

  private decide(
    action: 'DEACTIVATE' | 'ACTIVATE',
    caller: CallerIdentity,
    reason: string,
    now: Date,
    type: 'InspectorDeactivated' | 'InspectorActivated',
  ): void {
    requireInstant(now);
    const actor = recordedCaller(caller);
    const next = this.transition(action);
    const why = requireReason(reason);
    this.record(now, actor, action, why, 'status', this.s.status, next);
    this.s.status = next;
    this.raise({ type, ...this.base(now, actor), reason: why });
    this.commit();
  }

  private transition(action: InspectorAction): InspectorStatus {
    return nextInspectorStatus(action, this.s.status);
  }

  private base(now: Date, actor: CallerIdentity) {
    return { inspectorId: this.s.id, occurredAt: iso(now), actorId: actor.id };
  }

  private record(
    now: Date,
    actor: CallerIdentity,
    action: InspectorAction | 'REGISTER',
    reason: string | null,
    field: string,
    from: string | null,
    to: string | null,
  ): void {
    this.s.recordedHistory.push(
      historyEntry({ version: this.s.version + 1, now, actor, action, reason }, field, from, to),
    );
  }

  private raise(event: InspectorDomainEvent): void {
    this.events.push(event);
  }

  private commit(): void {
    this.s.version += 1;
  }
}
