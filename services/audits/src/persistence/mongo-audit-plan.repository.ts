import type { Model } from 'mongoose';
import type {
  AuditPlanRepository,
  AuditsIntegrationEvent,
  InsertOutcome,
  SaveOptions,
  SaveOutcome,
} from '@frontera/audits-application';
import { AuditPlan, type AuditPlanSnapshot, type AuditProgram } from '@frontera/audits-domain';
import { OutboxAggregateStore, type OutboxPublisher } from '@frontera/platform-messaging';
import type { PlanDocument } from './audits.schemas';

/**
 * The AuditPlanRepository port on MongoDB / FerretDB: one document per employer (`_id` = employer
 * id), the snapshot in `record`, the sweep bucket `taskOn` (a day, equality only) and the status
 * top-level. Events (risk changes) are keyed by employer.
 */
export class MongoAuditPlanRepository implements AuditPlanRepository {
  private readonly store: OutboxAggregateStore<AuditPlan, PlanDocument>;

  constructor(
    private readonly model: Model<PlanDocument>,
    publisher: OutboxPublisher,
    private readonly program: AuditProgram,
  ) {
    this.store = new OutboxAggregateStore<AuditPlan, PlanDocument>({
      kind: 'audit plan',
      model,
      publisher,
      projection: { _id: 1, record: 1 },
      fromDocument: (document) => this.toPlan(document),
      toFields: (plan) => {
        const { version: _version, ...snapshot } = plan.toSnapshot();
        return {
          record: snapshot as unknown as Record<string, unknown>,
          status: snapshot.status,
          taskOn: snapshot.taskOn,
          updatedAt: new Date(),
        };
      },
      messageKeyOf: (plan) => plan.employerId,
    });
  }

  findById(employerId: string): Promise<AuditPlan | null> {
    return this.store.findById(employerId);
  }

  async hasAppliedEvent(plan: AuditPlan, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(plan, eventId);
  }

  insert(plan: AuditPlan, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome> {
    return this.store.insert(plan, events);
  }

  save(
    plan: AuditPlan,
    events: readonly AuditsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(plan, events, options);
  }

  async idsDueOn(day: string, limit: number): Promise<string[]> {
    const found = await this.model.find({ taskOn: day }, { _id: 1 }).limit(limit).lean<{ _id: string }[]>();
    return found.map((d) => d._id);
  }

  private toPlan(document: Pick<PlanDocument, '_id' | 'version' | 'record'>): AuditPlan {
    return AuditPlan.fromSnapshot(
      { ...(document.record as unknown as AuditPlanSnapshot), version: document.version },
      this.program,
    );
  }
}
