import { PermitErrors } from '../errors/permit-errors';
import { IdentityDocument } from './identity-document.value-object';
import { PersonName } from './person-name.value-object';
import { Phone } from './phone.value-object';
import { HomeAddress, PlaceOfBirth } from './places.value-object';

const failsWith = (code: string, params: Record<string, unknown>) =>
  expect.objectContaining({ code, status: 422, params: expect.objectContaining(params) });

describe('PersonName', () => {
  it('keeps names as written (trimmed, spaces collapsed) with one or two surnames', () => {
    const name = PersonName.create({
      givenNames: '  José   Luis ',
      surnames: { first: 'Pérez', second: 'López' },
    });
    expect(name.toProps()).toEqual({
      givenNames: 'José Luis',
      surnames: { first: 'Pérez', second: 'López' },
    });
    expect(PersonName.create({ givenNames: 'Ana', surnames: { first: 'Xol' } }).secondSurname).toBeNull();
  });

  it('accepts compound surnames, apostrophes, hyphens and Mayan names', () => {
    expect(() =>
      PersonName.create({
        givenNames: "Ma. D'Lourdes",
        surnames: { first: 'de la Cruz', second: 'Tzul-Caal' },
      }),
    ).not.toThrow();
  });

  it.each([
    [
      { givenNames: '', surnames: { first: 'Xol' } },
      { field: 'givenNames', constraint: 'REQUIRED' },
    ],
    [
      { givenNames: 'Ana María José Luisa', surnames: { first: 'Xol' } },
      { field: 'givenNames', constraint: 'INVALID_FORMAT' },
    ],
    [
      { givenNames: 'Ana2', surnames: { first: 'Xol' } },
      { field: 'givenNames', constraint: 'INVALID_FORMAT' },
    ],
    [
      { givenNames: '<script>', surnames: { first: 'Xol' } },
      { field: 'givenNames', constraint: 'INVALID_FORMAT' },
    ],
    [
      { givenNames: 'Ana', surnames: { first: ' ' } },
      { field: 'surnames.first', constraint: 'REQUIRED' },
    ],
    [
      { givenNames: 'Ana', surnames: { first: 'Xol', second: '$ne' } },
      { field: 'surnames.second', constraint: 'INVALID_FORMAT' },
    ],
    [
      { givenNames: 'A'.repeat(121), surnames: { first: 'Xol' } },
      { field: 'givenNames', constraint: 'TOO_LONG' },
    ],
  ])('refuses %j', (props, params) => {
    expect(() => PersonName.create(props as never)).toThrow(failsWith('WORKER.INVALID_NAME', params));
  });

  it('gives initials without particles and never prints the name by accident', () => {
    const name = PersonName.create({
      givenNames: 'María de los Ángeles',
      surnames: { first: 'Pérez', second: 'López' },
    });
    expect(name.initials()).toBe('M. A. P. L.');
    expect(`${name}`).toBe('[PersonName: personal data]');
  });
});

describe('IdentityDocument', () => {
  it('normalises the number: trimmed, spaces and dashes removed, upper case; the country upper case', () => {
    const document = IdentityDocument.create({
      type: 'NATIONAL_ID',
      number: ' 2345 67890-0101 ',
      issuingCountry: 'gtm',
    });
    expect(document.toProps()).toEqual({
      type: 'NATIONAL_ID',
      number: '2345678900101',
      issuingCountry: 'GTM',
    });
    expect(document.key()).toBe('NATIONAL_ID|2345678900101|GTM');
  });

  it('makes the same document the same key however it was typed', () => {
    const a = IdentityDocument.create({ type: 'PASSPORT', number: 'a12-345 67', issuingCountry: 'BLZ' });
    const b = IdentityDocument.create({ type: 'PASSPORT', number: 'A1234567', issuingCountry: 'blz' });
    expect(a.equals(b)).toBe(true);
  });

  it.each([
    [
      { type: 'DRIVING_LICENCE', number: 'A1234567', issuingCountry: 'GTM' },
      'identityDocument.type',
      'UNKNOWN_VALUE',
    ],
    [{ type: 'PASSPORT', number: 'A1', issuingCountry: 'GTM' }, 'identityDocument.number', 'INVALID_FORMAT'],
    [
      { type: 'PASSPORT', number: 'A'.repeat(31), issuingCountry: 'GTM' },
      'identityDocument.number',
      'INVALID_FORMAT',
    ],
    [
      { type: 'PASSPORT', number: 'AÑ123456', issuingCountry: 'GTM' },
      'identityDocument.number',
      'INVALID_FORMAT',
    ],
    [{ type: 'PASSPORT', number: '', issuingCountry: 'GTM' }, 'identityDocument.number', 'REQUIRED'],
    [
      { type: 'PASSPORT', number: 'A1234567', issuingCountry: 'GT' },
      'identityDocument.issuingCountry',
      'INVALID_FORMAT',
    ],
  ])('refuses %j (%s %s), without echoing the number', (props, field, constraint) => {
    let error: unknown;
    try {
      IdentityDocument.create(props as never);
    } catch (e) {
      error = e;
    }
    expect(error).toEqual(failsWith('WORKER.INVALID_DOCUMENT', { field, constraint }));
    expect(JSON.stringify(error)).not.toContain(props.number || 'never-empty');
  });

  it('is redacted when printed', () => {
    expect(
      String(IdentityDocument.create({ type: 'PASSPORT', number: 'A1234567', issuingCountry: 'GTM' })),
    ).toBe('[IdentityDocument: personal data]');
  });
});

describe('Phone', () => {
  it.each([
    ['+502 5555-1234', '+50255551234'],
    ['00502 5555 1234', '+50255551234'],
    ['(501) 622.1234', '5016221234'],
    ['5555 1234', '55551234'],
  ])('normalises %j to %j', (input, expected) => {
    expect(Phone.create(input).key()).toBe(expected);
  });

  it.each(['1234567', '+50255551234567890', 'call me', '+502 5555 12x4'])('refuses %j', (input) => {
    expect(() => Phone.create(input)).toThrow(
      failsWith(PermitErrors.WORKER_INVALID_PHONE.code, { field: 'phone' }),
    );
  });
});

describe('PlaceOfBirth and HomeAddress', () => {
  it('keep a country code and texts; the locality of birth is optional', () => {
    expect(PlaceOfBirth.create({ country: 'gtm' }).toProps()).toEqual({ country: 'GTM', locality: null });
    expect(
      HomeAddress.create({ line: ' Aldea El Carmen ', locality: 'Malacatán', country: 'GTM' }).toProps(),
    ).toEqual({
      line: 'Aldea El Carmen',
      locality: 'Malacatán',
      country: 'GTM',
    });
  });

  it('refuse missing parts with the field named', () => {
    expect(() => PlaceOfBirth.create({ country: 'Guatemala' })).toThrow(
      failsWith('WORKER.INVALID_PLACE_OF_BIRTH', {
        field: 'placeOfBirth.country',
        constraint: 'INVALID_FORMAT',
      }),
    );
    expect(() => HomeAddress.create({ line: '', locality: 'Malacatán', country: 'GTM' })).toThrow(
      failsWith('WORKER.INVALID_ADDRESS', { field: 'homeAddress.line', constraint: 'REQUIRED' }),
    );
  });
});
