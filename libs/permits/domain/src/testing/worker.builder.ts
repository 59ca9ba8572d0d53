import type { CallerIdentity } from '@frontera/shared-kernel';
import type { BiographicalData } from '../worker/biographical-data.value-object';
import { Worker, type RegisterWorker } from '../worker/worker.aggregate';
import type { IdentityDocumentType, Sex } from '../worker/worker.types';
import { anEmployerUser, anOfficer } from './actors';
import { minutesAfter, T0 } from './clock';
import { nextId, nextNumber } from './ids';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A worker's biographical data with valid defaults: José Luis Pérez López, born 14 August 1995 in
 * San Marcos, Guatemala, with a DPI (a different number on every build).
 */
export class WorkerRegistrationBuilder {
  private props: Mutable<RegisterWorker> = {
    workerId: '',
    givenNames: 'José Luis',
    surnames: { first: 'Pérez', second: 'López' },
    dateOfBirth: '1995-08-14',
    sex: 'M',
    nationality: 'GTM',
    identityDocument: { type: 'NATIONAL_ID', number: '', issuingCountry: 'GTM' },
    placeOfBirth: { country: 'GTM', locality: 'San Marcos' },
    homeAddress: { line: 'Aldea El Carmen, casa 12', locality: 'Malacatán', country: 'GTM' },
    phone: '+502 5555 1234',
    photoReference: null,
  };
  private id: string | null = null;
  private documentNumber: string | null = null;

  withId(workerId: string): this {
    this.id = workerId;
    return this;
  }

  named(givenNames: string, firstSurname: string, secondSurname: string | null = null): this {
    this.props.givenNames = givenNames;
    this.props.surnames = { first: firstSurname, second: secondSurname };
    return this;
  }

  bornOn(dateOfBirth: string): this {
    this.props.dateOfBirth = dateOfBirth;
    return this;
  }

  ofSex(sex: Sex): this {
    this.props.sex = sex;
    return this;
  }

  /** Nationality; the document, birthplace and address follow it. */
  ofNationality(nationality: string): this {
    this.props.nationality = nationality;
    this.props.identityDocument = { ...this.props.identityDocument, issuingCountry: nationality };
    this.props.placeOfBirth = { ...this.props.placeOfBirth, country: nationality };
    this.props.homeAddress = { ...this.props.homeAddress, country: nationality };
    return this;
  }

  withDocument(type: IdentityDocumentType, number: string, issuingCountry = this.props.nationality): this {
    this.documentNumber = number;
    this.props.identityDocument = { type, number, issuingCountry };
    return this;
  }

  withPhone(phone: string | null): this {
    this.props.phone = phone;
    return this;
  }

  withPhotoReference(photoReference: string | null): this {
    this.props.photoReference = photoReference;
    return this;
  }

  with(overrides: Partial<BiographicalData>): this {
    Object.assign(this.props, overrides);
    return this;
  }

  build(): RegisterWorker {
    return {
      ...this.props,
      workerId: this.id ?? nextId('worker'),
      identityDocument: {
        ...this.props.identityDocument,
        number: this.documentNumber ?? String(2_345_678_900_101 + nextNumber('document') * 10_000),
      },
    };
  }
}

export const aWorkerRegistration = (): WorkerRegistrationBuilder => new WorkerRegistrationBuilder();

/**
 * A Worker aggregate, reached through its own methods, events pulled:
 * `aWorker().named('Ana', 'Vásquez').withPossibleDuplicate('worker-9', 0.93).build()`.
 */
export class WorkerBuilder {
  private registration = aWorkerRegistration();
  private duplicates: { otherId: string; score: number }[] = [];
  private distinct: string[] = [];
  private survivorId: string | null = null;
  private registrar: CallerIdentity = anEmployerUser();

  withId(workerId: string): this {
    this.registration.withId(workerId);
    return this;
  }

  named(givenNames: string, firstSurname: string, secondSurname: string | null = null): this {
    this.registration.named(givenNames, firstSurname, secondSurname);
    return this;
  }

  bornOn(dateOfBirth: string): this {
    this.registration.bornOn(dateOfBirth);
    return this;
  }

  ofSex(sex: Sex): this {
    this.registration.ofSex(sex);
    return this;
  }

  ofNationality(nationality: string): this {
    this.registration.ofNationality(nationality);
    return this;
  }

  withDocument(type: IdentityDocumentType, number: string, issuingCountry?: string): this {
    this.registration.withDocument(type, number, issuingCountry);
    return this;
  }

  withPhone(phone: string | null): this {
    this.registration.withPhone(phone);
    return this;
  }

  withPhotoReference(photoReference: string | null): this {
    this.registration.withPhotoReference(photoReference);
    return this;
  }

  withRegistration(registration: WorkerRegistrationBuilder): this {
    this.registration = registration;
    return this;
  }

  registeredBy(caller: CallerIdentity): this {
    this.registrar = caller;
    return this;
  }

  withPossibleDuplicate(otherId: string, score = 0.93): this {
    this.duplicates.push({ otherId, score });
    return this;
  }

  /** Flagged against `otherId`, then marked distinct by an officer. */
  distinctFrom(otherId: string): this {
    this.distinct.push(otherId);
    return this;
  }

  mergedInto(survivorId: string): this {
    this.survivorId = survivorId;
    return this;
  }

  build(): Worker {
    let minute = 0;
    const tick = () => minutesAfter(T0, minute++);
    const worker = Worker.register(this.registration.build(), this.registrar, tick());
    for (const { otherId, score } of this.duplicates) worker.flagPossibleDuplicate(otherId, score, tick());
    for (const otherId of this.distinct) {
      worker.flagPossibleDuplicate(otherId, 0.9, tick());
      worker.markDistinct(otherId, anOfficer(), 'Different parents on the birth certificates', tick());
    }
    if (this.survivorId !== null) {
      worker.mergeInto(this.survivorId, anOfficer(), 'Same person registered twice', tick());
    }
    worker.pullEvents();
    return worker;
  }
}

export const aWorker = (): WorkerBuilder => new WorkerBuilder();
