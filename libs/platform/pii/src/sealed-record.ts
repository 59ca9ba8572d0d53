import type { PiiCipher } from './pii-cipher';

/** One encrypted value of a record: its path and its ciphertext. */
export interface EncryptedValue {
  /** Path in the record, e.g. `contact`, `identityDocument.number`. */
  path: string;
  ciphertext: string;
}

/** A record with its personal data taken out and encrypted, path by path (the paths hold null). */
export interface SealedRecord {
  record: Record<string, unknown>;
  personalData: EncryptedValue[];
}

type Json = Record<string, unknown>;

function getPath(object: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json | null | undefined)?.[key], object);
}

function setPath(object: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Json>((node, key) => node[key] as Json, object);
  parent[keys[keys.length - 1]] = value;
}

/**
 * Seals and opens the personal data of stored records, field by field: each value at one of the
 * paths is encrypted with the cipher (AES-256-GCM, key rotation by key id) and its path set to null
 * in the record, which can then be stored as it is. The associated data of every ciphertext names
 * the record and the path (`<scope>/<id>/<path>`), so a value copied to another record or field
 * does not decrypt.
 */
export class RecordSealer {
  constructor(
    private readonly cipher: PiiCipher,
    /** The kind of record (`employers`, `workers`): part of the associated data. */
    private readonly scope: string,
  ) {}

  seal(id: string, data: object, paths: readonly string[]): SealedRecord {
    const record = structuredClone(data) as Json;
    const personalData: EncryptedValue[] = [];
    for (const path of paths) {
      const value = getPath(record, path);
      if (value === null || value === undefined) continue;
      personalData.push({ path, ciphertext: this.cipher.encrypt(JSON.stringify(value), this.aad(id, path)) });
      setPath(record, path, null);
    }
    return { record, personalData };
  }

  open<T>(id: string, sealed: SealedRecord): T {
    const record = structuredClone(sealed.record);
    for (const { path, ciphertext } of sealed.personalData) {
      setPath(record, path, JSON.parse(this.cipher.decrypt(ciphertext, this.aad(id, path))));
    }
    return record as T;
  }

  private aad(id: string, path: string): string {
    return `${this.scope}/${id}/${path}`;
  }
}
