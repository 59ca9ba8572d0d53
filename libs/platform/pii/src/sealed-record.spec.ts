import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';
import { RecordSealer } from './sealed-record';

describe('RecordSealer', () => {
  const cipher = new PiiCipher({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
  const sealer = new RecordSealer(cipher, 'workers');
  const worker = {
    id: 'wkr_1',
    nationality: 'GTM',
    identityDocument: { type: 'PASSPORT', number: 'GT1234567', issuingCountry: 'GTM' },
    phone: '+50255551234',
    photoReference: null,
  };
  const paths = ['identityDocument.number', 'phone', 'photoReference'];

  it('takes the values at the paths out, encrypted, and leaves null in their place', () => {
    const sealed = sealer.seal('wkr_1', worker, paths);
    expect(sealed.record).toEqual({
      ...worker,
      identityDocument: { ...worker.identityDocument, number: null },
      phone: null,
    });
    expect(sealed.personalData.map((v) => v.path)).toEqual(['identityDocument.number', 'phone']);
    expect(JSON.stringify(sealed)).not.toContain('GT1234567');
    expect(JSON.stringify(sealed)).not.toContain('55551234');
    expect(worker.phone).toBe('+50255551234'); // the input is not changed
  });

  it('opens what it sealed', () => {
    expect(sealer.open('wkr_1', sealer.seal('wkr_1', worker, paths))).toEqual(worker);
  });

  it('does not open a value copied to another record or path', () => {
    const sealed = sealer.seal('wkr_1', worker, paths);
    expect(() => sealer.open('wkr_2', sealed)).toThrow();
    const swapped = {
      ...sealed,
      personalData: [{ ...sealed.personalData[1], path: 'identityDocument.number' }],
    };
    expect(() => sealer.open('wkr_1', swapped)).toThrow();
    expect(() => new RecordSealer(cipher, 'employers').open('wkr_1', sealed)).toThrow();
  });
});
