import { AppError } from '../errors/app-error';

/** What an aggregate spec needs of an aggregate: the events it raised since the last pull. */
export interface RaisesEvents<E> {
  pullEvents(): E[];
}

type Buildable<A> = A | { build(): A };

type Subset<T> = T extends readonly (infer I)[]
  ? readonly Subset<I>[]
  : T extends object
    ? { readonly [K in keyof T]?: Subset<T[K]> }
    : T;

function isBuilder<A>(value: Buildable<A>): value is { build(): A } {
  return typeof (value as { build?: unknown }).build === 'function';
}

function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? v.toISOString() : v), 2);
}

/** Whether `actual` has every member `expected` names, recursively (arrays: same length, item by item). */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected instanceof Date) return actual instanceof Date && actual.getTime() === expected.getTime();
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matches(actual[i], item))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([key, value]) =>
      matches((actual as Record<string, unknown>)[key], value),
    );
  }
  return Object.is(actual, expected);
}

function fail(message: string): never {
  const error = new Error(message);
  error.name = 'AggregateSpecError';
  throw error;
}

interface Ran<A, R, E> {
  readonly aggregate: A;
  readonly result?: R;
  readonly error?: unknown;
  readonly events: E[];
}

export class When<A extends RaisesEvents<E>, R, E> {
  constructor(
    private readonly aggregate: A,
    private readonly action: (aggregate: A) => R,
  ) {}

  private run(): Ran<A, R, E> {
    this.aggregate.pullEvents(); // what the builder's history raised is the "given", not the "then"
    try {
      const result = this.action(this.aggregate);
      return { aggregate: this.aggregate, result, events: this.aggregate.pullEvents() };
    } catch (error) {
      return { aggregate: this.aggregate, error, events: this.aggregate.pullEvents() };
    }
  }

  private succeeded(): Ran<A, R, E> & { result: R } {
    const ran = this.run();
    if ('error' in ran && ran.error !== undefined) {
      const error = ran.error;
      fail(
        `expected the command to succeed, it threw ${error instanceof Error ? error.message : show(error)}`,
      );
    }
    return ran as Ran<A, R, E> & { result: R };
  }

  /**
   * The command succeeds and raises exactly these events, in order; each expected event lists
   * the members to check (others are ignored).
   */
  thenEvents(expected: readonly Subset<E>[]): { aggregate: A; result: R; events: E[] } {
    const ran = this.succeeded();
    if (!matches(ran.events, expected)) {
      fail(`events differ\nexpected (members checked):\n${show(expected)}\nraised:\n${show(ran.events)}`);
    }
    return ran;
  }

  /** The command succeeds and raises nothing (a repeated request, a duplicate event). */
  thenNoEvents(): { aggregate: A; result: R } {
    return this.thenEvents([]);
  }

  /** The command is refused with this error code (and, if given, these parameters) and raises nothing. */
  thenFails(code: string | { readonly code: string }, params?: Readonly<Record<string, unknown>>): AppError {
    const ran = this.run();
    const wanted = typeof code === 'string' ? code : code.code;
    if (!('error' in ran) || ran.error === undefined) fail(`expected ${wanted}, the command succeeded`);
    const error = ran.error;
    if (!(error instanceof AppError)) {
      fail(
        `expected ${wanted}, got ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`,
      );
    }
    if (error.code !== wanted) fail(`expected ${wanted}, got ${error.code}: ${error.message}`);
    if (params && !matches(error.params, params)) {
      fail(`${wanted} with other parameters\nexpected:\n${show(params)}\ngot:\n${show(error.params)}`);
    }
    if (ran.events.length > 0) fail(`a refused command raised events:\n${show(ran.events)}`);
    return error;
  }

  /** The command succeeds; `check` looks at the aggregate and the result (with the test framework's expect). */
  then(check: (aggregate: A, result: R, events: E[]) => void): void {
    const ran = this.succeeded();
    check(ran.aggregate, ran.result, ran.events);
  }
}

export class Given<A extends RaisesEvents<E>, E> {
  constructor(private readonly aggregate: A) {}

  when<R>(action: (aggregate: A) => R): When<A, R, E> {
    return new When(this.aggregate, action);
  }
}

/**
 * Given/When/Then for aggregate specs, without infrastructure:
 *
 * ```ts
 * given(anEmployer().active())
 *   .when((e) => e.suspend(anOfficer(), 'Roster inconsistencies', day(1)))
 *   .thenEvents([{ type: 'EmployerSuspended', cause: 'OFFICER_DECISION' }]);
 *
 * given(anEmployer()).when((e) => e.suspend(anOfficer(), 'Too early', day(1)))
 *   .thenFails(EmployerErrors.TRANSITION_NOT_ALLOWED, { currentState: 'PENDING_VERIFICATION' });
 * ```
 *
 * `given` takes an aggregate or a builder (anything with `build()`); events raised while it was
 * built are the past, not the outcome.
 */
export function given<A extends RaisesEvents<E>, E = ReturnType<A['pullEvents']>[number]>(
  aggregate: Buildable<A>,
): Given<A, E> {
  return new Given<A, E>(isBuilder(aggregate) ? aggregate.build() : aggregate);
}
