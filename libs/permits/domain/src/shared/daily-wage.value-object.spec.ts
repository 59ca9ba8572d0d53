import { PermitErrors } from '../errors/permit-errors';
import { DailyWage, MAX_DAILY_WAGE } from './daily-wage.value-object';

const wage = (value: unknown) => DailyWage.of(value, 'dailyWage', PermitErrors.APPLICATION_INVALID_DATA);

describe('DailyWage', () => {
  it.each([315.04, 350, 0.01, 419.88, MAX_DAILY_WAGE])('accepts %p MXN', (value) => {
    expect(wage(value).amount).toBe(value);
    expect(wage(value).currency).toBe('MXN');
  });

  it.each([
    [0, 'OUT_OF_RANGE'],
    [-10, 'OUT_OF_RANGE'],
    [MAX_DAILY_WAGE + 1, 'OUT_OF_RANGE'],
    [315.045, 'INVALID_FORMAT'],
    [Number.NaN, 'NOT_A_NUMBER'],
    ['350', 'NOT_A_NUMBER'],
    [undefined, 'REQUIRED'],
  ])('refuses %p (%s)', (value, constraint) => {
    expect(() => wage(value)).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ field: 'dailyWage', constraint }) }),
    );
  });

  it('compares in whole centavos', () => {
    expect(wage(0.1 + 0.2).cents).toBe(30);
    expect(wage(315.04).isAtLeast(wage(315.04))).toBe(true);
    expect(wage(315.03).isAtLeast(wage(315.04))).toBe(false);
    expect(wage(350).toString()).toBe('350.00 MXN');
  });
});
