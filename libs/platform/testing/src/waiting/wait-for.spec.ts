import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), 'three calls', 1_000, 1);
    expect(value).toEqual({ calls: 3 });
  });

  it('keeps 0, "" and null (only undefined and false mean "not yet")', async () => {
    await expect(waitFor(() => 0, 'zero', 100, 1)).resolves.toBe(0);
    await expect(waitFor(() => '', 'empty', 100, 1)).resolves.toBe('');
    await expect(waitFor(() => null, 'null', 100, 1)).resolves.toBeNull();
  });

  it('awaits asynchronous probes and retries one that throws', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls += 1;
        if (calls < 2) throw new Error('not ready');
        return 'ready';
      },
      'readiness',
      1_000,
      1,
    );
    expect(value).toBe('ready');
  });

  it('fails after the timeout naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        'the employer document',
        30,
        5,
      ),
    ).rejects.toThrow(
      'timed out after 30 ms waiting for the employer document (last error: connection refused)',
    );
    await expect(waitFor(() => false, 'never', 20, 5)).rejects.toThrow(
      /^timed out after 20 ms waiting for never$/,
    );
  });
});
