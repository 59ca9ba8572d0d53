import { Logger } from '@nestjs/common';
import type { Model, QueryFilter } from 'mongoose';
import type {
  EmployerIntegrationEvent,
  EmployerListFilter,
  EmployerListScope,
  EmployerRepository,
  InsertOutcome,
  Page,
  PageRequest,
  SaveOptions,
  SaveOutcome,
} from '@frontera/employers-application';
import { Employer, type EmployerOptions } from '@frontera/employers-domain';
import {
  appliedEventsWith,
  documentWithOutbox,
  isDuplicateKeyError,
  outboxEntriesFor,
  versionedOutboxWrite,
  type OutboxPublisher,
} from '@frontera/platform-messaging';
import type { EmployerDocumentMapper } from './employer-document.mapper';
import type { EmployerDocument } from './employer.schema';

/**
 * The EmployerRepository port on MongoDB / FerretDB (mongoose).
 *
 * - One single-document write per command: the new state, `version + 1` and the command's
 *   events appended to the embedded outbox (`versionedOutboxWrite`), conditioned on the version
 *   the command was decided on. Callers hold the employer's lock (FerretDB 1.x does not apply
 *   concurrent updates atomically); the version condition is the second line of defence.
 * - Right after a write, the events are published (`OutboxPublisher.publishPending`, never
 *   throws) without making the request wait for Kafka; the outbox relay publishes whatever that
 *   missed (process killed, Kafka down)
 *   (docs/decisions/0007-publish-after-the-write-without-waiting-for-kafka.md).
 * - Personal data is encrypted by the mapper; the RFC is found through its blind index.
 */
export class MongoEmployerRepository implements EmployerRepository {
  private readonly logger = new Logger(MongoEmployerRepository.name);

  constructor(
    private readonly model: Model<EmployerDocument>,
    private readonly mapper: EmployerDocumentMapper,
    private readonly publisher: OutboxPublisher,
    private readonly options: EmployerOptions,
  ) {}

  async findById(employerId: string): Promise<Employer | null> {
    const document = await this.model
      .findById(employerId, { _id: 1, version: 1, record: 1, personalData: 1 })
      .lean<Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>>();
    return document ? this.toEmployer(document) : null;
  }

  async hasAppliedEvent(employerId: string, eventId: string): Promise<boolean> {
    const found = await this.model.exists({ _id: employerId, appliedEvents: eventId });
    return found !== null;
  }

  async insert(employer: Employer, events: readonly EmployerIntegrationEvent[]): Promise<InsertOutcome> {
    const snapshot = employer.toSnapshot();
    const entries = outboxEntriesFor(events, employer.id);
    try {
      await this.model.create(
        documentWithOutbox(
          { _id: employer.id, ...this.mapper.toFields(snapshot), appliedEvents: [] as string[] },
          entries,
        ),
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // FerretDB's duplicate-key errors do not say which index: ask.
      return (await this.model.exists({ _id: employer.id })) ? 'DUPLICATE_ID' : 'DUPLICATE_RFC';
    }
    this.publishSoon(employer.id);
    return 'INSERTED';
  }

  async save(
    employer: Employer,
    events: readonly EmployerIntegrationEvent[],
    options: SaveOptions = {},
  ): Promise<SaveOutcome> {
    if (employer.version !== employer.persistedVersion + 1) {
      throw new Error(
        `employer ${employer.id}: one command must change the version by one (${employer.persistedVersion} → ${employer.version})`,
      );
    }
    const fields = this.mapper.toFields(employer.toSnapshot());
    const appliedEvents = options.appliedEventId
      ? { appliedEvents: await this.appliedEventsWith(employer.id, options.appliedEventId) }
      : {};
    const write = versionedOutboxWrite({
      filter: { _id: employer.id },
      expectedVersion: employer.persistedVersion,
      update: { $set: { ...fields, ...appliedEvents } },
      entries: outboxEntriesFor(events, employer.id),
    });
    const result = await this.model.updateOne(write.filter, write.update);
    if (result.matchedCount === 0) return 'VERSION_CONFLICT';
    if (events.length > 0) this.publishSoon(employer.id);
    return 'SAVED';
  }

  async list(
    scope: EmployerListScope,
    filter: EmployerListFilter,
    page: PageRequest,
  ): Promise<Page<Employer>> {
    // The scope is one condition and the filters others, all required: a state filter outside
    // the actor's states finds nothing.
    const conditions: QueryFilter<EmployerDocument>[] = [
      scope.kind === 'EMPLOYER' ? { _id: scope.employerId } : { state: { $in: [...scope.states] } },
      ...(filter.state !== undefined ? [{ state: filter.state }] : []),
      ...(filter.status !== undefined ? [{ status: filter.status }] : []),
      ...(filter.rating !== undefined ? [{ rating: filter.rating }] : []),
      ...(filter.sector !== undefined ? [{ sector: filter.sector }] : []),
    ];
    const query: QueryFilter<EmployerDocument> = { $and: conditions };
    const [documents, total] = await Promise.all([
      this.model
        .find(query, { _id: 1, version: 1, record: 1, personalData: 1 })
        .sort({ registeredAt: -1, _id: 1 })
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .lean<Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>[]>(),
      this.model.countDocuments(query),
    ]);
    return {
      items: documents.map((d) => this.toEmployer(d)),
      page: page.page,
      pageSize: page.pageSize,
      total,
    };
  }

  private toEmployer(
    document: Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>,
  ): Employer {
    return Employer.fromSnapshot(this.mapper.toSnapshot(document), this.options);
  }

  /**
   * The remembered event ids with this one added, oldest dropped (`appliedEventsWith`: computed
   * from the loaded list and `$set`, because FerretDB 1.24 ignores `$push … $slice`). The caller
   * holds the employer's lock, so read-then-write is safe. Beyond the last APPLIED_EVENTS_KEPT
   * ids the domain is idempotent on its own ids.
   */
  private async appliedEventsWith(employerId: string, eventId: string): Promise<string[]> {
    const current = await this.model
      .findById(employerId, { appliedEvents: 1 })
      .lean<Pick<EmployerDocument, 'appliedEvents'>>();
    return appliedEventsWith(current?.appliedEvents, eventId);
  }

  /**
   * Publishes the document's unsent events without making the caller wait for Kafka. The
   * publisher tracks the publish (never rejects); the messaging runtime waits for it on shutdown.
   */
  private publishSoon(employerId: string): void {
    void this.publisher.publishPending(this.model, employerId).then((outcome) => {
      if (outcome.error) this.logger.warn(`events of employer ${employerId} left to the outbox relay`);
    });
  }
}
