import { AppError } from '@frontera/shared-kernel';
import { EmployerErrors } from '../errors/employer-errors';
import { anRfc } from '../testing';
import { computeRfcCheckDigit, GENERIC_RFCS, Rfc, RFC_CHARACTER_TABLE } from './rfc';

function parseError(input: string): AppError {
  const result = Rfc.tryParse(input);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.error;
}

describe('computeRfcCheckDigit (SAT mod-11)', () => {
  it('maps characters to their index in the SAT table: 0–9, A–N, &, O–Z, space, Ñ', () => {
    expect(RFC_CHARACTER_TABLE.indexOf('9')).toBe(9);
    expect(RFC_CHARACTER_TABLE.indexOf('A')).toBe(10);
    expect(RFC_CHARACTER_TABLE.indexOf('N')).toBe(23);
    expect(RFC_CHARACTER_TABLE.indexOf('&')).toBe(24);
    expect(RFC_CHARACTER_TABLE.indexOf('O')).toBe(25);
    expect(RFC_CHARACTER_TABLE.indexOf('Z')).toBe(36);
    expect(RFC_CHARACTER_TABLE.indexOf(' ')).toBe(37);
    expect(RFC_CHARACTER_TABLE.indexOf('Ñ')).toBe(38);
  });

  it('follows the published algorithm step by step for an individual (weights 13..2, 11 − sum mod 11)', () => {
    // Given the 12 characters before the check digit of an individual's RFC
    const body = anRfc().forIndividual().withLetters('GODE').withDate('561231').withHomonymyKey('GR').body();
    // When the weighted sum is computed by hand
    const sum = [...body].reduce((acc, ch, i) => acc + RFC_CHARACTER_TABLE.indexOf(ch) * (13 - i), 0);
    const expected = 11 - (sum % 11);
    // Then the function agrees, with 10 → A and 11 → 0
    expect(computeRfcCheckDigit(body)).toBe(expected === 11 ? '0' : expected === 10 ? 'A' : String(expected));
  });

  it('left-pads a company RFC with a space (worth 37 × 13) before summing', () => {
    const body = anRfc().forCompany().withLetters('MAB').withDate('930714').withHomonymyKey('8T').body();
    const sum = [...` ${body}`].reduce((acc, ch, i) => acc + RFC_CHARACTER_TABLE.indexOf(ch) * (13 - i), 0);
    const digit = 11 - (sum % 11);
    expect(computeRfcCheckDigit(body)).toBe(digit === 11 ? '0' : digit === 10 ? 'A' : String(digit));
  });

  it('yields both special digits: "A" for 10 and "0" for 11', () => {
    // Given homonymy keys tried until each special digit appears (the algorithm decides, not a copied literal)
    const digits = new Set<string>();
    for (const key of [
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '1A',
      '1B',
      '1C',
      '1D',
      '1E',
      '1F',
    ]) {
      digits.add(computeRfcCheckDigit(anRfc().forCompany().withHomonymyKey(key).body()));
    }
    expect(digits).toContain('A');
    expect(digits).toContain('0');
  });

  it.each([
    ['SAT970701NN3', 'the SAT itself (company)'],
    ['EKU9003173C9', 'SAT CFDI test certificate (company)'],
    ['XIA190128J61', 'SAT CFDI test certificate (company)'],
    ['H&E951128469', 'SAT CFDI test certificate (company with &)'],
    ['MAB9307148T4', 'python-stdnum example (company)'],
    ['CACX7605101P8', 'SAT CFDI test certificate (individual)'],
    ['GODE561231GR8', 'SAT / python-stdnum example (individual)'],
  ])('agrees with the public RFC %s — %s', (rfc) => {
    expect(computeRfcCheckDigit(rfc.slice(0, -1))).toBe(rfc.slice(-1));
    expect(Rfc.parse(rfc).value).toBe(rfc);
  });

  it('refuses the public example VACE460910SX6, whose check digit is known not to validate', () => {
    expect(parseError('VACE460910SX6').code).toBe(EmployerErrors.RFC_INVALID_CHECK_DIGIT.code);
  });

  it('refuses input that is not 11 or 12 characters of the RFC alphabet', () => {
    expect(() => computeRfcCheckDigit('ABC')).toThrow(AppError);
    expect(() => computeRfcCheckDigit('AB1150812XY')).toThrow(AppError);
  });
});

