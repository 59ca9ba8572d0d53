import { given } from '@frontera/shared-kernel/testing';
import { PermitErrors } from '../errors/permit-errors';
import { anEmployerUser, anOfficer, aWorker, aWorkerRegistration, day, T0 } from '../testing';
import { Worker } from './worker.aggregate';
import { isPersonalDataField, personalDataPaths } from './worker-personal-data';

const PERSONAL_VALUES = [
  'José Luis',
  'Pérez',
  'López',
  '1995-08-14',
  'San Marcos',
  'Aldea El Carmen',
  'Malacatán',
  '5555',
];

describe('Worker.register', () => {
  it('Given valid biographical data, When the worker is registered, Then it is ACTIVE, version 1, with normalised values', () => {
    // Given
    const registration = aWorkerRegistration()
      .withDocument('NATIONAL_ID', '2345 67890 0101', 'gtm')
      .with({ nationality: 'gtm', phone: '+502 5555-1234' })
      .build();
    // When
    const worker = Worker.register(registration, anEmployerUser(), T0);
    // Then
    expect(worker.status).toBe('ACTIVE');
    expect(worker.version).toBe(1);
    expect(worker.persistedVersion).toBe(0);
    expect(worker.nationality).toBe('GTM');
    expect(worker.identityDocument.number).toBe('2345678900101');
    expect(worker.phone?.value).toBe('+50255551234');
    expect(worker.birthYear).toBe(1995);
    expect(worker.initials).toBe('J. L. P. L.');
  });

  it('raises WorkerRegistered with ids, nationality, sex and birth year only — no personal data', () => {
    const registration = aWorkerRegistration().build();
    const worker = Worker.register(registration, anEmployerUser(), T0);
    const events = worker.pullEvents();
    expect(events).toEqual([
      {
        type: 'WorkerRegistered',
        workerId: registration.workerId,
        occurredAt: T0.toISOString(),
        nationality: 'GTM',
        sex: 'M',
        birthYear: 1995,
      },
    ]);
    const serialised = JSON.stringify(events);
    for (const value of [...PERSONAL_VALUES, registration.identityDocument.number])
      expect(serialised).not.toContain(value);
  });

  it('registers any nationality: eligibility, not registration, decides who may get a permit', () => {
    expect(aWorker().ofNationality('HND').build().nationality).toBe('HND');
  });

  it('records the registration in the history, without personal values', () => {
    const worker = Worker.register(aWorkerRegistration().build(), anEmployerUser('clerk-7'), T0);
    expect(worker.recordedHistory).toEqual([
      expect.objectContaining({
        version: 1,
        action: 'REGISTER',
        field: 'status',
        from: null,
        to: 'ACTIVE',
        actor: { id: 'clerk-7', role: 'employer' },
      }),
    ]);
  });

  it.each([
    [
      'a date of birth in the future',
      { dateOfBirth: '2026-03-04' },
      'WORKER.INVALID_DATE_OF_BIRTH',
      { field: 'dateOfBirth', constraint: 'OUT_OF_RANGE' },
    ],
    [
      'an impossible date of birth',
      { dateOfBirth: '2001-02-29' },
      'WORKER.INVALID_DATE_OF_BIRTH',
      { field: 'dateOfBirth', constraint: 'NOT_A_DATE' },
    ],
    [
      'a date of birth before 1900',
      { dateOfBirth: '1899-12-31' },
      'WORKER.INVALID_DATE_OF_BIRTH',
      { constraint: 'OUT_OF_RANGE' },
    ],
    ['an unknown sex', { sex: 'W' }, 'WORKER.INVALID_SEX', { field: 'sex', constraint: 'UNKNOWN_VALUE' }],
    [
      'a nationality that is not alpha-3',
      { nationality: 'Guatemala' },
      'WORKER.INVALID_NATIONALITY',
      { field: 'nationality', constraint: 'INVALID_FORMAT' },
    ],
    [
      'a missing nationality',
      { nationality: '' },
      'WORKER.INVALID_NATIONALITY',
      { field: 'nationality', constraint: 'REQUIRED' },
    ],
    [
      'a photo reference that is not an id',
      { photoReference: 'https://x/y.jpg' },
      'WORKER.INVALID_PHOTO_REFERENCE',
      { field: 'photoReference' },
    ],
    ['an injection-shaped phone', { phone: '{"$ne":null}' }, 'WORKER.INVALID_PHONE', { field: 'phone' }],
  ])('refuses %s with 422 naming the field', (_case, overrides, code, params) => {
    const registration = { ...aWorkerRegistration().build(), ...overrides };
    expect(() => Worker.register(registration as never, anEmployerUser(), T0)).toThrow(
      expect.objectContaining({ code, status: 422, params: expect.objectContaining(params) }),
    );
  });

  it('refuses an id that is not an id', () => {
    expect(() =>
      Worker.register({ ...aWorkerRegistration().build(), workerId: 'a b' }, anEmployerUser(), T0),
    ).toThrow(expect.objectContaining({ code: PermitErrors.INVALID_ID.code, params: { field: 'workerId' } }));
  });

  it('accepts a worker born today (the latest calendar day anywhere)', () => {
    expect(() =>
      Worker.register({ ...aWorkerRegistration().build(), dateOfBirth: '2026-03-02' }, anEmployerUser(), T0),
    ).not.toThrow();
  });

  it('accepts a worker without phone or photo', () => {
    const worker = aWorker().withPhone(null).build();
    expect(worker.phone).toBeNull();
    expect(worker.phoneKey()).toBeNull();
    expect(worker.photoReference).toBeNull();
  });
});

