import type { Caller } from '@frontera/shared-kernel';
import { CommandRunner } from '../commands/command-runner';
import { InMemoryAggregateLock } from '../testing/in-memory-aggregate-lock';
import { FixedClock } from '../testing/simple-ports';
import {
  counterDefinition,
  InMemoryCounters,
  type Counter,
  type CounterOperation,
} from '../testing/counter.fixture';
import { defineReasonTransitions, ReasonTransitionHandler } from './reason-transitions';

const officer: Caller = { id: 'officer-1', role: 'officer', states: ['CHP'] };

const TRANSITIONS = defineReasonTransitions<Counter, CounterOperation>([
  {
    operation: 'CLOSE',
    resource: 'closure',
    event: 'counter.closed',
    summary: 'Close a counter',
    description: 'OPEN → CLOSED',
    apply: (counter, caller, reason) => counter.close(caller, reason),
  },
]);

describe('reason-only transitions', () => {
  it('runs a row through the runner and reads the result for the caller', async () => {
    const repository = new InMemoryCounters();
    repository.given('c1');
    const lock = new InMemoryAggregateLock();
    const runner = new CommandRunner(
      { repository, lock, clock: new FixedClock(new Date()) },
      counterDefinition,
    );
    const handler = new ReasonTransitionHandler(runner, TRANSITIONS, (counter, metadata) => ({
      closed: counter.closed,
      by: metadata.caller.id,
    }));

    const read = await handler.execute({
      operation: 'CLOSE',
      key: 'c1',
      reason: 'Season over',
      metadata: { caller: officer, correlationId: 'corr-1' },
    });

    expect(read).toEqual({ closed: true, by: 'officer-1' });
    expect(lock.acquired).toEqual(['counter:c1']);
    expect(repository.published.map((e) => e.type)).toEqual(['Closed']);
    await expect(
      handler.execute({
        operation: 'INCREMENT',
        key: 'c1',
        reason: 'x',
        metadata: { caller: officer, correlationId: 'c' },
      }),
    ).rejects.toThrow(/no reason transition for operation INCREMENT/);
    expect(handler.transitions.map((t) => t.resource)).toEqual(['closure']);
  });

  it('refuses a table that repeats an operation or a resource, or a resource that is no path segment', () => {
    const row = TRANSITIONS[0];
    expect(() => defineReasonTransitions([row, { ...row, resource: 'other' }])).toThrow(
      /operation "CLOSE" appears twice/,
    );
    expect(() => defineReasonTransitions([row, { ...row, operation: 'VIEW' as const }])).toThrow(
      /resource "closure" appears twice/,
    );
    expect(() => defineReasonTransitions([{ ...row, resource: 'Closure/now' }])).toThrow(
      /lower-case path segment/,
    );
  });
});
