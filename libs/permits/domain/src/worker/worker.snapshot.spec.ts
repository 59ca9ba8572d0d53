import { PermitErrors } from '../errors/permit-errors';
import { anOfficer, aWorker, day } from '../testing';
import { Worker } from './worker.aggregate';
import type { WorkerSnapshot } from './worker.snapshot';

describe('Worker snapshot', () => {
  it('round-trips every part, and the rebuilt worker was loaded at its version', () => {
    const worker = aWorker().withPossibleDuplicate('worker-a').distinctFrom('worker-b').build();
    worker.absorbed('worker-c', anOfficer(), 'Same person', day(1));
    const snapshot = worker.toSnapshot();
    const again = Worker.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as WorkerSnapshot);
    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.persistedVersion).toBe(worker.version);
    expect(again.recordedHistory).toEqual([]);
    expect(again.pullEvents()).toEqual([]);
  });

  it('keeps the statistics and list fields top-level and in clear', () => {
    const snapshot = aWorker()
      .ofSex('F')
      .bornOn('2001-04-09')
      .withPossibleDuplicate('worker-a')
      .build()
      .toSnapshot();
    expect(snapshot).toMatchObject({
      schemaVersion: 1,
      status: 'ACTIVE',
      sex: 'F',
      birthYear: 2001,
      nationality: 'GTM',
      hasPendingDuplicates: true,
      mergedInto: null,
    });
  });

  it('round-trips a merged worker', () => {
    const snapshot = aWorker().mergedInto('worker-s').build().toSnapshot();
    expect(Worker.fromSnapshot(snapshot).mergedInto).toBe('worker-s');
    expect(snapshot.hasPendingDuplicates).toBe(false);
  });

  it.each([
    ['another schema version', (s: WorkerSnapshot) => ({ ...s, schemaVersion: 9 })],
    ['a version below 1', (s: WorkerSnapshot) => ({ ...s, version: 0 })],
    ['an unknown status', (s: WorkerSnapshot) => ({ ...s, status: 'DELETED' })],
    ['MERGED without a merge', (s: WorkerSnapshot) => ({ ...s, status: 'MERGED' })],
    [
      'a broken document',
      (s: WorkerSnapshot) => ({ ...s, identityDocument: { ...s.identityDocument, number: '?' } }),
    ],
    ['an impossible date of birth', (s: WorkerSnapshot) => ({ ...s, dateOfBirth: '1990-02-30' })],
    [
      'a history caller without a role',
      (s: WorkerSnapshot) => ({ ...s, registered: { ...s.registered, by: { id: 'x' } } }),
    ],
    ['not an object', () => null],
  ])('refuses %s with WORKER.SNAPSHOT_INVALID (500)', (_case, corrupt) => {
    const snapshot = corrupt(aWorker().build().toSnapshot()) as WorkerSnapshot;
    expect(() => Worker.fromSnapshot(snapshot)).toThrow(
      expect.objectContaining({ code: PermitErrors.WORKER_SNAPSHOT_INVALID.code, status: 500 }),
    );
  });

  it('does not put the rejected value in the problem', () => {
    const snapshot = { ...aWorker().build().toSnapshot(), phone: 'not-a-phone-5555' };
    expect(() => Worker.fromSnapshot(snapshot)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('5555') }),
    );
  });
});
