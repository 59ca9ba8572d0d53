import { LockErrors, type Caller } from '@frontera/shared-kernel';
import { FixedClock } from '../testing/simple-ports';
import { InMemoryAggregateLock } from '../testing/in-memory-aggregate-lock';
import { counterDefinition, InMemoryCounters, type Counter } from '../testing/counter.fixture';
import { CommandRunner } from './command-runner';
import type { CommandMetadata } from './command-metadata';

const officer: Caller = { id: 'officer-1', role: 'officer', states: ['CHP'] };
const meta = (caller: Caller = officer): CommandMetadata => ({ caller, correlationId: 'corr-1' });

function setUp() {
  const repository = new InMemoryCounters();
  const lock = new InMemoryAggregateLock();
  const clock = new FixedClock(new Date('2026-12-01T00:00:00Z'));
  const runner = new CommandRunner({ repository, lock, clock }, counterDefinition);
  return { repository, lock, clock, runner };
}

describe('CommandRunner', () => {
  it('runs load → decide → save under the aggregate’s lock, one command at a time', async () => {
    const { repository, lock, runner } = setUp();
    repository.given('c1');
    const order: string[] = [];
    await Promise.all(
      ['first', 'second'].map((name) =>
        runner.change('c1', 'INCREMENT', meta(), async (counter: Counter) => {
          order.push(`${name} saw v${counter.version}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          counter.increment(officer);
        }),
      ),
    );
    expect(order).toEqual(['first saw v1', 'second saw v2']);
    expect(lock.acquired).toEqual(['counter:c1', 'counter:c1']);
    expect(repository.rows.get('c1')?.value).toBe(2);
    expect(repository.published.map((e) => e.origin)).toEqual([
      { correlationId: 'corr-1' },
      { correlationId: 'corr-1' },
    ]);
  });

  it('refuses a role that may never (403) before reading anything', async () => {
    const { repository, lock, runner } = setUp();
    repository.given('c1');
    const staff: Caller = { id: 'u-1', role: 'employer', states: [], employerId: 'e-1' };
    await expect(runner.change('c1', 'INCREMENT', meta(staff), () => undefined)).rejects.toMatchObject({
      code: 'COUNTER.ACCESS_DENIED',
      status: 403,
      params: { reason: 'ROLE_NOT_ALLOWED' },
    });
    expect(lock.acquired).toEqual([]);
  });

  it('answers an aggregate outside the caller’s scope exactly like a missing one (404)', async () => {
    const { repository, runner } = setUp();
    repository.given('c1', 'TAB');
    const outOfScope = runner.change('c1', 'INCREMENT', meta(), (c) => c.increment(officer));
    const missing = runner.change('c2', 'INCREMENT', meta(), (c) => c.increment(officer));
    await expect(outOfScope).rejects.toMatchObject({
      code: 'COUNTER.NOT_FOUND',
      status: 404,
      params: { id: 'c1' },
    });
    await expect(missing).rejects.toMatchObject({ code: 'COUNTER.NOT_FOUND', status: 404 });
    expect(repository.writes).toBe(0);
  });

  it('decides again on fresh state when the version check fails', async () => {
    const { repository, runner } = setUp();
    repository.given('c1');
    let attempts = 0;
    const { changed } = await runner.change('c1', 'INCREMENT', meta(), (counter) => {
      attempts += 1;
      if (attempts === 1) repository.touch('c1');
      counter.increment(officer);
    });
    expect(changed).toBe(true);
    expect(attempts).toBe(2);
  });

  it('gives up with the context’s CONCURRENT_MODIFICATION (409, retriable) after three conflicts', async () => {
    const { repository, runner } = setUp();
    repository.given('c1');
    await expect(
      runner.change('c1', 'INCREMENT', meta(), (counter) => {
        repository.touch('c1');
        counter.increment(officer);
      }),
    ).rejects.toMatchObject({ code: 'COUNTER.CONCURRENT_MODIFICATION', status: 409, retriable: true });
    expect(repository.published).toEqual([]);
  });

  it('writes nothing when the decision changed nothing', async () => {
    const { repository, runner } = setUp();
    repository.given('c1');
    const { changed, result } = await runner.change('c1', 'VIEW', meta(), () => 'looked only');
    expect({ changed, result }).toEqual({ changed: false, result: 'looked only' });
    expect(repository.writes).toBe(0);
  });

  it('applies an event once per event id, remembering it in the same write', async () => {
    const { repository, runner } = setUp();
    repository.given('c1');
    const event = { eventId: 'evt-1', correlationId: 'corr-9' };
    const first = await runner.apply('c1', event, (counter) => counter.increment(officer));
    const again = await runner.apply('c1', event, (counter) => counter.increment(officer));
    expect([first.changed, again.changed]).toEqual([true, false]);
    expect(repository.rows.get('c1')).toMatchObject({ value: 1, applied: ['evt-1'] });
    expect(repository.published.map((e) => e.origin)).toEqual([
      { correlationId: 'corr-9', causationId: 'evt-1' },
    ]);
  });

  it('turns a lock that stays taken into the context’s BUSY (503, retriable)', async () => {
    const { repository, clock } = setUp();
    repository.given('c1');
    const busyLock = {
      withLock: async () => {
        throw LockErrors.BUSY.create();
      },
    };
    const runner = new CommandRunner({ repository, lock: busyLock, clock }, counterDefinition);
    await expect(runner.change('c1', 'INCREMENT', meta(), () => undefined)).rejects.toMatchObject({
      code: 'COUNTER.BUSY',
      status: 503,
      retriable: true,
    });
  });
});
