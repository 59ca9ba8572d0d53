import { personalDataPaths, type EmployerKind, type EmployerSnapshot } from '@frontera/employers-domain';
import type { OutboxFields } from '@frontera/platform-messaging';
import { RecordSealer, type PiiCipher } from '@frontera/platform-pii';
import type { EmployerDocument } from './employer.schema';

/** The stored fields of an employer, everything but `_id`, `version`, the outbox and applied events. */
export type EmployerFields = Omit<
  EmployerDocument,
  '_id' | 'version' | 'appliedEvents' | 'listSeq' | 'listPage' | keyof OutboxFields
>;

/**
 * Paths of the snapshot stored encrypted: the domain's personal data for the kind, plus the
 * RFC of every employer (docs/decisions/0013-rfc-encrypted-for-every-employer.md).
 */
export function encryptedPaths(kind: EmployerKind): string[] {
  return [...new Set(['rfc', ...personalDataPaths(kind)])];
}

/** Purpose of the RFC blind index (separates it from other keyed hashes made with the same key). */
export const RFC_INDEX_PURPOSE = 'employers.rfc';

/**
 * Snapshot ⇄ stored document. Pure apart from the cipher; the associated data of every
 * ciphertext names the employer and the path, so a value copied to another employer or field
 * does not decrypt.
 */
export class EmployerDocumentMapper {
  private readonly sealer: RecordSealer;

  constructor(private readonly cipher: PiiCipher) {
    this.sealer = new RecordSealer(cipher, 'employers');
  }

  rfcIndex(rfc: string): string {
    return this.cipher.blindIndex(rfc, RFC_INDEX_PURPOSE);
  }

  toFields(snapshot: EmployerSnapshot): EmployerFields {
    const { version: _version, ...rest } = snapshot;
    const { record, personalData } = this.sealer.seal(snapshot.id, rest, encryptedPaths(snapshot.kind));
    return {
      schemaVersion: snapshot.schemaVersion,
      kind: snapshot.kind,
      sector: snapshot.sector,
      status: snapshot.status,
      rating: snapshot.rating,
      state: snapshot.address.state,
      municipality: snapshot.address.municipality,
      registrationNumber: snapshot.registrationNumber,
      registeredAt: new Date(snapshot.registered.at),
      rfcIndex: this.rfcIndex(snapshot.rfc),
      record,
      personalData,
      updatedAt: new Date(),
    };
  }

  toSnapshot(
    document: Pick<EmployerDocument, '_id' | 'version' | 'record' | 'personalData'>,
  ): EmployerSnapshot {
    const record = this.sealer.open<Omit<EmployerSnapshot, 'version'>>(document._id, {
      record: document.record as Record<string, unknown>,
      personalData: document.personalData,
    });
    return { ...record, version: document.version } as EmployerSnapshot;
  }
}
