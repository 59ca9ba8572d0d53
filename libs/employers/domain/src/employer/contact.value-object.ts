import { LIMITS } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { requireText } from '../shared/validation';

export interface ContactProps {
  /** The contact person's name. */
  readonly name: string;
  readonly email: string;
  /** Digits with an optional leading "+"; spaces, dashes, dots and parentheses are dropped. */
  readonly phone: string;
}

const INVALID = EmployerErrors.INVALID_CONTACT;
// Deliberately simple: one "@", no spaces, a dot in the domain. Deliverability is checked by sending mail.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{10,15}$/;

/**
 * Who the program talks to at the employer. PERSONAL DATA: the infrastructure encrypts it at
 * rest; it never goes into events, logs or history values. `toString()` is redacted so an
 * accidental template string or log line does not leak it.
 */
export class Contact {
  private constructor(
    readonly name: string,
    readonly email: string,
    readonly phone: string,
  ) {}

  static create(props: ContactProps): Contact {
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'contact', constraint: 'REQUIRED' });
    }
    const name = requireText(props.name, 'name', LIMITS.FULL_NAME, INVALID);
    const email = requireText(props.email, 'email', LIMITS.EMAIL, INVALID).toLowerCase();
    if (!EMAIL.test(email)) {
      throw INVALID.create({
        field: 'email',
        constraint: 'INVALID_FORMAT',
        format: 'name@domain.mx',
      });
    }
    const phone = requireText(props.phone, 'phone', LIMITS.PHONE, INVALID).replace(/[\s\-.()]/g, '');
    if (!PHONE.test(phone)) {
      throw INVALID.create({
        field: 'phone',
        constraint: 'INVALID_FORMAT',
        format: '+52 961 123 4567 (10 to 15 digits)',
      });
    }
    return new Contact(name, email, phone);
  }

  equals(other: Contact): boolean {
    return this.name === other.name && this.email === other.email && this.phone === other.phone;
  }

  toProps(): ContactProps {
    return { name: this.name, email: this.email, phone: this.phone };
  }

  toString(): string {
    return '[Contact: personal data]';
  }
}
