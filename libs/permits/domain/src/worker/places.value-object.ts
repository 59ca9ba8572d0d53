import { LIMITS } from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import { optionalText, requireText } from '../shared/validation';
import { countryCode } from './country-code.value-object';

export interface PlaceOfBirthProps {
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  /** Town or municipality, when known. */
  readonly locality?: string | null;
}

export interface HomeAddressProps {
  /** Street, number, village or aldea, as the worker gives it. */
  readonly line: string;
  /** Municipality or town. */
  readonly locality: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
}

/** Where the worker was born. PERSONAL DATA (encrypted at rest); `toString()` is redacted. */
export class PlaceOfBirth {
  private constructor(
    readonly country: string,
    readonly locality: string | null,
  ) {}

  static create(props: PlaceOfBirthProps): PlaceOfBirth {
    const INVALID = PermitErrors.WORKER_INVALID_PLACE_OF_BIRTH;
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'placeOfBirth.country', constraint: 'REQUIRED' });
    }
    return new PlaceOfBirth(
      countryCode(props.country, 'placeOfBirth.country', INVALID),
      optionalText(props.locality, 'placeOfBirth.locality', LIMITS.NAME, INVALID),
    );
  }

  toProps(): { country: string; locality: string | null } {
    return { country: this.country, locality: this.locality };
  }

  toString(): string {
    return '[PlaceOfBirth: personal data]';
  }
}

/** Where the worker lives (usually in Guatemala or Belize). PERSONAL DATA; `toString()` is redacted. */
export class HomeAddress {
  private constructor(
    readonly line: string,
    readonly locality: string,
    readonly country: string,
  ) {}

  static create(props: HomeAddressProps): HomeAddress {
    const INVALID = PermitErrors.WORKER_INVALID_ADDRESS;
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'homeAddress.line', constraint: 'REQUIRED' });
    }
    return new HomeAddress(
      requireText(props.line, 'homeAddress.line', LIMITS.STREET, INVALID),
      requireText(props.locality, 'homeAddress.locality', LIMITS.NAME, INVALID),
      countryCode(props.country, 'homeAddress.country', INVALID),
    );
  }

  toProps(): HomeAddressProps {
    return { line: this.line, locality: this.locality, country: this.country };
  }

  toString(): string {
    return '[HomeAddress: personal data]';
  }
}
