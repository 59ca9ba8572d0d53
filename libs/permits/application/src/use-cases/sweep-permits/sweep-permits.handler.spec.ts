import { PermitErrors, type PermitOptions } from '@frontera/permits-domain';
import { aPermit, at, T0 } from '@frontera/permits-domain/testing';
import { FixedClock, InMemoryAggregateLock } from '@frontera/shared-application/testing';
import { LockErrors } from '@frontera/shared-kernel';
import type { SaveOptions, SaveOutcome } from '@frontera/shared-application';
import type { PermitsIntegrationEvent } from '../../events/integration-events';
import {
  InMemoryApplicationRepository,
  InMemoryPermitRepository,
  InMemoryWorkerRepository,
} from '../../testing';
import { SweepPermitsHandler, type SweepPermitsDeps } from './sweep-permits.handler';

/**
 * Permits issued at T0 (2026-03-02, 09:00 in Chiapas) valid ten days: expiry day 2026-03-12
 * (local midnight: 06:00Z in Chiapas, 05:00Z in Quintana Roo), notice five days before, 2026-03-07.
 */
const OPTIONS: PermitOptions = { validity: { days: 10 }, noticeDays: 5 };
const EXPIRY_DAY = '2026-03-12';
const NOTICE_DAY = '2026-03-07';
const CHP_MIDNIGHT = at('2026-03-12T06:00:00Z');
const ROO_MIDNIGHT = at('2026-03-12T05:00:00Z');

function setup(settings: { catchUpDays?: number; batchSize?: number } = {}) {
  const permits = new InMemoryPermitRepository(OPTIONS);
  const deps: SweepPermitsDeps = {
    workers: new InMemoryWorkerRepository(),
    applications: new InMemoryApplicationRepository(),
    permits,
    lock: new InMemoryAggregateLock(),
    clock: new FixedClock(T0),
    permitOptions: OPTIONS,
  };
  const handler = new SweepPermitsHandler(deps, { catchUpDays: settings.catchUpDays ?? 7, ...settings });
  const run = (now: Date) => handler.execute({ now, correlationId: 'job-1' });
  /** The permit as stored now. */
  const current = (id: string) => {
    const found = permits.stored(id);
    if (!found) throw new Error(`no permit ${id}`);
    return found;
  };
  return { permits, handler, run, deps, current };
}

const permit = () => aPermit().withOptions(OPTIONS);

function fail(): never {
  throw new Error('a permit was not stored');
}

