import type { Model } from 'mongoose';
import type {
  AuditsIntegrationEvent,
  InsertOutcome,
  ReferralRepository,
  SaveOptions,
  SaveOutcome,
} from '@frontera/audits-application';
import {
  Referral,
  type AuditProgram,
  type ReferralSnapshot,
  type ReferralStatus,
} from '@frontera/audits-domain';
import { OutboxAggregateStore, type OutboxPublisher } from '@frontera/platform-messaging';
import type { MexicanState } from '@frontera/shared-kernel';
import { REFERRAL_HISTORY, type ReferralDocument } from './audits.schemas';

const LOAD_PROJECTION = { _id: 1, version: 1, record: 1 } as const;

/**
 * The ReferralRepository port on MongoDB / FerretDB: state, status, agency and the escalation bucket
 * `escalatesOn` top-level (no personal data in a referral: agency, ids, codes, counts); events keyed
 * by referral.
 */
export class MongoReferralRepository implements ReferralRepository {
  private readonly store: OutboxAggregateStore<Referral, ReferralDocument>;

  constructor(
    private readonly model: Model<ReferralDocument>,
    publisher: OutboxPublisher,
    private readonly program: AuditProgram,
  ) {
    this.store = new OutboxAggregateStore<Referral, ReferralDocument>({
      kind: 'referral',
      model,
      publisher,
      projection: { _id: 1, record: 1 },
      fromDocument: (document) => this.toReferral(document),
      toFields: (referral) => {
        const { version: _version, ...snapshot } = referral.toSnapshot();
        return {
          record: snapshot as unknown as Record<string, unknown>,
          state: referral.state,
          status: referral.status,
          agency: referral.agency,
          escalatesOn: referral.escalatesOn,
          updatedAt: new Date(),
        };
      },
      recordsOf: (referral, now) => REFERRAL_HISTORY.records(referral.id, referral.recordedHistory, now),
    });
  }

  findById(referralId: string): Promise<Referral | null> {
    return this.store.findById(referralId);
  }

  async hasAppliedEvent(referral: Referral, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(referral, eventId);
  }

  insert(referral: Referral, events: readonly AuditsIntegrationEvent[]): Promise<InsertOutcome> {
    return this.store.insert(referral, events);
  }

  save(
    referral: Referral,
    events: readonly AuditsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(referral, events, options);
  }

  async ofStateInStatus(state: MexicanState, status: ReferralStatus, limit: number): Promise<Referral[]> {
    const found = await this.model
      .find({ state, status }, LOAD_PROJECTION)
      .limit(limit)
      .lean<ReferralDocument[]>();
    return found.map((d) => this.toReferral(d));
  }

  async idsEscalatingOn(day: string, limit: number): Promise<string[]> {
    const found = await this.model
      .find({ escalatesOn: day }, { _id: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return found.map((d) => d._id);
  }

  private toReferral(document: Pick<ReferralDocument, '_id' | 'version' | 'record'>): Referral {
    return Referral.fromSnapshot(
      { ...(document.record as unknown as ReferralSnapshot), version: document.version },
      this.program,
    );
  }
}
