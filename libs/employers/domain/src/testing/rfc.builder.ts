import { computeRfcCheckDigit, type RfcKind } from '../rfc/rfc';

const CHECK_DIGITS = '0123456789A';
let serial = 0;

/**
 * Builds RFC strings whose check digit is computed, never copied:
 * `anRfc().forIndividual().withLetters('ÑAÑO').build()`.
 * Each build without an explicit homoclave gets a different one, so RFCs are unique.
 */
export class RfcBuilder {
  private kind: RfcKind = 'COMPANY';
  private letters: string | null = null;
  private date = '150812';
  private homonymyKey: string | null = null;
  private checkDigit: 'computed' | 'wrong' = 'computed';
  private lowercase = false;

  forCompany(): this {
    this.kind = 'COMPANY';
    return this;
  }

  forIndividual(): this {
    this.kind = 'INDIVIDUAL';
    return this;
  }

  /** 3 letters for a company, 4 for an individual (A–Z, Ñ, &). */
  withLetters(letters: string): this {
    this.letters = letters;
    return this;
  }

  /** YYMMDD, not necessarily a real date. */
  withDate(yymmdd: string): this {
    this.date = yymmdd;
    return this;
  }

  /** The two homonymy characters before the check digit. */
  withHomonymyKey(twoCharacters: string): this {
    this.homonymyKey = twoCharacters;
    return this;
  }

  /** Any check digit but the right one. */
  withWrongCheckDigit(): this {
    this.checkDigit = 'wrong';
    return this;
  }

  inLowercase(): this {
    this.lowercase = true;
    return this;
  }

  /** Everything before the check digit. */
  body(): string {
    const letters = this.letters ?? (this.kind === 'COMPANY' ? 'FRO' : 'GOPE');
    const key = this.homonymyKey ?? this.nextHomonymyKey();
    this.homonymyKey = key;
    return `${letters}${this.date}${key}`;
  }

  build(): string {
    const body = this.body();
    const digit = computeRfcCheckDigit(body);
    const last =
      this.checkDigit === 'computed'
        ? digit
        : CHECK_DIGITS[(CHECK_DIGITS.indexOf(digit) + 1) % CHECK_DIGITS.length];
    const rfc = `${body}${last}`;
    return this.lowercase ? rfc.toLowerCase() : rfc;
  }

  private nextHomonymyKey(): string {
    serial += 1;
    // Two base-36 characters from the serial, skipping 0 and O for readability.
    const alphabet = '123456789ABCDEFGHIJKLMNPQRSTUVWXYZ';
    const n = serial % (alphabet.length * alphabet.length);
    return `${alphabet[Math.floor(n / alphabet.length)]}${alphabet[n % alphabet.length]}`;
  }
}

export function anRfc(): RfcBuilder {
  return new RfcBuilder();
}
