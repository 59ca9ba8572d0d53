import { AuditErrors } from '../errors/audit-errors';
import { isValidMod37_2, MOD_37_2_CHARACTERS } from '../shared/check-character';
import { aReceiptCode, seededRandom } from '../testing';
import { ReceiptCode } from './receipt-code.value-object';

describe('receipt code', () => {
  it('reads Q-YY-XXXX-XXXX-C with a MOD 37-2 check character over year and random part', () => {
    const code = ReceiptCode.issue({ year: 2026, random: 'K7Q9M2XW' });
    expect(code.value).toMatch(/^Q-26-K7Q9-M2XW-[0-9A-Z*]$/);
    expect(isValidMod37_2(`26K7Q9M2XW${code.checkCharacter}`)).toBe(true);
    expect(code.compact).toBe(`Q26K7Q9M2XW${code.checkCharacter}`);
    expect(JSON.stringify({ code })).toBe(`{"code":"${code.value}"}`);
  });

  it('draws the random part from the caller’s source (32 characters, no I, O, 0, 1)', () => {
    const code = ReceiptCode.issue({ year: 2026, random: seededRandom(7) });
    expect(code.random).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(ReceiptCode.issue({ year: 2026, random: seededRandom(7) }).equals(code)).toBe(true);
  });

  it('parses as a person types it: case, spaces and dashes do not matter', () => {
    const code = aReceiptCode();
    expect(ReceiptCode.parse(code.value.toLowerCase()).equals(code)).toBe(true);
    expect(ReceiptCode.parse(code.compact.split('').join(' ')).equals(code)).toBe(true);
  });

  it('refuses every single mistyped character and every swap of adjacent characters (brute force on 25 codes)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const code = aReceiptCode(seed).compact;
      for (let i = 1; i < code.length; i++) {
        for (const c of MOD_37_2_CHARACTERS) {
          if (c === code[i]) continue;
          expect(ReceiptCode.tryParse(code.slice(0, i) + c + code.slice(i + 1))).toBeNull();
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          expect(
            ReceiptCode.tryParse(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)),
          ).toBeNull();
        }
      }
    }
  });

  it.each([
    ['', 'FORMAT'],
    ['Q-26-K7Q9-M2XW', 'FORMAT'],
    ['TVTF-CHP-26-K7Q9-M2XW-C', 'FORMAT'],
    ['Q-26-K7Q9-M2X1-A', 'FORMAT'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(() => ReceiptCode.parse(text)).toThrow(
      expect.objectContaining({
        code: AuditErrors.COMPLAINT_RECEIPT_CODE_INVALID.code,
        status: 422,
        params: { problem },
      }),
    );
  });

  it('names the problem of a wrong check character, and refuses a bad issue', () => {
    const code = ReceiptCode.issue({ year: 2026, random: 'K7Q9M2XW' });
    const wrong = code.compact.slice(0, -1) + (code.checkCharacter === 'A' ? 'B' : 'A');
    expect(() => ReceiptCode.parse(wrong)).toThrow(
      expect.objectContaining({ params: { problem: 'CHECK_CHARACTER' } }),
    );
    expect(() => ReceiptCode.issue({ year: 1999, random: 'K7Q9M2XW' })).toThrow(
      expect.objectContaining({ params: { problem: 'YEAR' } }),
    );
    expect(() => ReceiptCode.issue({ year: 2026, random: 'K7Q9M2X0' })).toThrow(
      expect.objectContaining({ params: { problem: 'RANDOM_PART' } }),
    );
  });
});
