import { PermitErrors } from '../errors/permit-errors';
import { DEFAULT_SHARED_PHONE_THRESHOLD, sharedContactSignal } from './shared-contact.policy';

describe('sharedContactSignal', () => {
  const w = (workerId: string, ...employerIds: string[]) => ({ workerId, employerIds });

  it('stays silent below the threshold (default three workers)', () => {
    expect(DEFAULT_SHARED_PHONE_THRESHOLD).toBe(3);
    expect(sharedContactSignal([w('worker-1', 'emp-1'), w('worker-2', 'emp-1')])).toBeNull();
  });

  it('gives sorted, distinct worker and employer ids and the count — never the phone', () => {
    expect(
      sharedContactSignal([
        w('worker-3', 'emp-2'),
        w('worker-1', 'emp-1'),
        w('worker-2', 'emp-1', 'emp-2'),
        w('worker-1', 'emp-1'),
      ]),
    ).toEqual({
      workerIds: ['worker-1', 'worker-2', 'worker-3'],
      employerIds: ['emp-1', 'emp-2'],
      count: 3,
    });
  });

  it('takes a configured threshold', () => {
    expect(sharedContactSignal([w('worker-1'), w('worker-2')], 2)?.count).toBe(2);
    expect(() => sharedContactSignal([], 1)).toThrow(
      expect.objectContaining({ code: PermitErrors.INVALID_OPTIONS.code }),
    );
  });
});
