import { PermitErrors } from '../errors/permit-errors';
import { CalendarDate } from '../shared/calendar-date.value-object';
import { assertId, requireOneOf } from '../shared/validation';
import { countryCode } from './country-code.value-object';
import { IdentityDocument, type IdentityDocumentProps } from './identity-document.value-object';
import { PersonName, type SurnamesProps } from './person-name.value-object';
import { Phone } from './phone.value-object';
import {
  HomeAddress,
  PlaceOfBirth,
  type HomeAddressProps,
  type PlaceOfBirthProps,
} from './places.value-object';
import { SEXES, type Sex } from './worker.types';

/** The biographical data of a worker, as an application, a roster row or an officer submits it. */
export interface BiographicalData {
  /** One to three given names, e.g. "José Luis". */
  readonly givenNames: string;
  readonly surnames: SurnamesProps;
  /** `YYYY-MM-DD`, a real date, not in the future. */
  readonly dateOfBirth: string;
  readonly sex: Sex;
  /** ISO 3166-1 alpha-3; any country may be registered (eligibility decides). */
  readonly nationality: string;
  readonly identityDocument: IdentityDocumentProps;
  readonly placeOfBirth: PlaceOfBirthProps;
  readonly homeAddress: HomeAddressProps;
  /** Optional: many seasonal workers have none, or share one. */
  readonly phone?: string | null;
  /** An opaque id of the stored photo (not the image). */
  readonly photoReference?: string | null;
}

/** Corrections of biographical data; omitted = unchanged; `phone`/`photoReference: null` removes it. */
export type WorkerCorrections = Partial<BiographicalData>;

export const CORRECTABLE_FIELDS = [
  'givenNames',
  'surnames',
  'dateOfBirth',
  'sex',
  'nationality',
  'identityDocument',
  'placeOfBirth',
  'homeAddress',
  'phone',
  'photoReference',
] as const satisfies readonly (keyof BiographicalData)[];

/** The oldest date of birth accepted: anything earlier is a typing error. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';
/** UTC+14: the latest calendar day anywhere, so "not in the future" never refuses a birth "today". */
const LATEST_OFFSET_MINUTES = 14 * 60;

export function dateOfBirthOf(value: unknown, now: Date | null): CalendarDate {
  const INVALID = PermitErrors.WORKER_INVALID_DATE_OF_BIRTH;
  const date = CalendarDate.parse(value, 'dateOfBirth', INVALID);
  const earliest = CalendarDate.tryParse(EARLIEST_DATE_OF_BIRTH) as CalendarDate;
  const latest = now === null ? null : CalendarDate.fromInstant(now, LATEST_OFFSET_MINUTES);
  if (date.isBefore(earliest) || (latest !== null && date.isAfter(latest))) {
    throw INVALID.create({
      field: 'dateOfBirth',
      constraint: 'OUT_OF_RANGE',
      min: EARLIEST_DATE_OF_BIRTH,
      max: latest === null ? 'today' : latest.toString(),
    });
  }
  return date;
}

function phoneOf(value: unknown): Phone | null {
  return value === undefined || value === null || value === '' ? null : Phone.create(value);
}

function photoReferenceOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  try {
    return assertId(value, 'photoReference');
  } catch {
    throw PermitErrors.WORKER_INVALID_PHOTO_REFERENCE.create({ field: 'photoReference' });
  }
}

/** Validated, normalised biographical data (value objects). `now` null: stored data, not re-dated. */
export function validBiographicalData(data: BiographicalData, now: Date | null) {
  if (!data || typeof data !== 'object') {
    throw PermitErrors.WORKER_INVALID_NAME.create({ field: 'givenNames', constraint: 'REQUIRED' });
  }
  return {
    name: PersonName.create({ givenNames: data.givenNames, surnames: data.surnames }),
    dateOfBirth: dateOfBirthOf(data.dateOfBirth, now),
    sex: requireOneOf(data.sex, SEXES, 'sex', PermitErrors.WORKER_INVALID_SEX),
    nationality: countryCode(data.nationality, 'nationality', PermitErrors.WORKER_INVALID_NATIONALITY),
    identityDocument: IdentityDocument.create(data.identityDocument),
    placeOfBirth: PlaceOfBirth.create(data.placeOfBirth),
    homeAddress: HomeAddress.create(data.homeAddress),
    phone: phoneOf(data.phone),
    photoReference: photoReferenceOf(data.photoReference),
  };
}

export type Biographical = ReturnType<typeof validBiographicalData>;

/** Field paths and their (string) values, to diff two versions of the biographical data. */
export function flattenBiographical(b: Biographical): Record<string, string | null> {
  const name = b.name.toProps();
  return {
    givenNames: name.givenNames,
    'surnames.first': name.surnames.first,
    'surnames.second': name.surnames.second,
    dateOfBirth: b.dateOfBirth.toString(),
    sex: b.sex,
    nationality: b.nationality,
    'identityDocument.type': b.identityDocument.type,
    'identityDocument.number': b.identityDocument.number,
    'identityDocument.issuingCountry': b.identityDocument.issuingCountry,
    'placeOfBirth.country': b.placeOfBirth.country,
    'placeOfBirth.locality': b.placeOfBirth.locality,
    'homeAddress.line': b.homeAddress.line,
    'homeAddress.locality': b.homeAddress.locality,
    'homeAddress.country': b.homeAddress.country,
    phone: b.phone?.value ?? null,
    photoReference: b.photoReference,
  };
}
