import { CorrelationContext, sanitizeCorrelationId } from './correlation-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sanitizeCorrelationId', () => {
  it.each(['abcdefgh', 'req-2024.11:42_A', '0f8fad5b-d9cb-469f-a165-70867728950e', 'x'.repeat(128)])(
    'keeps a short, plain id (%s)',
    (id) => {
      expect(sanitizeCorrelationId(id)).toBe(id);
    },
  );

  it.each([
    ['too short', 'abc1234'],
    ['too long', 'x'.repeat(129)],
    ['log injection', 'abcdefgh\n{"level":"fatal"}'],
    ['spaces', 'abcd efgh'],
    ['markup', '<script>alert(1)</script>'],
    ['an e-mail address', 'worker@example.com'],
  ])('replaces %s with a new UUID', (_case, id) => {
    const result = sanitizeCorrelationId(id);
    expect(result).not.toBe(id);
    expect(result).toMatch(UUID);
  });

  it.each([undefined, null, 42, ['abcdefgh-1', 'abcdefgh-2']])(
    'replaces a non-string header value (%p)',
    (value) => {
      expect(sanitizeCorrelationId(value)).toMatch(UUID);
    },
  );
});

describe('CorrelationContext', () => {
  it('exposes the scope inside run and nothing outside it', async () => {
    expect(CorrelationContext.current()).toBeUndefined();
    const seen = await CorrelationContext.run({ correlationId: 'corr-12345678' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return CorrelationContext.correlationId();
    });
    expect(seen).toBe('corr-12345678');
    expect(CorrelationContext.current()).toBeUndefined();
  });
});
