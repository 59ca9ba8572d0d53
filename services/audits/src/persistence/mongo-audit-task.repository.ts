import type { Model } from 'mongoose';
import type {
  AuditTaskRepository,
  AuditsIntegrationEvent,
  InsertOutcome,
  SaveOptions,
  SaveOutcome,
  TaskListFilter,
} from '@frontera/audits-application';
import {
  AuditTask,
  OPEN_TASK_STATUSES,
  type AuditProgram,
  type AuditTaskSnapshot,
  type AuditTaskStatus,
  type HistoryEntry,
} from '@frontera/audits-domain';
import { OUTBOX_PROJECTION, OutboxAggregateStore, type OutboxPublisher } from '@frontera/platform-messaging';
import { RecordSealer, type PiiCipher } from '@frontera/platform-pii';
import type { MexicanState } from '@frontera/shared-kernel';
import { TASK_HISTORY, type TaskDocument } from './audits.schemas';

const LOAD_PROJECTION = { _id: 1, version: 1, record: 1, personalData: 1 } as const;

/** The notes of findings may name people: encrypted at rest (AUDIT_TASK_PERSONAL_DATA_PATHS). */
function sealedPathsOf(snapshot: { findings: readonly unknown[] }): string[] {
  return snapshot.findings.map((_, i) => `findings.${i}.notes`);
}

/**
 * The AuditTaskRepository port on MongoDB / FerretDB. Top-level fields for its equality queries:
 * employer, worksite, state, status, inspector, and the overdue bucket `overdueOn`. Events are keyed
 * by employer (one employer's audit events in order); histories in `audit_task_history`.
 */
export class MongoAuditTaskRepository implements AuditTaskRepository {
  private readonly store: OutboxAggregateStore<AuditTask, TaskDocument>;
  private readonly sealer: RecordSealer;

  constructor(
    private readonly model: Model<TaskDocument>,
    cipher: PiiCipher,
    publisher: OutboxPublisher,
    private readonly program: AuditProgram,
  ) {
    this.sealer = new RecordSealer(cipher, 'audit-tasks');
    this.store = new OutboxAggregateStore<AuditTask, TaskDocument>({
      kind: 'audit task',
      model,
      publisher,
      projection: { _id: 1, record: 1, personalData: 1 },
      fromDocument: (document) => this.toTask(document),
      toFields: (task) => this.toFields(task),
      recordsOf: (task, now) => TASK_HISTORY.records(task.id, task.recordedHistory, now),
      messageKeyOf: (task) => task.employerId,
    });
  }

  findById(taskId: string): Promise<AuditTask | null> {
    return this.store.findById(taskId);
  }

  async hasAppliedEvent(task: AuditTask, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(task, eventId);
  }

  async insert(task: AuditTask, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome> {
    return this.store.insert(task, events);
  }

  save(
    task: AuditTask,
    events: readonly AuditsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(task, events, options);
  }

  async ofInspector(inspectorId: string, filter: TaskListFilter, limit: number): Promise<AuditTask[]> {
    return this.findMany(
      { inspectorId, ...(filter.status !== undefined ? { status: filter.status } : {}) },
      limit,
    );
  }

  ofStateInStatus(state: MexicanState, status: AuditTaskStatus, limit: number): Promise<AuditTask[]> {
    return this.findMany({ state, status }, limit);
  }

  async openIdsOfEmployer(employerId: string): Promise<string[]> {
    const found = await Promise.all(
      OPEN_TASK_STATUSES.map((status) =>
        this.model.find({ employerId, status }, { _id: 1 }).lean<{ _id: string }[]>(),
      ),
    );
    return found.flat().map((d) => d._id);
  }

  completedOfEmployer(employerId: string, limit: number): Promise<AuditTask[]> {
    return this.findMany({ employerId, status: 'COMPLETED' }, limit);
  }

  ofEmployerInStatus(employerId: string, status: AuditTaskStatus, limit: number): Promise<AuditTask[]> {
    return this.findMany({ employerId, status }, limit);
  }

  overdueOfState(state: MexicanState, limit: number): Promise<AuditTask[]> {
    return this.findMany({ overdueState: state }, limit);
  }

  async idsOverdueOn(day: string, limit: number): Promise<string[]> {
    const found = await this.model
      .find({ overdueOn: day }, { _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return found.map((d) => d._id);
  }

  async countOpenOf(inspectorId: string): Promise<number> {
    const [assigned, inProgress] = await Promise.all([
      this.model.countDocuments({ inspectorId, status: 'ASSIGNED' }),
      this.model.countDocuments({ inspectorId, status: 'IN_PROGRESS' }),
    ]);
    return assigned + inProgress;
  }

  history(taskId: string): Promise<HistoryEntry[]> {
    const db = this.model.db.db;
    if (!db) throw new Error('the database connection is not open');
    return TASK_HISTORY.read(db, taskId, () => this.model.findById(taskId, OUTBOX_PROJECTION).lean());
  }

  private async findMany(filter: Record<string, unknown>, limit: number): Promise<AuditTask[]> {
    const found = await this.model.find(filter, LOAD_PROJECTION).limit(limit).lean<TaskDocument[]>();
    return found.map((d) => this.toTask(d));
  }

  private toFields(task: AuditTask): Record<string, unknown> {
    const { version: _version, ...snapshot } = task.toSnapshot();
    return {
      employerId: snapshot.employerId,
      worksiteId: snapshot.worksiteId,
      state: snapshot.state,
      status: snapshot.status,
      inspectorId: snapshot.inspectorId,
      overdueOn: task.overdueOn,
      overdueState: task.overdueListState,
      ...this.sealer.seal(task.id, snapshot, sealedPathsOf(snapshot)),
      updatedAt: new Date(),
    };
  }

  private toTask(document: Pick<TaskDocument, '_id' | 'version' | 'record' | 'personalData'>): AuditTask {
    const snapshot = this.sealer.open<Omit<AuditTaskSnapshot, 'version'>>(document._id, document);
    return AuditTask.fromSnapshot(
      { ...snapshot, version: document.version } as AuditTaskSnapshot,
      this.program,
    );
  }
}
