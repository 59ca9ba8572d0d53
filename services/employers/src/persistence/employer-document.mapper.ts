import { personalDataPaths, type EmployerKind, type EmployerSnapshot } from '@frontera/employers-domain';
import type { OutboxFields } from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import type { EmployerDocument, EncryptedValue } from './employer.schema';

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

type Json = Record<string, unknown>;

function getPath(object: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json | null)?.[key], object);
}

function setPath(object: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Json>((node, key) => node[key] as Json, object);
  parent[keys[keys.length - 1]] = value;
}

/**
 * Snapshot ⇄ stored document. Pure apart from the cipher; the associated data of every
 * ciphertext names the employer and the path, so a value copied to another employer or field
 * does not decrypt.
 */
export class EmployerDocumentMapper {
  constructor(private readonly cipher: PiiCipher) {}

  rfcIndex(rfc: string): string {
    return this.cipher.blindIndex(rfc, RFC_INDEX_PURPOSE);
  }

  toFields(snapshot: EmployerSnapshot): EmployerFields {
    const { version: _version, ...rest } = snapshot;
    const record = structuredClone(rest) as Json;
    const personalData: EncryptedValue[] = [];
    for (const path of encryptedPaths(snapshot.kind)) {
      const value = getPath(record, path);
      if (value === null || value === undefined) continue;
      personalData.push({
        path,
        ciphertext: this.cipher.encrypt(JSON.stringify(value), aad(snapshot.id, path)),
      });
      setPath(record, path, null);
    }
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
    const record = structuredClone(document.record);
    for (const { path, ciphertext } of document.personalData) {
      setPath(record, path, JSON.parse(this.cipher.decrypt(ciphertext, aad(document._id, path))));
    }
    return { ...record, version: document.version } as unknown as EmployerSnapshot;
  }
}

function aad(employerId: string, path: string): string {
  return `employers/${employerId}/${path}`;
}
