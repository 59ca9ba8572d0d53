import type { PermitVerificationEntry } from '@frontera/permits-domain';
import type {
  PermitVerificationReadModel,
  StoredVerification,
  VerificationByNumber,
} from '../ports/permit-verifications.port';

/**
 * The verification read model in memory, recording every read (`reads`: which lookup, which key)
 * and every write. Keyed like the adapter: by token and by compact number.
 */
export class InMemoryPermitVerifications implements PermitVerificationReadModel {
  readonly entries = new Map<string, PermitVerificationEntry>();
  readonly reads: string[] = [];
  writes = 0;

  async byToken(token: string): Promise<StoredVerification | null> {
    this.reads.push('by token');
    const entry = [...this.entries.values()].find((e) => e.verificationToken === token);
    return entry ? this.stored(entry) : null;
  }

  async byNumber(compactNumber: string, birthYear: number): Promise<VerificationByNumber> {
    this.reads.push(`by number ${compactNumber}`);
    const entry = [...this.entries.values()].find((e) => e.compactNumber === compactNumber);
    return {
      entry: entry ? this.stored(entry) : null,
      birthYearMatches: entry?.workerBirthYear === birthYear,
    };
  }

  async put(entry: PermitVerificationEntry): Promise<void> {
    this.writes += 1;
    this.entries.set(entry.permitId, entry);
  }

  /** The entry of a permit as stored now. */
  of(permitId: string): PermitVerificationEntry | undefined {
    return this.entries.get(permitId);
  }

  private stored(entry: PermitVerificationEntry): StoredVerification {
    return {
      status: entry.status,
      validFrom: entry.validFrom,
      validUntil: entry.validUntil,
      lastValidDay: entry.lastValidDay,
      employerPublicName: entry.employerPublicName,
      workerInitials: entry.workerInitials,
    };
  }
}
