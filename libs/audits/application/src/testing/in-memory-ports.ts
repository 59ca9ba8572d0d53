import {
  AuditPlan,
  AuditTask,
  Complaint,
  DEFAULT_AUDIT_PROGRAM,
  Inspector,
  Referral,
  type AuditPlanSnapshot,
  type AuditTaskSnapshot,
  type ComplaintSnapshot,
  type InspectorSnapshot,
  type ReferralSnapshot,
} from '@frontera/audits-domain';
import type { SaveOptions, SaveOutcome } from '@frontera/shared-application';
import { FixedClock, InMemoryAggregateLock, SequentialIds } from '@frontera/shared-application/testing';
import {
  DEFAULT_RETALIATION_POLICY,
  DEFAULT_RISK_MODEL,
  OPEN_COMPLAINT_STATUSES,
  type RosterEntry,
} from '@frontera/audits-domain';
import type { AuditsIntegrationEvent } from '../events/integration-events';
import type {
  AuditPlanRepository,
  AuditTaskRepository,
  ComplaintRepository,
  EmployerProfile,
  EmployerPermitFacts,
  EmployerProfileRepository,
  HeldPermitFact,
  InspectorRepository,
  PermitFactsRepository,
  ReceivedComplaint,
  StoredEmployerPermitFacts,
  ReferralRepository,
  StoredEmployerProfile,
} from '../ports/repositories.port';
import type { SweepPlansDeps } from '../use-cases/sweep-plans/sweep-plans.handler';

interface Row<S> {
  snapshot: S;
  version: number;
  appliedEvents: string[];
}

interface Stored<S> {
  readonly id: string;
  readonly version: number;
  readonly persistedVersion: number;
  toSnapshot(): S;
}

/**
 * The repositories' write shape in memory: snapshots (every read rebuilds the aggregate), inserts
 * refused for an id that exists, saves conditioned on the loaded version storing the events and
 * the applied event id with the state. For the handler specs (never production code).
 */
class Store<A extends Stored<S>, S extends { readonly version: number }> {
  readonly rows = new Map<string, Row<S>>();
  readonly published: AuditsIntegrationEvent[] = [];

  constructor(private readonly rebuild: (snapshot: S) => A) {}

  findById(id: string): Promise<A | null> {
    const row = this.rows.get(id);
    return Promise.resolve(row ? this.rebuild({ ...row.snapshot, version: row.version }) : null);
  }

  all(): A[] {
    return [...this.rows.values()].map((row) => this.rebuild({ ...row.snapshot, version: row.version }));
  }

  hasAppliedEvent(aggregate: A, eventId: string): Promise<boolean> {
    return Promise.resolve(this.rows.get(aggregate.id)?.appliedEvents.includes(eventId) ?? false);
  }

  protected add(aggregate: A, events: readonly AuditsIntegrationEvent[]): Promise<'INSERTED' | 'DUPLICATE'> {
    if (this.rows.has(aggregate.id)) return Promise.resolve('DUPLICATE');
    this.rows.set(aggregate.id, {
      snapshot: aggregate.toSnapshot(),
      version: aggregate.version,
      appliedEvents: [],
    });
    this.published.push(...events);
    return Promise.resolve('INSERTED');
  }

  save(
    aggregate: A,
    events: readonly AuditsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    const row = this.rows.get(aggregate.id);
    if (!row || row.version !== aggregate.persistedVersion) return Promise.resolve('VERSION_CONFLICT');
    this.rows.set(aggregate.id, {
      snapshot: aggregate.toSnapshot(),
      version: aggregate.version,
      appliedEvents: options.appliedEventId
        ? [...row.appliedEvents, options.appliedEventId]
        : row.appliedEvents,
    });
    this.published.push(...events);
    return Promise.resolve('SAVED');
  }
}

export class InMemoryPlans extends Store<AuditPlan, AuditPlanSnapshot> implements AuditPlanRepository {
  constructor() {
    super((s) => AuditPlan.fromSnapshot(s, DEFAULT_AUDIT_PROGRAM));
  }

  insert(aggregate: AuditPlan, events: readonly AuditsIntegrationEvent[]): Promise<'INSERTED' | 'DUPLICATE'> {
    return this.add(aggregate, events);
  }

  idsDueOn(day: string, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .filter((p) => p.taskOn === day)
        .slice(0, limit)
        .map((p) => p.id),
    );
  }
}

export class InMemoryTasks extends Store<AuditTask, AuditTaskSnapshot> implements AuditTaskRepository {
  constructor() {
    super((s) => AuditTask.fromSnapshot(s, DEFAULT_AUDIT_PROGRAM));
  }

