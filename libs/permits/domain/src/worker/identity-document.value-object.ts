import { PermitErrors } from '../errors/permit-errors';
import { requireOneOf } from '../shared/validation';
import { countryCode } from './country-code.value-object';
import { IDENTITY_DOCUMENT_TYPES, type IdentityDocumentType } from './worker.types';

export interface IdentityDocumentProps {
  readonly type: IdentityDocumentType;
  /** As typed; normalised: trimmed, spaces and dashes removed, upper case. */
  readonly number: string;
  /** ISO 3166-1 alpha-3 of the issuing country. */
  readonly issuingCountry: string;
}

const INVALID = PermitErrors.WORKER_INVALID_DOCUMENT;
const NUMBER = /^[A-Z0-9]{4,30}$/;

/** Trimmed, spaces and dashes removed, upper case: "2345 67890-0101" → "2345678900101". */
export function normaliseDocumentNumber(value: string): string {
  return value
    .trim()
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/**
 * The identity document a worker is registered with. The same document (type, number, issuing
 * country) is always the same worker: {@link IdentityDocument.key} is what the repository turns
 * into a keyed blind index with a unique constraint. The number is PERSONAL DATA (encrypted at
 * rest); type and issuing country are not. `toString()` is redacted.
 *
 * Numbers are checked for shape only (4–30 letters or digits once normalised); issuer-specific
 * check digits (the DPI's, a passport's MRZ) are not verified here.
 */
export class IdentityDocument {
  private constructor(
    readonly type: IdentityDocumentType,
    readonly number: string,
    readonly issuingCountry: string,
  ) {}

  static create(props: IdentityDocumentProps): IdentityDocument {
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'identityDocument', constraint: 'REQUIRED' });
    }
    const type = requireOneOf(props.type, IDENTITY_DOCUMENT_TYPES, 'identityDocument.type', INVALID);
    if (props.number === undefined || props.number === null || props.number === '') {
      throw INVALID.create({ field: 'identityDocument.number', constraint: 'REQUIRED' });
    }
    const number = typeof props.number === 'string' ? normaliseDocumentNumber(props.number) : null;
    if (number === null || !NUMBER.test(number)) {
      throw INVALID.create({
        field: 'identityDocument.number',
        constraint: 'INVALID_FORMAT',
        format: '4 to 30 letters or digits (spaces and dashes are ignored)',
      });
    }
    const issuingCountry = countryCode(props.issuingCountry, 'identityDocument.issuingCountry', INVALID);
    return new IdentityDocument(type, number, issuingCountry);
  }

  /** `type|number|issuingCountry`: the normalised input of the document's blind index. */
  key(): string {
    return `${this.type}|${this.number}|${this.issuingCountry}`;
  }

  equals(other: IdentityDocument): boolean {
    return this.key() === other.key();
  }

  toProps(): IdentityDocumentProps {
    return { type: this.type, number: this.number, issuingCountry: this.issuingCountry };
  }

  toString(): string {
    return '[IdentityDocument: personal data]';
  }
}