describe('SweepPermitsHandler', () => {
  it('Given a permit on its notice day, When the sweep runs, Then it raises the notice once (frontera.permit.expiring) and clears the bucket', async () => {
    const { permits, run, current } = setup();
    const [p = fail()] = permits.given(permit().build());
    expect(p.noticeOn).toBe(NOTICE_DAY);

    const result = await run(at('2026-03-07T07:00:00Z'));

    expect(result).toMatchObject({ noticed: 1, expired: 0, failed: 0, to: NOTICE_DAY });
    expect(permits.store.eventTypesOf(p.id)).toEqual(['frontera.permit.expiring']);
    expect(current(p.id).noticeOn).toBeNull();
    expect(permits.store.hasApplied(p.id, `notice:${NOTICE_DAY}`)).toBe(true);
    const [event] = permits.store.published;
    expect(event).toMatchObject({ correlationid: 'job-1', causationid: `notice:${NOTICE_DAY}` });

    const again = await run(at('2026-03-07T08:00:00Z'));
    expect(again).toMatchObject({ noticed: 0, expired: 0, unchanged: 0, failed: 0 });
    expect(permits.store.eventTypesOf(p.id)).toEqual(['frontera.permit.expiring']);
  });

  it('Given an ACTIVE and a SUSPENDED permit past their local midnight, When the sweep runs, Then both are EXPIRED, once', async () => {
    const { permits, run, current } = setup();
    const [active = fail(), suspended = fail()] = permits.given(
      permit().build(),
      permit().suspended().build(),
    );

    const first = await run(CHP_MIDNIGHT);

    // Catch-up covers the notice day too (7 days back): notice first, then expiry.
    expect(first).toMatchObject({ noticed: 2, expired: 2, failed: 0, from: '2026-03-05', to: EXPIRY_DAY });
    for (const p of [active, suspended]) {
      expect(current(p.id)).toMatchObject({ status: 'EXPIRED', expiresOn: null, noticeOn: null });
      expect(permits.store.eventTypesOf(p.id)).toEqual([
        'frontera.permit.expiring',
        'frontera.permit.expired',
      ]);
      expect(permits.store.hasApplied(p.id, `expire:${EXPIRY_DAY}`)).toBe(true);
    }
    const writes = permits.store.writes;

    const second = await run(new Date(CHP_MIDNIGHT.getTime() + 3_600_000));

    expect(second).toMatchObject({ noticed: 0, expired: 0, unchanged: 0, failed: 0 });
    expect(permits.store.writes).toBe(writes);
  });

  it('a run over no due permits reads only the empty buckets, however many permits exist', async () => {
    const { permits, run } = setup({ catchUpDays: 7 });
    permits.given(...Array.from({ length: 40 }, () => permit().build()));
    permits.store.resetCounts();

    const result = await run(at('2026-03-04T12:00:00Z'));

    expect(result).toMatchObject({ queries: 16, noticed: 0, expired: 0, unchanged: 0 });
    expect(permits.store.callsOf('idsDueOn')).toBe(16); // 8 days × 2 buckets
    expect(permits.store.callsOf('findById')).toBe(0);
    expect(permits.store.writes).toBe(0);
    expect(permits.dueQueries.map((q) => `${q.bucket}:${q.day}`)).toEqual(
      ['02-25', '02-26', '02-27', '02-28', '03-01', '03-02', '03-03', '03-04'].flatMap((d) => [
        `noticeOn:2026-${d}`,
        `expiresOn:2026-${d}`,
      ]),
    );
  });

  it('today is the latest local day among the states: a Quintana Roo permit expires at its midnight, a Chiapas one of the same day is skipped (NOT_YET_EXPIRED), not failed, and expires at its own', async () => {
    const { permits, handler, run, current } = setup({ catchUpDays: 0 });
    const [roo = fail(), chp = fail()] = permits.given(permit().inState('ROO').build(), permit().build());
    expect(roo.expiresOn).toBe(EXPIRY_DAY);
    expect(chp.expiresOn).toBe(EXPIRY_DAY);
    const between = new Date(ROO_MIDNIGHT.getTime() + 30 * 60_000); // 00:30 in ROO, 23:30 the day before in CHP
    expect(handler.bucketDays(between)).toEqual([EXPIRY_DAY]);

    const early = await run(between);

    expect(early).toMatchObject({ expired: 1, unchanged: 1, failed: 0 });
    expect(current(roo.id).status).toBe('EXPIRED');
    expect(current(chp.id)).toMatchObject({ status: 'ACTIVE', expiresOn: EXPIRY_DAY });

    const later = await run(CHP_MIDNIGHT);

    expect(later).toMatchObject({ expired: 1, unchanged: 0, failed: 0 });
    expect(current(chp.id).status).toBe('EXPIRED');
  });

  it('never re-reads a permit whose bucket does not clear, and still reaches the permits behind more of them than a batch', async () => {
    const { permits, run, current } = setup({ catchUpDays: 0, batchSize: 2 });
    // Five Chiapas permits whose midnight has not come, stored before three of Quintana Roo that are due.
    const waiting = permits.given(...Array.from({ length: 5 }, () => permit().build()));
    const due = permits.given(...Array.from({ length: 3 }, () => permit().inState('ROO').build()));
    permits.store.resetCounts();

    const result = await run(new Date(ROO_MIDNIGHT.getTime() + 60_000));

    expect(result).toMatchObject({ expired: 3, unchanged: 5, failed: 0 });
    for (const p of due) expect(current(p.id).status).toBe('EXPIRED');
    for (const p of waiting) expect(current(p.id).status).toBe('ACTIVE');
    expect(permits.store.callsOf('findById')).toBe(8); // each permit loaded once
    const expiryQueries = permits.dueQueries.filter((q) => q.bucket === 'expiresOn');
    expect(expiryQueries.map((q) => q.limit)).toEqual([2, 4, 6, 8]); // the last read finds fewer than asked: the end
  });

  it('a permit that fails is counted and left for the next run; the others are swept', async () => {
    const { permits, deps, run, current } = setup();
    const [failing = fail(), fine = fail()] = permits.given(permit().build(), permit().build());
    const save = permits.save.bind(permits);
    let failures = 1;
    permits.save = (
      p,
      events: readonly PermitsIntegrationEvent[],
      options?: SaveOptions,
    ): Promise<SaveOutcome> => {
      if (p.id === failing.id && failures-- > 0) throw LockErrors.BUSY.create();
      return save(p, events, options);
    };
    expect(deps.permits).toBe(permits);

    const first = await run(at('2026-03-07T07:00:00Z'));

    expect(first).toMatchObject({
      noticed: 1,
      failed: 1,
      failures: [{ permitId: failing.id, action: 'NOTICE', code: 'PERMIT.BUSY' }],
    });
    expect(current(fine.id).noticeOn).toBeNull();
    expect(current(failing.id).noticeOn).toBe(NOTICE_DAY);

    const retried = await run(at('2026-03-07T08:00:00Z'));

    expect(retried).toMatchObject({ noticed: 1, failed: 0 });
    expect(permits.store.eventTypesOf(failing.id)).toEqual(['frontera.permit.expiring']);
  });

  it('catches up the buckets of the last SWEEP_CATCH_UP_DAYS days, not older ones', async () => {
    const { permits, run, current } = setup({ catchUpDays: 3 });
    const [p = fail()] = permits.given(permit().build());

    const threeDaysLate = await run(at('2026-03-15T12:00:00Z'));
    expect(threeDaysLate).toMatchObject({ from: EXPIRY_DAY, to: '2026-03-15', expired: 1, noticed: 0 });
    expect(current(p.id).status).toBe('EXPIRED');

    const { permits: others, run: runLate, handler: lateHandler } = setup({ catchUpDays: 3 });
    const [q = fail()] = others.given(permit().build());
    const fourDaysLate = await runLate(at('2026-03-16T12:00:00Z'));
    expect(fourDaysLate).toMatchObject({ expired: 0, noticed: 0 });
    expect(others.stored(q.id)?.status).toBe('ACTIVE');

    // An operator's one-off run looks further back.
    const oneOff = await lateHandler.execute({
      now: at('2026-03-16T12:00:00Z'),
      correlationId: 'job-9',
      catchUpDays: 4,
    });
    expect(oneOff).toMatchObject({ from: EXPIRY_DAY, expired: 1 });
    expect(others.stored(q.id)?.status).toBe('EXPIRED');
  });

  it('permits no longer held are in no bucket: a revoked or ended permit is never read', async () => {
    const { permits, run } = setup();
    permits.given(permit().revoked().build(), permit().ended().build());
    permits.store.resetCounts();

    const result = await run(CHP_MIDNIGHT);

    expect(result).toMatchObject({ noticed: 0, expired: 0, unchanged: 0 });
    expect(permits.store.callsOf('findById')).toBe(0);
  });

  it('stops between permits when aborted, and the next run finishes', async () => {
    const { permits, handler } = setup();
    permits.given(permit().build(), permit().build());
    const controller = new AbortController();
    controller.abort();

    const stopped = await handler.execute({
      now: CHP_MIDNIGHT,
      correlationId: 'job-2',
      signal: controller.signal,
    });
    expect(stopped).toMatchObject({ aborted: true, expired: 0, queries: 0 });

    const finished = await handler.execute({ now: CHP_MIDNIGHT, correlationId: 'job-3' });
    expect(finished).toMatchObject({ aborted: false, expired: 2 });
  });

  it('refuses settings out of range', () => {
    const { deps } = setup();
    expect(() => new SweepPermitsHandler(deps, { catchUpDays: -1 })).toThrow(RangeError);
    expect(() => new SweepPermitsHandler(deps, { catchUpDays: 1, batchSize: 0 })).toThrow(RangeError);
  });

  it('NOT_YET_EXPIRED is what the domain answers before the midnight (the error the sweep skips)', () => {
    const p = permit().build();
    expect(() => p.expire(new Date(CHP_MIDNIGHT.getTime() - 1))).toThrow(
      expect.objectContaining({ code: PermitErrors.NOT_YET_EXPIRED.code }),
    );
  });
});
