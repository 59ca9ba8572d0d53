import { defineErrors } from '../errors/app-error';
import { given } from './given-when-then';

const CounterErrors = defineErrors('COUNTER', {
  LIMIT: {
    status: 409,
    title: { es: 'Límite', en: 'Limit' },
    detail: { es: 'Máximo {max}.', en: 'At most {max}.' },
  },
});

type CounterEvent = { type: 'Incremented'; to: number; at: Date };

class Counter {
  private events: CounterEvent[] = [];
  constructor(public value = 0) {}
  increment(at: Date): number {
    if (this.value >= 2) throw CounterErrors.LIMIT.create({ max: 2 });
    this.value += 1;
    this.events.push({ type: 'Incremented', to: this.value, at });
    return this.value;
  }
  pullEvents(): CounterEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

const aCounter = (value = 0) => ({
  build: () => {
    const counter = new Counter();
    for (let i = 0; i < value; i++) counter.increment(new Date(0)); // past events: not the outcome
    return counter;
  },
});

describe('given/when/then', () => {
  const at = new Date('2026-12-01T00:00:00Z');

  it('checks the events the command raised, member by member, ignoring the builder’s past', () => {
    const outcome = given(aCounter(1))
      .when((c) => c.increment(at))
      .thenEvents([{ type: 'Incremented', to: 2, at }]);
    expect(outcome.result).toBe(2);
  });

  it('fails when the events differ, are missing or the command throws', () => {
    expect(() =>
      given(aCounter())
        .when((c) => c.increment(at))
        .thenEvents([{ to: 5 }]),
    ).toThrow(/events differ/);
    expect(() =>
      given(aCounter())
        .when(() => undefined)
        .thenEvents([{ type: 'Incremented' }]),
    ).toThrow(/events differ/);
    expect(() =>
      given(aCounter(2))
        .when((c) => c.increment(at))
        .thenEvents([]),
    ).toThrow(/to succeed, it threw COUNTER.LIMIT/);
  });

  it('checks a refusal by code and parameters, and that it raised nothing', () => {
    const error = given(aCounter(2))
      .when((c) => c.increment(at))
      .thenFails(CounterErrors.LIMIT, { max: 2 });
    expect(error.status).toBe(409);
    expect(() =>
      given(aCounter())
        .when((c) => c.increment(at))
        .thenFails('COUNTER.LIMIT'),
    ).toThrow(/the command succeeded/);
    expect(() =>
      given(aCounter(2))
        .when((c) => c.increment(at))
        .thenFails('COUNTER.LIMIT', { max: 3 }),
    ).toThrow(/other parameters/);
    expect(() =>
      given(aCounter())
        .when(() => {
          throw new TypeError('boom');
        })
        .thenFails('COUNTER.LIMIT'),
    ).toThrow(/got TypeError: boom/);
  });

  it('accepts an aggregate as well as a builder, and hands state to a custom check', () => {
    given(new Counter())
      .when((c) => c.increment(at))
      .then((counter, result, events) => {
        expect(counter.value).toBe(1);
        expect(result).toBe(1);
        expect(events).toHaveLength(1);
      });
    given(new Counter())
      .when(() => 0)
      .thenNoEvents();
  });
});
