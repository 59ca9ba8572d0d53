import type { AddressProps } from '../employer/address.value-object';
import type { ContactProps } from '../employer/contact.value-object';
import type { LegalRepresentativeProps } from '../employer/legal-representative.value-object';
import { RegistrationNumber } from '../employer/registration-number.value-object';
import type { MexicanState } from '@frontera/shared-kernel';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class AddressBuilder {
  private props: Mutable<Required<AddressProps>> = {
    state: 'CHP',
    municipality: 'Tapachula',
    locality: 'Tapachula de Córdova y Ordóñez',
    neighbourhood: 'Centro',
    street: 'Avenida Central Norte 12',
    postalCode: '30700',
  };

  inState(state: MexicanState, municipality?: string): this {
    this.props.state = state;
    if (municipality !== undefined) this.props.municipality = municipality;
    return this;
  }

  inMunicipality(municipality: string): this {
    this.props.municipality = municipality;
    return this;
  }

  onStreet(street: string): this {
    this.props.street = street;
    return this;
  }

  withPostalCode(postalCode: string): this {
    this.props.postalCode = postalCode;
    return this;
  }

  with(overrides: Partial<AddressProps>): this {
    Object.assign(this.props, overrides);
    return this;
  }

  build(): AddressProps {
    return { ...this.props };
  }
}

export const anAddress = (): AddressBuilder => new AddressBuilder();

export class ContactBuilder {
  private props: Mutable<ContactProps> = {
    name: 'María López Hernández',
    email: 'rh@finca-la-esperanza.mx',
    phone: '+52 962 123 4567',
  };

  named(name: string): this {
    this.props.name = name;
    return this;
  }

  withEmail(email: string): this {
    this.props.email = email;
    return this;
  }

  withPhone(phone: string): this {
    this.props.phone = phone;
    return this;
  }

  build(): ContactProps {
    return { ...this.props };
  }
}

export const aContact = (): ContactBuilder => new ContactBuilder();

export class LegalRepresentativeBuilder {
  private props: Mutable<Required<LegalRepresentativeProps>> = {
    fullName: 'Jorge Pérez Gómez',
    position: 'Apoderado legal',
  };

  named(fullName: string): this {
    this.props.fullName = fullName;
    return this;
  }

  withPosition(position: string | null): this {
    this.props.position = position;
    return this;
  }

  build(): LegalRepresentativeProps {
    return { ...this.props };
  }
}

export const aLegalRepresentative = (): LegalRepresentativeBuilder => new LegalRepresentativeBuilder();

export class RegistrationNumberBuilder {
  private state: MexicanState = 'CHP';
  private year = 2025;
  private sequence = 1;

  inState(state: MexicanState): this {
    this.state = state;
    return this;
  }

  inYear(year: number): this {
    this.year = year;
    return this;
  }

  withSequence(sequence: number): this {
    this.sequence = sequence;
    return this;
  }

  build(): RegistrationNumber {
    return RegistrationNumber.issue({ state: this.state, year: this.year, sequence: this.sequence });
  }
}

export const aRegistrationNumber = (): RegistrationNumberBuilder => new RegistrationNumberBuilder();