  insert(aggregate: AuditTask, events: readonly AuditsIntegrationEvent[]): Promise<'INSERTED' | 'DUPLICATE'> {
    return this.add(aggregate, events);
  }

  ofInspector(inspectorId: string, filter: { status?: string }, limit: number): Promise<AuditTask[]> {
    return Promise.resolve(
      this.all()
        .filter(
          (t) => t.inspectorId === inspectorId && (filter.status === undefined || t.status === filter.status),
        )
        .slice(0, limit),
    );
  }

  ofStateInStatus(state: string, status: string, limit: number): Promise<AuditTask[]> {
    return Promise.resolve(
      this.all()
        .filter((t) => t.state === state && t.status === status)
        .slice(0, limit),
    );
  }

  openIdsOfEmployer(employerId: string): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .filter(
          (t) =>
            t.employerId === employerId &&
            ['PENDING_ASSIGNMENT', 'ASSIGNED', 'IN_PROGRESS'].includes(t.status),
        )
        .map((t) => t.id),
    );
  }

  completedOfEmployer(employerId: string, limit: number): Promise<AuditTask[]> {
    return this.ofEmployerInStatus(employerId, 'COMPLETED', limit);
  }

  ofEmployerInStatus(employerId: string, status: string, limit: number): Promise<AuditTask[]> {
    return Promise.resolve(
      this.all()
        .filter((t) => t.employerId === employerId && t.status === status)
        .slice(0, limit),
    );
  }

  overdueOfState(state: string, limit: number): Promise<AuditTask[]> {
    return Promise.resolve(
      this.all()
        .filter((t) => t.overdueListState === state)
        .slice(0, limit),
    );
  }

  idsOverdueOn(day: string, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .filter((t) => t.overdueOn === day)
        .slice(0, limit)
        .map((t) => t.id),
    );
  }

  countOpenOf(inspectorId: string): Promise<number> {
    return Promise.resolve(
      this.all().filter(
        (t) => t.inspectorId === inspectorId && ['ASSIGNED', 'IN_PROGRESS'].includes(t.status),
      ).length,
    );
  }
}

export class InMemoryInspectors extends Store<Inspector, InspectorSnapshot> implements InspectorRepository {
  constructor() {
    super((s) => Inspector.fromSnapshot(s));
  }

  insert(aggregate: Inspector, events: readonly AuditsIntegrationEvent[]): Promise<'INSERTED' | 'DUPLICATE'> {
    return this.add(aggregate, events);
  }

  inState(state: string, filter: { status?: string }, limit: number): Promise<Inspector[]> {
    return Promise.resolve(
      this.all()
        .filter(
          (i) =>
            i.states.includes(state as never) && (filter.status === undefined || i.status === filter.status),
        )
        .slice(0, limit),
    );
  }
}

export class InMemoryComplaints extends Store<Complaint, ComplaintSnapshot> implements ComplaintRepository {
  constructor() {
    super((s) => Complaint.fromSnapshot(s, DEFAULT_AUDIT_PROGRAM));
  }

  findByReceiptCode(compact: string): Promise<Complaint | null> {
    return Promise.resolve(this.all().find((c) => c.receiptCode.compact === compact) ?? null);
  }

  async insert(
    complaint: Complaint,
    events: readonly AuditsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_CODE'> {
    if (this.rows.has(complaint.id)) return 'DUPLICATE_ID';
    if (await this.findByReceiptCode(complaint.receiptCode.compact)) return 'DUPLICATE_CODE';
    return (await this.add(complaint, events)) === 'INSERTED' ? 'INSERTED' : 'DUPLICATE_ID';
  }

  ofStateInStatus(state: string, status: string, limit: number): Promise<Complaint[]> {
    return Promise.resolve(
      this.all()
        .filter((c) => c.state === state && c.status === status)
        .slice(0, limit),
    );
  }

  receivedAgainst(employerId: string, limit: number): Promise<ReceivedComplaint[]> {
    return Promise.resolve(
      this.all()
        .filter((c) => c.employerId === employerId)
        .slice(0, limit)
        .map((c) => ({
          complaintId: c.id,
          receivedAt: c.receivedAt,
          open: OPEN_COMPLAINT_STATUSES.includes(c.status),
          forcedLabourIndicator: c.hasForcedLabourIndicator,
        })),
    );
  }
}

export class InMemoryReferrals extends Store<Referral, ReferralSnapshot> implements ReferralRepository {
  constructor() {
    super((s) => Referral.fromSnapshot(s, DEFAULT_AUDIT_PROGRAM));
  }

