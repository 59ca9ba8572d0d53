import { given } from '@frontera/shared-kernel/testing';
import { PermitErrors } from '../errors/permit-errors';
import { anOfficer, aWorker, day } from '../testing';
import { classifyDuplicate, scoreDuplicate } from './duplicates/duplicate-scoring.policy';
import { allowedWorkerActions, WORKER_ACTIONS, WORKER_LIFECYCLE } from './worker-lifecycle';
import type { Worker } from './worker.aggregate';

const officer = anOfficer('officer-7');

describe('possible duplicates: flagging', () => {
  it('Given a newly registered worker and a close match, When the pair is flagged, Then it is pending with its score', () => {
    const existing = aWorker().named('José Luis', 'Pérez', 'López').build();
    const candidate = aWorker().named('JOSE LUIS', 'PEREZ', 'LOPEZ').build();
    const { score } = scoreDuplicate(candidate.duplicateProfile(), existing.duplicateProfile());
    expect(classifyDuplicate(score)).toBe('POSSIBLE_DUPLICATE');

    given(candidate)
      .when((w) => w.flagPossibleDuplicate(existing.id, score, day(1)))
      .thenEvents([
        {
          type: 'WorkerPossibleDuplicateFlagged',
          workerId: candidate.id,
          otherWorkerId: existing.id,
          score: 1,
        },
      ]);
    expect(candidate.hasPendingDuplicates).toBe(true);
    expect(candidate.possibleDuplicates).toEqual([
      { workerId: existing.id, score: 1, flaggedAt: day(1).toISOString() },
    ]);
    expect(candidate.recordedHistory.at(-1)).toMatchObject({
      action: 'FLAG_POSSIBLE_DUPLICATE',
      actor: { role: 'system' },
      relatedId: existing.id,
    });
  });

  it('flags a pair once: again is a no-op', () => {
    given(aWorker().withPossibleDuplicate('worker-other', 0.93))
      .when((w) => w.flagPossibleDuplicate('worker-other', 0.95, day(1)))
      .then((worker, flagged, events) => {
        expect(flagged).toBe(false);
        expect(events).toEqual([]);
        expect(worker.possibleDuplicates.map((p) => p.score)).toEqual([0.93]);
      });
  });

  it('never flags again a pair an officer marked distinct', () => {
    given(aWorker().distinctFrom('worker-other'))
      .when((w) => w.flagPossibleDuplicate('worker-other', 0.99, day(1)))
      .then((worker, flagged) => {
        expect(flagged).toBe(false);
        expect(worker.isKnownDistinctFrom('worker-other')).toBe(true);
        expect(worker.hasPendingDuplicates).toBe(false);
      });
  });

  it('refuses itself as its own duplicate and a score outside 0..1', () => {
    const worker = aWorker().build();
    given(worker)
      .when((w) => w.flagPossibleDuplicate(w.id, 0.9, day(1)))
      .thenFails(PermitErrors.WORKER_DUPLICATE_SELF, { field: 'otherWorkerId' });
    given(aWorker())
      .when((w) => w.flagPossibleDuplicate('worker-other', 1.2, day(1)))
      .thenFails(PermitErrors.WORKER_INVALID_DUPLICATE_SCORE, { field: 'score', constraint: 'OUT_OF_RANGE' });
  });
});

describe('possible duplicates: an officer marks them distinct', () => {
  it('resolves the pair as DISTINCT, with who, when and why', () => {
    given(aWorker().withPossibleDuplicate('worker-other'))
      .when((w) => w.markDistinct('worker-other', officer, 'Different mothers on the DPI records', day(2)))
      .thenEvents([
        {
          type: 'WorkerDuplicateResolved',
          otherWorkerId: 'worker-other',
          resolution: 'DISTINCT',
          actorId: 'officer-7',
        },
      ]);
  });

  it('records the resolution and clears the pending flag', () => {
    given(aWorker().withPossibleDuplicate('worker-other'))
      .when((w) => w.markDistinct('worker-other', officer, 'Different people', day(2)))
      .then((worker) => {
        expect(worker.hasPendingDuplicates).toBe(false);
        expect(worker.resolvedDuplicates).toEqual([
          {
            workerId: 'worker-other',
            resolution: 'DISTINCT',
            at: day(2).toISOString(),
            by: officer,
            reason: 'Different people',
          },
        ]);
        expect(worker.recordedHistory.at(-1)).toMatchObject({
          action: 'MARK_DISTINCT',
          actor: officer,
          reason: 'Different people',
        });
      });
  });

  it('is a no-op when already distinct, and 409 when the pair was never flagged', () => {
    given(aWorker().distinctFrom('worker-other'))
      .when((w) => w.markDistinct('worker-other', officer, 'Again', day(2)))
      .thenNoEvents();
    given(aWorker())
      .when((w) => w.markDistinct('worker-other', officer, 'Not flagged', day(2)))
      .thenFails(PermitErrors.WORKER_DUPLICATE_NOT_FLAGGED, { otherWorkerId: 'worker-other' });
  });
});

