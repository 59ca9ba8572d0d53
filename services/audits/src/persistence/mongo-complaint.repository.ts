import type { Model } from 'mongoose';
import type {
  AuditsIntegrationEvent,
  ComplaintRepository,
  ReceivedComplaint,
  SaveOptions,
  SaveOutcome,
} from '@frontera/audits-application';
import {
  Complaint,
  isForcedLabourIndicator,
  OPEN_COMPLAINT_STATUSES,
  type AuditProgram,
  type ComplaintSnapshot,
  type ComplaintStatus,
} from '@frontera/audits-domain';
import { OutboxAggregateStore, type OutboxPublisher } from '@frontera/platform-messaging';
import { RecordSealer, type PiiCipher } from '@frontera/platform-pii';
import type { MexicanState } from '@frontera/shared-kernel';
import { COMPLAINT_HISTORY, type ComplaintDocument } from './audits.schemas';

const LOAD_PROJECTION = { _id: 1, version: 1, record: 1, personalData: 1 } as const;

/**
 * What may identify a complainant or a victim (COMPLAINT_PERSONAL_DATA_PATHS): the contact and every
 * free text, encrypted at rest field by field.
 */
function sealedPathsOf(snapshot: ComplaintSnapshot): string[] {
  return [
    'contact.name',
    'contact.phone',
    'contact.email',
    'description',
    'subject.place',
    ...snapshot.additionalInformation.map((_, i) => `additionalInformation.${i}.text`),
  ];
}

/**
 * The ComplaintRepository port on MongoDB / FerretDB: the receipt code (compact, unique), state,
 * status and employer top-level; the contact and the free texts sealed; events keyed by complaint.
 */
export class MongoComplaintRepository implements ComplaintRepository {
  private readonly store: OutboxAggregateStore<Complaint, ComplaintDocument>;
  private readonly sealer: RecordSealer;

  constructor(
    private readonly model: Model<ComplaintDocument>,
    cipher: PiiCipher,
    publisher: OutboxPublisher,
    private readonly program: AuditProgram,
  ) {
    this.sealer = new RecordSealer(cipher, 'complaints');
    this.store = new OutboxAggregateStore<Complaint, ComplaintDocument>({
      kind: 'complaint',
      model,
      publisher,
      projection: { _id: 1, record: 1, personalData: 1 },
      fromDocument: (document) => this.toComplaint(document),
      toFields: (complaint) => {
        const { version: _version, ...snapshot } = complaint.toSnapshot();
        return {
          receiptCode: complaint.receiptCode.compact,
          state: snapshot.state,
          status: snapshot.status,
          employerId: snapshot.employerId,
          ...this.sealer.seal(complaint.id, snapshot, sealedPathsOf(snapshot as ComplaintSnapshot)),
          updatedAt: new Date(),
        };
      },
      recordsOf: (complaint, now) => COMPLAINT_HISTORY.records(complaint.id, complaint.recordedHistory, now),
    });
  }

  findById(complaintId: string): Promise<Complaint | null> {
    return this.store.findById(complaintId);
  }

  findByReceiptCode(compactCode: string): Promise<Complaint | null> {
    return this.store.findOne({ receiptCode: compactCode });
  }

  async hasAppliedEvent(complaint: Complaint, eventId: string): Promise<boolean> {
    return this.store.hasAppliedEvent(complaint, eventId);
  }

  async insert(
    complaint: Complaint,
    events: readonly AuditsIntegrationEvent[],
  ): Promise<'INSERTED' | 'DUPLICATE_ID' | 'DUPLICATE_CODE'> {
    const outcome = await this.store.insert(complaint, events);
    if (outcome === 'INSERTED') return 'INSERTED';
    // FerretDB's duplicate-key errors do not say which index.
    return (await this.model.exists({ _id: complaint.id })) ? 'DUPLICATE_ID' : 'DUPLICATE_CODE';
  }

  save(
    complaint: Complaint,
    events: readonly AuditsIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    return this.store.save(complaint, events, options);
  }

  async ofStateInStatus(state: MexicanState, status: ComplaintStatus, limit: number): Promise<Complaint[]> {
    const found = await this.model
      .find({ state, status }, LOAD_PROJECTION)
      .limit(limit)
      .lean<ComplaintDocument[]>();
    return found.map((d) => this.toComplaint(d));
  }

  /** Ids and reception instants only (`record.receivedAt` is not sealed): nothing personal is opened. */
  async receivedAgainst(employerId: string, limit: number): Promise<ReceivedComplaint[]> {
    const found = await this.model
      .find({ employerId }, { _id: 1, status: 1, 'record.receivedAt': 1, 'record.indicators': 1 })
      .limit(limit)
      .lean<{ _id: string; status?: unknown; record?: { receivedAt?: unknown; indicators?: unknown } }[]>();
    return found
      .filter((d) => typeof d.record?.receivedAt === 'string')
      .map((d) => ({
        complaintId: d._id,
        receivedAt: d.record?.receivedAt as string,
        open: (OPEN_COMPLAINT_STATUSES as readonly unknown[]).includes(d.status),
        forcedLabourIndicator:
          Array.isArray(d.record?.indicators) &&
          d.record.indicators.some((code) => typeof code === 'string' && isForcedLabourIndicator(code)),
      }));
  }

  private toComplaint(
    document: Pick<ComplaintDocument, '_id' | 'version' | 'record' | 'personalData'>,
  ): Complaint {
    const snapshot = this.sealer.open<Omit<ComplaintSnapshot, 'version'>>(document._id, document);
    return Complaint.fromSnapshot(
      { ...snapshot, version: document.version } as ComplaintSnapshot,
      this.program,
    );
  }
}
