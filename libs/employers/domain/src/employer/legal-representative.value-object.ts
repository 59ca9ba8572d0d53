import { LIMITS } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { optionalText, requireText } from '../shared/validation';

export interface LegalRepresentativeProps {
  readonly fullName: string;
  /** e.g. "Apoderado legal", "Administrador único". */
  readonly position?: string | null;
}

const INVALID = EmployerErrors.INVALID_LEGAL_REPRESENTATIVE;

/**
 * The natural person who acts for the employer. PERSONAL DATA: encrypted at rest by the
 * infrastructure, never in events, logs or history values.
 */
export class LegalRepresentative {
  private constructor(
    readonly fullName: string,
    readonly position: string | null,
  ) {}

  static create(props: LegalRepresentativeProps): LegalRepresentative {
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'legalRepresentative', constraint: 'REQUIRED' });
    }
    return new LegalRepresentative(
      requireText(props.fullName, 'fullName', LIMITS.FULL_NAME, INVALID),
      optionalText(props.position, 'position', LIMITS.NAME, INVALID),
    );
  }

  equals(other: LegalRepresentative | null): boolean {
    return other !== null && this.fullName === other.fullName && this.position === other.position;
  }

  toProps(): Required<LegalRepresentativeProps> {
    return { fullName: this.fullName, position: this.position };
  }

  toString(): string {
    return '[LegalRepresentative: personal data]';
  }
}
