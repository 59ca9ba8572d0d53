import type { SaveOutcome } from '@frontera/shared-application';
import type { MexicanState } from '@frontera/shared-kernel';
import type { PermitsIntegrationEvent } from '../events/integration-events';
import type { DuplicateReview, DuplicateReviewRepository } from '../ports/duplicate-reviews.port';
import type {
  PersonalDataRead,
  PersonalDataReadLog,
  ReadLogCheckpoint,
  ReadLogProblem,
  ReadLogVerification,
  RecordedPersonalDataRead,
} from '../ports/personal-data-read-log.port';
import type { Page, PageRequest } from '../ports/repositories.port';
import type { SharedContactGroup, SharedContactGroupRepository } from '../ports/shared-contact-groups.port';
import { pageOf } from './in-memory-store';

/**
 * PersonalDataReadLog in memory: one list per worker, positions 1, 2, 3… and a made-up hash per
 * entry. `failWith(error)` makes the next appends reject (a store that is down, a tampered chain);
 * `breakChain(workerId, seq, problem)` makes `verify` report what the real log would.
 */
export class InMemoryPersonalDataReadLog implements PersonalDataReadLog {
  readonly chains = new Map<string, RecordedPersonalDataRead[]>();
  private failure: Error | null = null;
  private readonly broken = new Map<string, { seq: number; problem: ReadLogProblem }>();

  failWith(error: Error | null): void {
    this.failure = error;
  }

  breakChain(workerId: string, seq: number, problem: ReadLogProblem): void {
    this.broken.set(workerId, { seq, problem });
  }

  entriesOf(workerId: string): RecordedPersonalDataRead[] {
    return [...(this.chains.get(workerId) ?? [])];
  }

  async append(read: PersonalDataRead, at: Date): Promise<RecordedPersonalDataRead> {
    if (this.failure) throw this.failure;
    const chain = this.chains.get(read.workerId) ?? [];
    const entry = {
      ...read,
      seq: chain.length + 1,
      at: at.toISOString(),
      hash: `hash-${read.workerId}-${chain.length + 1}`,
    };
    this.chains.set(read.workerId, [...chain, entry]);
    return entry;
  }

  async list(workerId: string): Promise<RecordedPersonalDataRead[]> {
    return this.entriesOf(workerId);
  }

  async verify(workerId: string, expectedAtLeast?: ReadLogCheckpoint): Promise<ReadLogVerification> {
    const entries = this.entriesOf(workerId);
    const broken = this.broken.get(workerId);
    if (broken)
      return { intact: false, entries: entries.length, firstBadSeq: broken.seq, problem: broken.problem };
    if (expectedAtLeast !== undefined && expectedAtLeast.seq > 0) {
      const held = entries[expectedAtLeast.seq - 1];
      if (!held || held.hash !== expectedAtLeast.hash) {
        return {
          intact: false,
          entries: entries.length,
          firstBadSeq: held ? expectedAtLeast.seq : entries.length + 1,
          problem: 'ROLLED_BACK',
        };
      }
    }
    const last = entries.at(-1);
    return {
      intact: true,
      entries: entries.length,
      headLag: 0,
      head: last ? { seq: last.seq, hash: last.hash } : null,
    };
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** DuplicateReviewRepository in memory: one entry per state and pair, newest first. */
export class InMemoryDuplicateReviews implements DuplicateReviewRepository {
  readonly entries: DuplicateReview[] = [];
  /** The states of every `list` call, in order. */
  readonly listed: (readonly MexicanState[])[] = [];

  async add(reviews: readonly DuplicateReview[]): Promise<void> {
    for (const review of reviews) {
      const key = pairKey(review.workerId, review.otherWorkerId);
      const known = this.entries.some(
        (e) => e.state === review.state && pairKey(e.workerId, e.otherWorkerId) === key,
      );
      if (!known) this.entries.push({ ...review });
    }
  }

  async list(states: readonly MexicanState[], page: PageRequest): Promise<Page<DuplicateReview>> {
    this.listed.push([...states]);
    const items = this.entries.filter((e) => (states as readonly string[]).includes(e.state)).reverse();
    return pageOf(items, page);
  }

  async removePair(workerId: string, otherWorkerId: string): Promise<void> {
    const key = pairKey(workerId, otherWorkerId);
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e && pairKey(e.workerId, e.otherWorkerId) === key) this.entries.splice(i, 1);
    }
  }
}

/**
 * SharedContactGroupRepository in memory: the key stands in for the blind index (`key:<phone>`),
 * stores conditioned on the version, every stored event kept in `published`.
 */
export class InMemorySharedContactGroups implements SharedContactGroupRepository {
  readonly groups = new Map<string, SharedContactGroup>();
  readonly published: PermitsIntegrationEvent[] = [];
  writes = 0;

  keyOf(phoneKey: string): string {
    return `key:${phoneKey}`;
  }

  async find(key: string): Promise<SharedContactGroup | null> {
    const group = this.groups.get(key);
    return group ? { ...group, signalledWorkerIds: [...group.signalledWorkerIds] } : null;
  }

  async store(
    key: string,
    group: { readonly groupId: string; readonly signalledWorkerIds: readonly string[] },
    expectedVersion: number,
    events: readonly PermitsIntegrationEvent[],
  ): Promise<SaveOutcome> {
    const current = this.groups.get(key);
    if ((current?.version ?? 0) !== expectedVersion) return 'VERSION_CONFLICT';
    this.groups.set(key, {
      groupId: group.groupId,
      signalledWorkerIds: [...group.signalledWorkerIds],
      version: expectedVersion + 1,
    });
    this.published.push(...events);
    this.writes += 1;
    return 'SAVED';
  }
}