describe('possible duplicates: merge', () => {
  it('Given a flagged pair, When the officer merges this record into the other, Then it is MERGED, pointing at the survivor', () => {
    given(aWorker().withPossibleDuplicate('worker-survivor'))
      .when((w) => w.mergeInto('worker-survivor', officer, 'Same DPI photo, two spellings', day(3)))
      .thenEvents([
        {
          type: 'WorkerDuplicateResolved',
          otherWorkerId: 'worker-survivor',
          resolution: 'MERGED',
          actorId: 'officer-7',
        },
        { type: 'WorkerMerged', survivorId: 'worker-survivor', actorId: 'officer-7' },
      ]);
  });

  it('keeps the history of the merged record and names the survivor', () => {
    given(aWorker())
      .when((w) => w.mergeInto('worker-survivor', officer, 'Same person', day(3)))
      .then((worker, merged, events) => {
        expect(merged).toBe(true);
        expect(worker.status).toBe('MERGED');
        expect(worker.mergedInto).toBe('worker-survivor');
        expect(events).toEqual([
          expect.objectContaining({ type: 'WorkerMerged', mergedId: worker.id, workerId: worker.id }),
        ]);
        expect(worker.recordedHistory.at(-1)).toMatchObject({
          action: 'MERGE_INTO',
          field: 'status',
          from: 'ACTIVE',
          to: 'MERGED',
        });
        expect(worker.allowedActions).toEqual([]);
      });
  });

  it('is a no-op to merge into the same survivor again, and refuses another survivor (409 WORKER.MERGED)', () => {
    given(aWorker().mergedInto('worker-survivor'))
      .when((w) => w.mergeInto('worker-survivor', officer, 'Retry', day(4)))
      .thenNoEvents();
    given(aWorker().mergedInto('worker-survivor'))
      .when((w) => w.mergeInto('worker-third', officer, 'Another', day(4)))
      .thenFails(PermitErrors.WORKER_MERGED, {
        survivorId: 'worker-survivor',
        currentState: 'MERGED',
        allowedActions: [],
      });
  });

  const refused: [string, (w: Worker) => unknown][] = [
    ['CORRECT', (w) => w.correct({ sex: 'F' }, officer, 'Typo', day(4))],
    ['FLAG_POSSIBLE_DUPLICATE', (w) => w.flagPossibleDuplicate('worker-9', 0.9, day(4))],
    ['MARK_DISTINCT', (w) => w.markDistinct('worker-9', officer, 'No', day(4))],
    ['ABSORB', (w) => w.absorbed('worker-9', officer, 'No', day(4))],
  ];
  it.each(refused)(
    'a merged record refuses %s with 409 WORKER.MERGED, changing nothing',
    (action, attempt) => {
      const worker = aWorker().mergedInto('worker-survivor').build();
      const before = worker.toSnapshot();
      given(worker)
        .when(attempt)
        .thenFails(PermitErrors.WORKER_MERGED, { action, survivorId: 'worker-survivor' });
      expect(worker.toSnapshot()).toEqual(before);
    },
  );

  it('the survivor records what it absorbed, once, resolving its own flag on the pair', () => {
    given(aWorker().withPossibleDuplicate('worker-merged'))
      .when((w) => w.absorbed('worker-merged', officer, 'Same person', day(3)))
      .then((worker, changed, events) => {
        expect(changed).toBe(true);
        expect(worker.absorbedIds).toEqual(['worker-merged']);
        expect(worker.hasPendingDuplicates).toBe(false);
        expect(events).toEqual([
          expect.objectContaining({ type: 'WorkerDuplicateResolved', resolution: 'MERGED' }),
        ]);
      });
    const survivor = aWorker().build();
    survivor.absorbed('worker-merged', officer, 'Same person', day(3));
    survivor.pullEvents();
    given(survivor)
      .when((w) => w.absorbed('worker-merged', officer, 'Same person', day(4)))
      .thenNoEvents();
  });

  it('refuses to merge a record into itself', () => {
    given(aWorker().withId('worker-self'))
      .when((w) => w.mergeInto('worker-self', officer, 'Oops', day(3)))
      .thenFails(PermitErrors.WORKER_DUPLICATE_SELF, { field: 'survivorId' });
  });
});

describe('worker lifecycle table', () => {
  it('allows every action while ACTIVE and none once MERGED', () => {
    expect(allowedWorkerActions('ACTIVE')).toEqual(WORKER_ACTIONS);
    expect(allowedWorkerActions('MERGED')).toEqual([]);
    expect(WORKER_LIFECYCLE.MERGE_INTO.ACTIVE).toBe('MERGED');
  });
});
