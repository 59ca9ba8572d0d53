import { AppError } from '@frontera/shared-kernel';
import { READ_PURPOSE_MAX_LENGTH, requireReadPurpose } from './personal-data-read.policy';

function refusal(value: unknown): AppError {
  try {
    requireReadPurpose(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the purpose was accepted');
}

describe('the purpose of a read of personal data', () => {
  it('Given a stated purpose, Then it is kept trimmed with its inner whitespace collapsed', () => {
    expect(requireReadPurpose('  Revisión de la solicitud   app_1 \n antes de aprobar ')).toBe(
      'Revisión de la solicitud app_1 antes de aprobar',
    );
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', ' \t\n '],
    ['not a text', 42],
    ['an object', { $ne: null }],
  ])(
    'Given a purpose that is %s, Then the read is refused with WORKER.INVALID_READ_PURPOSE / REQUIRED',
    (_case, value) => {
      const error = refusal(value);
      expect(error.code).toBe('WORKER.INVALID_READ_PURPOSE');
      expect(error.status).toBe(422);
      expect(error.params).toMatchObject({ field: 'purpose', constraint: 'REQUIRED' });
    },
  );

  it('Given a purpose longer than the limit, Then it is refused with TOO_LONG and the limit, never the text', () => {
    const text = `Consulta ${'x'.repeat(READ_PURPOSE_MAX_LENGTH)}`;
    const error = refusal(text);
    expect(error.params).toMatchObject({
      field: 'purpose',
      constraint: 'TOO_LONG',
      max: READ_PURPOSE_MAX_LENGTH,
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('xxxxxxxxxx');
  });

  it('accepts a purpose of exactly the limit', () => {
    expect(requireReadPurpose('p'.repeat(READ_PURPOSE_MAX_LENGTH))).toHaveLength(READ_PURPOSE_MAX_LENGTH);
  });
});