describe('Worker lookup keys', () => {
  it('gives the normalised document key: the same document typed differently is the same key', () => {
    const a = aWorker().withDocument('PASSPORT', 'a12 345-67', 'blz').build();
    const b = aWorker().withDocument('PASSPORT', 'A1234567', 'BLZ').build();
    expect(a.documentKey()).toBe('PASSPORT|A1234567|BLZ');
    expect(a.documentKey()).toBe(b.documentKey());
  });

  it('gives the normalised phone key', () => {
    expect(aWorker().withPhone('00502 5555 1234').build().phoneKey()).toBe('+50255551234');
  });

  it('gives duplicate blocking keys from the normalised names, the date of birth and the nationality', () => {
    const keys = aWorker().named('Ana', 'Vásquez').bornOn('1990-05-07').build().duplicateBlockingKeys();
    expect(keys).toEqual([
      'ana|1990-05-07|GTM',
      'ana|1990-07-05|GTM',
      'baskes|1990-05-07|GTM',
      'baskes|1990-07-05|GTM',
    ]);
  });
});

describe('personal data paths', () => {
  it('list the fields the repository encrypts; sex, nationality and birth year stay in clear', () => {
    expect(personalDataPaths()).toEqual([
      'givenNames',
      'surnames',
      'dateOfBirth',
      'identityDocument.number',
      'placeOfBirth',
      'homeAddress',
      'phone',
      'photoReference',
    ]);
    for (const field of ['sex', 'nationality', 'birthYear', 'identityDocument.type', 'status']) {
      expect(isPersonalDataField(field)).toBe(false);
    }
    expect(isPersonalDataField('homeAddress.line')).toBe(true);
    expect(isPersonalDataField('surnames.first')).toBe(true);
  });

  it('cover every personal value of the snapshot: without them, nothing personal is left', () => {
    const worker = aWorker().withPhotoReference('photo-1').build();
    const snapshot = JSON.parse(JSON.stringify(worker.toSnapshot())) as Record<
      string,
      Record<string, unknown>
    >;
    for (const path of personalDataPaths()) {
      const [head, tail] = path.split('.');
      if (tail === undefined) delete snapshot[head];
      else delete snapshot[head][tail];
    }
    const clear = JSON.stringify(snapshot);
    for (const value of [...PERSONAL_VALUES, worker.identityDocument.number, 'photo-1'])
      expect(clear).not.toContain(value);
    expect(snapshot).toMatchObject({ sex: 'M', nationality: 'GTM', birthYear: 1995 });
  });
});