  insert(aggregate: Referral, events: readonly AuditsIntegrationEvent[]): Promise<'INSERTED' | 'DUPLICATE'> {
    return this.add(aggregate, events);
  }

  ofStateInStatus(state: string, status: string, limit: number): Promise<Referral[]> {
    return Promise.resolve(
      this.all()
        .filter((r) => r.state === state && r.status === status)
        .slice(0, limit),
    );
  }

  idsEscalatingOn(day: string, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .filter((r) => r.escalatesOn === day)
        .slice(0, limit)
        .map((r) => r.id),
    );
  }
}

export class InMemoryProfiles implements EmployerProfileRepository {
  readonly rows = new Map<string, StoredEmployerProfile>();

  find(employerId: string): Promise<StoredEmployerProfile | null> {
    return Promise.resolve(this.rows.get(employerId) ?? null);
  }

  store(
    profile: EmployerProfile,
    previous: StoredEmployerProfile | null,
    eventId: string,
  ): Promise<SaveOutcome> {
    const current = this.rows.get(profile.employerId) ?? null;
    if ((current?.version ?? 0) !== (previous?.version ?? 0)) return Promise.resolve('VERSION_CONFLICT');
    this.rows.set(profile.employerId, {
      profile,
      version: (previous?.version ?? 0) + 1,
      appliedEvents: [...(previous?.appliedEvents ?? []), eventId],
    });
    return Promise.resolve('SAVED');
  }
}

export class InMemoryPermitFacts implements PermitFactsRepository {
  readonly employers = new Map<string, StoredEmployerPermitFacts>();
  readonly held = new Map<string, HeldPermitFact>();

  find(employerId: string): Promise<StoredEmployerPermitFacts | null> {
    return Promise.resolve(this.employers.get(employerId) ?? null);
  }

  store(
    facts: EmployerPermitFacts,
    previous: StoredEmployerPermitFacts | null,
    eventId: string,
  ): Promise<SaveOutcome> {
    const current = this.employers.get(facts.employerId) ?? null;
    if ((current?.version ?? 0) !== (previous?.version ?? 0)) return Promise.resolve('VERSION_CONFLICT');
    this.employers.set(facts.employerId, {
      facts,
      version: (previous?.version ?? 0) + 1,
      appliedEvents: [...(previous?.appliedEvents ?? []), eventId],
    });
    return Promise.resolve('SAVED');
  }

  heldPermit(employerId: string, permitId: string): Promise<HeldPermitFact | null> {
    const permit = this.held.get(permitId);
    return Promise.resolve(permit?.employerId === employerId ? permit : null);
  }

  hold(permit: HeldPermitFact): Promise<void> {
    this.held.set(permit.permitId, permit);
    return Promise.resolve();
  }

  release(employerId: string, permitId: string): Promise<void> {
    if (this.held.get(permitId)?.employerId === employerId) this.held.delete(permitId);
    return Promise.resolve();
  }

  rosterOf(employerId: string, worksiteId: string, limit: number): Promise<RosterEntry[]> {
    return Promise.resolve(
      [...this.held.values()]
        .filter((p) => p.employerId === employerId && p.worksiteId === worksiteId)
        .slice(0, limit)
        .map(({ permitId, permitNumber }) => ({ permitId, permitNumber })),
    );
  }
}

export interface AuditsWorld extends SweepPlansDeps {
  readonly plans: InMemoryPlans;
  readonly tasks: InMemoryTasks;
  readonly inspectors: InMemoryInspectors;
  readonly complaints: InMemoryComplaints;
  readonly referrals: InMemoryReferrals;
  readonly profiles: InMemoryProfiles;
  readonly permitFacts: InMemoryPermitFacts;
  readonly clock: FixedClock;
}

/** Every port of the audits use cases in memory, at a fixed time. */
export function anAuditsWorld(now: Date): AuditsWorld {
  return {
    plans: new InMemoryPlans(),
    tasks: new InMemoryTasks(),
    inspectors: new InMemoryInspectors(),
    complaints: new InMemoryComplaints(),
    referrals: new InMemoryReferrals(),
    profiles: new InMemoryProfiles(),
    permitFacts: new InMemoryPermitFacts(),
    retaliation: DEFAULT_RETALIATION_POLICY,
    lock: new InMemoryAggregateLock(),
    clock: new FixedClock(now),
    ids: new SequentialIds(),
    program: DEFAULT_AUDIT_PROGRAM,
    riskModel: DEFAULT_RISK_MODEL,
    dueTaskId: (planId, key) => `tsk_${planId}_${key.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 64),
    // Never selects (a draw of 0.999… is above any rate below 1): specs that want a draw set their own.
    randomDraw: () => 0.999_999,
  };
}
