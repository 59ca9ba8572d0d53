import { EmployerErrors } from '../errors/employer-errors';
import { isMexicanState, LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';
import { optionalText, requireText } from '../shared/validation';

export interface AddressProps {
  /** ISO 3166-2:MX code without "MX-". */
  readonly state: MexicanState;
  readonly municipality: string;
  /** Town or city within the municipality, when it differs. */
  readonly locality?: string | null;
  /** Colonia. */
  readonly neighbourhood?: string | null;
  /** Street, exterior and interior number. */
  readonly street: string;
  /** Código postal, 5 digits. */
  readonly postalCode: string;
}

const INVALID = EmployerErrors.INVALID_ADDRESS;

/**
 * The employer's registered (fiscal) address. State and municipality are public enough to
 * appear in events; for an individual employer the street-level part is personal data.
 */
export class Address {
  private constructor(
    readonly state: MexicanState,
    readonly municipality: string,
    readonly locality: string | null,
    readonly neighbourhood: string | null,
    readonly street: string,
    readonly postalCode: string,
  ) {}

  static create(props: AddressProps): Address {
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'address', constraint: 'REQUIRED' });
    }
    const state = props.state as unknown;
    if (!isMexicanState(state)) {
      throw INVALID.create({
        field: 'state',
        constraint: state === undefined || state === '' ? 'REQUIRED' : 'UNKNOWN_VALUE',
        allowed: MEXICAN_STATES,
      });
    }
    const postalCode = typeof props.postalCode === 'string' ? props.postalCode.trim() : props.postalCode;
    if (typeof postalCode !== 'string' || !/^\d{5}$/.test(postalCode)) {
      throw INVALID.create({ field: 'postalCode', constraint: 'INVALID_FORMAT', format: '99999' });
    }
    return new Address(
      state,
      requireText(props.municipality, 'municipality', LIMITS.NAME, INVALID),
      optionalText(props.locality, 'locality', LIMITS.NAME, INVALID),
      optionalText(props.neighbourhood, 'neighbourhood', LIMITS.NAME, INVALID),
      requireText(props.street, 'street', LIMITS.STREET, INVALID),
      postalCode,
    );
  }

  equals(other: Address): boolean {
    return JSON.stringify(this.toProps()) === JSON.stringify(other.toProps());
  }

  toProps(): Required<AddressProps> {
    return {
      state: this.state,
      municipality: this.municipality,
      locality: this.locality,
      neighbourhood: this.neighbourhood,
      street: this.street,
      postalCode: this.postalCode,
    };
  }
}