describe('Worker.correct', () => {
  it('Given a worker, When an officer corrects the address, Then history says which fields, never the values', () => {
    given(aWorker())
      .when((w) =>
        w.correct(
          { homeAddress: { line: 'Cantón Las Flores 3', locality: 'Malacatán', country: 'GTM' } },
          anOfficer(),
          'Moved',
          day(1),
        ),
      )
      .then((worker, changed, events) => {
        expect(changed).toEqual(['homeAddress.line']);
        expect(worker.homeAddress.line).toBe('Cantón Las Flores 3');
        expect(events).toEqual([
          expect.objectContaining({ type: 'WorkerCorrected', changedFields: ['homeAddress.line'] }),
        ]);
        expect(worker.recordedHistory.at(-1)).toMatchObject({
          action: 'CORRECT',
          field: 'homeAddress.line',
          personalData: true,
          from: null,
          to: null,
          reason: 'Moved',
        });
        expect(JSON.stringify(events)).not.toContain('Cantón');
      });
  });

  it('records non-personal corrections with their values', () => {
    given(aWorker().ofSex('M'))
      .when((w) => w.correct({ sex: 'F' }, anOfficer(), 'Typing error on the roster', day(1)))
      .then((worker) => {
        expect(worker.recordedHistory.at(-1)).toMatchObject({
          field: 'sex',
          personalData: false,
          from: 'M',
          to: 'F',
        });
      });
  });

  it('is a no-op for current values, and leaves fields given as undefined unchanged', () => {
    given(aWorker().withPhone('+502 5555 1234'))
      .when((w) =>
        w.correct({ phone: '+50255551234', photoReference: undefined }, anOfficer(), 'Same', day(1)),
      )
      .then((worker, changed, events) => {
        expect(changed).toEqual([]);
        expect(events).toEqual([]);
        expect(worker.version).toBe(1);
        expect(worker.phone?.value).toBe('+50255551234');
      });
  });

  it('removes the phone with null', () => {
    given(aWorker())
      .when((w) => w.correct({ phone: null }, anOfficer(), 'Number no longer in use', day(1)))
      .then((worker, changed) => {
        expect(changed).toEqual(['phone']);
        expect(worker.phoneKey()).toBeNull();
      });
  });

  it('changes the document key when the document is corrected (the repository re-checks uniqueness)', () => {
    given(aWorker().withDocument('NATIONAL_ID', '2345678900101'))
      .when((w) =>
        w.correct(
          { identityDocument: { type: 'NATIONAL_ID', number: '2345678900199', issuingCountry: 'GTM' } },
          anOfficer(),
          'Digit',
          day(1),
        ),
      )
      .then((worker, changed) => {
        expect(changed).toEqual(['identityDocument.number']);
        expect(worker.documentKey()).toBe('NATIONAL_ID|2345678900199|GTM');
      });
  });

  it('refuses an empty correction, a missing reason and invalid data, changing nothing', () => {
    given(aWorker())
      .when((w) => w.correct({}, anOfficer(), 'Nothing', day(1)))
      .thenFails(PermitErrors.WORKER_NO_CHANGES);
    given(aWorker())
      .when((w) => w.correct({ sex: 'F' }, anOfficer(), ' ', day(1)))
      .thenFails(PermitErrors.INVALID_REASON, { field: 'reason', constraint: 'REQUIRED' });
    given(aWorker())
      .when((w) => w.correct({ dateOfBirth: '2030-01-01' }, anOfficer(), 'Typo', day(1)))
      .thenFails(PermitErrors.WORKER_INVALID_DATE_OF_BIRTH);
  });
});
