import type { ErrorDefinition } from '@frontera/shared-kernel';

/** A daily wage above this (MXN) is a typing error, not an offer. */
export const MAX_DAILY_WAGE = 100_000;

/**
 * An offered daily wage in Mexican pesos: a number > 0 with at most two decimals (centavos),
 * at most {@link MAX_DAILY_WAGE}. Kept as whole centavos so comparisons are exact.
 */
export class DailyWage {
  readonly currency = 'MXN' as const;

  private constructor(readonly cents: number) {}

  /** Validates; raises `error` with `{ field, constraint }` (NOT_A_NUMBER, OUT_OF_RANGE, INVALID_FORMAT). */
  static of(value: unknown, field: string, error: ErrorDefinition): DailyWage {
    if (value instanceof DailyWage) return value;
    if (value === undefined || value === null || value === '') {
      throw error.create({ field, constraint: 'REQUIRED' });
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw error.create({ field, constraint: 'NOT_A_NUMBER' });
    }
    if (value <= 0 || value > MAX_DAILY_WAGE) {
      throw error.create({ field, constraint: 'OUT_OF_RANGE', min: 0.01, max: MAX_DAILY_WAGE });
    }
    const cents = Math.round(value * 100);
    if (Math.abs(cents - value * 100) > 1e-6) {
      throw error.create({ field, constraint: 'INVALID_FORMAT', format: '123.45 (at most 2 decimals)' });
    }
    return new DailyWage(cents);
  }

  /** The amount in pesos (e.g. 350.5). */
  get amount(): number {
    return this.cents / 100;
  }

  isAtLeast(other: DailyWage): boolean {
    return this.cents >= other.cents;
  }

  equals(other: DailyWage): boolean {
    return this.cents === other.cents;
  }

  toString(): string {
    return `${(this.cents / 100).toFixed(2)} MXN`;
  }

  toJSON(): number {
    return this.amount;
  }
}