describe('Rfc.parse', () => {
  describe('valid RFCs', () => {
    it('accepts a 12-character company RFC with a computed check digit, as kind COMPANY', () => {
      const input = anRfc().forCompany().build();
      const rfc = Rfc.parse(input);
      expect(rfc.value).toBe(input);
      expect(rfc.kind).toBe('COMPANY');
      expect(rfc.namePart).toHaveLength(3);
      expect(rfc.datePart).toBe(input.slice(3, 9));
      expect(rfc.homoclave).toBe(input.slice(-3));
      expect(rfc.checkDigit).toBe(computeRfcCheckDigit(input.slice(0, -1)));
    });

    it('accepts a 13-character individual RFC, as kind INDIVIDUAL', () => {
      const input = anRfc().forIndividual().build();
      const rfc = Rfc.parse(input);
      expect(rfc.kind).toBe('INDIVIDUAL');
      expect(rfc.namePart).toHaveLength(4);
    });

    it.each([
      ['Ñ in a company name', anRfc().forCompany().withLetters('ÑAN')],
      ['& in a company name', anRfc().forCompany().withLetters('M&S')],
      ['Ñ in an individual name', anRfc().forIndividual().withLetters('NUÑE')],
    ])('accepts %s', (_case, builder) => {
      const input = builder.build();
      expect(Rfc.parse(input).value).toBe(input);
    });

    it('normalises lowercase input (including ñ) to upper case', () => {
      const builder = anRfc().forIndividual().withLetters('NUÑE');
      const upper = builder.build();
      const lower = builder.inLowercase().build();
      expect(lower).not.toBe(upper);
      expect(Rfc.parse(lower).value).toBe(upper);
    });

    it('drops spaces and hyphens people type between the parts, and surrounding whitespace', () => {
      const input = anRfc().forCompany().build();
      const typed = `  ${input.slice(0, 3)}-${input.slice(3, 9)} ${input.slice(9)} `;
      expect(Rfc.parse(typed).value).toBe(input);
    });

    it('accepts 29 February in a leap year (YY divisible by 4)', () => {
      expect(Rfc.isValid(anRfc().forCompany().withDate('000229').build())).toBe(true);
      expect(Rfc.isValid(anRfc().forIndividual().withDate('960229').build())).toBe(true);
    });

    it('compares by value', () => {
      const input = anRfc().forCompany().build();
      expect(Rfc.parse(input).equals(Rfc.parse(input.toLowerCase()))).toBe(true);
      expect(JSON.stringify({ rfc: Rfc.parse(input) })).toBe(JSON.stringify({ rfc: input }));
    });
  });

  describe('invalid RFCs', () => {
    it.each([
      ['too short', 'ABC15081'],
      ['11 characters', anRfc().forCompany().build().slice(0, 11)],
      ['14 characters', `${anRfc().forIndividual().build()}1`],
      ['digits where the letters go', `1${anRfc().forCompany().build().slice(1)}`],
      [
        'letters in the date',
        anRfc()
          .forCompany()
          .build()
          .replace(/^(.{3})\d/, '$1X'),
      ],
      ['punctuation', anRfc().forCompany().build().replace(/.$/, '*')],
      ['empty', ''],
    ])('refuses the format: %s', (_case, input) => {
      expect(parseError(input).code).toBe(EmployerErrors.RFC_INVALID_FORMAT.code);
    });

    it('refuses a non-string as a format error', () => {
      expect(Rfc.tryParse(undefined)).toMatchObject({
        ok: false,
        error: { code: 'EMPLOYER.RFC_INVALID_FORMAT' },
      });
    });

    it.each([
      ['30 February', '990230'],
      ['29 February outside a leap year', '010229'],
      ['month 13', '001301'],
      ['month 00', '000015'],
      ['day 00', '010100'],
      ['31 April', '990431'],
    ])('refuses a date part that is not a real date: %s (%s)', (_case, date) => {
      // The check digit is computed, so only the date can be wrong
      expect(parseError(anRfc().forCompany().withDate(date).build()).code).toBe(
        EmployerErrors.RFC_INVALID_DATE.code,
      );
      expect(parseError(anRfc().forIndividual().withDate(date).build()).code).toBe(
        EmployerErrors.RFC_INVALID_DATE.code,
      );
    });

    it.each([
      ['company', anRfc().forCompany()],
      ['individual', anRfc().forIndividual()],
    ])('refuses a wrong check digit (%s)', (_case, builder) => {
      const error = parseError(builder.withWrongCheckDigit().build());
      expect(error.code).toBe(EmployerErrors.RFC_INVALID_CHECK_DIGIT.code);
      expect(error.status).toBe(422);
    });

    it.each(GENERIC_RFCS.map((rfc) => [rfc]))('refuses the generic RFC %s, also in lower case', (generic) => {
      expect(parseError(generic).code).toBe(EmployerErrors.RFC_GENERIC_NOT_ALLOWED.code);
      expect(parseError(generic.toLowerCase()).code).toBe(EmployerErrors.RFC_GENERIC_NOT_ALLOWED.code);
    });

    it('throws a AppError from parse, without echoing the RFC (personal data for individuals)', () => {
      const input = anRfc().forIndividual().withWrongCheckDigit().build();
      let thrown: unknown;
      try {
        Rfc.parse(input);
      } catch (error) {
        thrown = error;
      }
      expect(EmployerErrors.RFC_INVALID_CHECK_DIGIT.is(thrown)).toBe(true);
      expect(JSON.stringify(thrown)).not.toContain(input);
      expect((thrown as AppError).detail.es).toMatch(/dígito verificador/);
    });
  });
});
