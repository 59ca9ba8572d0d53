import { Employer } from '@frontera/employers-domain';
import { anEmployer, aRiskChange, aWorksite, day } from '@frontera/employers-domain/testing';
import { PiiCipher, PiiDecryptionError } from '@frontera/platform-pii';
import { EmployerDocumentMapper, encryptedPaths } from './employer-document.mapper';

const cipher = new PiiCipher({ encryptionKey: Buffer.alloc(32, 1), hashKey: Buffer.alloc(32, 2) });
const mapper = new EmployerDocumentMapper(cipher);

describe('EmployerDocumentMapper', () => {
  it('encrypts the RFC of every employer, plus the domain’s personal data paths of its kind', () => {
    expect(encryptedPaths('COMPANY')).toEqual(['rfc', 'contact', 'legalRepresentative']);
    expect(encryptedPaths('INDIVIDUAL')).toEqual([
      'rfc',
      'contact',
      'legalRepresentative',
      'legalName',
      'address.locality',
      'address.neighbourhood',
      'address.street',
      'address.postalCode',
    ]);
  });

  it('stores no personal value in clear and reads the same snapshot back', () => {
    const employer = anEmployer().individual().active().withWorksite(aWorksite()).build();
    employer.recordRiskChange(aRiskChange().computedAt(day(1)).build(), day(1));
    const snapshot = employer.toSnapshot();

    const fields = mapper.toFields(snapshot);
    const stored = JSON.stringify(fields);

    for (const personal of [
      snapshot.rfc,
      snapshot.legalName,
      snapshot.contact.email,
      snapshot.contact.phone,
      snapshot.address.street,
    ]) {
      expect(stored).not.toContain(personal);
    }
    expect(fields).toMatchObject({ state: 'CHP', status: 'ACTIVE', rating: 'A', kind: 'INDIVIDUAL' });
    expect(fields.personalData.map((p) => p.path)).toEqual([
      'rfc',
      'contact',
      'legalName',
      'address.locality',
      'address.neighbourhood',
      'address.street',
      'address.postalCode',
    ]);
    const back = mapper.toSnapshot({
      _id: employer.id,
      version: snapshot.version,
      record: fields.record,
      personalData: fields.personalData,
    });
    expect(back).toEqual(snapshot);
    expect(Employer.fromSnapshot(back).toSnapshot()).toEqual(snapshot);
  });

  it('finds the RFC through a keyed hash that does not reveal it', () => {
    const snapshot = anEmployer().build().toSnapshot();
    expect(mapper.rfcIndex(snapshot.rfc)).toBe(mapper.toFields(snapshot).rfcIndex);
    expect(mapper.rfcIndex(snapshot.rfc)).not.toContain(snapshot.rfc);
  });

  it('a ciphertext copied to another employer does not decrypt', () => {
    const a = anEmployer().build().toSnapshot();
    const fields = mapper.toFields(a);
    expect(() =>
      mapper.toSnapshot({
        _id: 'emp-other',
        version: 1,
        record: fields.record,
        personalData: fields.personalData,
      }),
    ).toThrow(PiiDecryptionError);
  });
});
