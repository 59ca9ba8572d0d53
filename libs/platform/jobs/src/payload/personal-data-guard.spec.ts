import { findPersonalData, isPersonalPayloadKey, looksLikePersonalValue } from './personal-data-guard';

describe('isPersonalPayloadKey', () => {
  it.each([
    'documentNumber',
    'document_number',
    'documentType',
    'passport',
    'phone',
    'mobilePhone',
    'email',
    'contactEmail',
    'name',
    'firstName',
    'workerFullName',
    'surnames',
    'dateOfBirth',
    'birthDate',
    'homeAddress',
    'curp',
    'nationalId',
    'accessToken',
  ])('refuses %s', (key) => {
    expect(isPersonalPayloadKey(key)).toBe(true);
  });

  it.each([
    'workerId',
    'employerId',
    'permitIds',
    'documentId',
    'emailTemplateId',
    'rosterFileId',
    'count',
    'dueAt',
    'kind',
  ])('accepts the id-like or plain field %s', (key) => {
    expect(isPersonalPayloadKey(key)).toBe(false);
  });
});

describe('looksLikePersonalValue', () => {
  it('spots e-mail addresses and international phone numbers in values', () => {
    expect(looksLikePersonalValue('maria.lopez@example.com')).toBe(true);
    expect(looksLikePersonalValue('+502 5555-1234')).toBe(true);
  });

  it('lets ids and timestamps through', () => {
    expect(looksLikePersonalValue('6650f0c2a1b2c3d4e5f60718')).toBe(false);
    expect(looksLikePersonalValue('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false);
    expect(looksLikePersonalValue('2026-01-31T00:00:00Z')).toBe(false);
    expect(looksLikePersonalValue(5551234)).toBe(false);
  });
});

describe('findPersonalData', () => {
  it('returns nothing for an ids-only payload', () => {
    expect(findPersonalData({ employerId: 'e-1', workerIds: ['w-1', 'w-2'], tier: 'HIGH' })).toEqual([]);
  });

  it('reports the paths of personal fields at any depth and in arrays, never their values', () => {
    const found = findPersonalData({
      employerId: 'e-1',
      worker: { document: { number: 'GT-123' } },
      rows: [{ workerId: 'w-1' }, { phone: '5555' }],
      note: 'write to maria@example.com',
      contact: 'maria@example.com',
    });
    expect(found).toEqual(['worker.document', 'rows[1].phone', 'contact (value)']);
    expect(found.join(' ')).not.toContain('GT-123');
  });
});
