import { PermitNumber, type EmployerStanding, type Permit, type Worker } from '@frontera/permits-domain';
import {
  aPermit,
  anEmployerStanding,
  aWorker,
  daysAfter,
  T0,
  type PermitBuilder,
} from '@frontera/permits-domain/testing';
import { AppError } from '@frontera/shared-kernel';
import type { StoredStanding } from '../../ports/repositories.port';
import {
  PublicVerificationHandler,
  VERIFICATION_DECOY,
  type PublicVerificationDeps,
} from './public-verification.handler';

/** The ports the handler reads, in memory, recording every read (which method, which key). */
class Register {
  readonly reads: string[] = [];
  private readonly permits: Permit[] = [];
  private readonly workers = new Map<string, Worker>();
  private readonly standings = new Map<string, StoredStanding>();
  now = daysAfter(T0, 1);

  with(permit: Permit, worker: Worker, standing: EmployerStanding | null): this {
    this.permits.push(permit);
    this.workers.set(worker.id, worker);
    if (standing) this.standings.set(standing.employerId, { standing, version: 1, appliedEvents: [] });
    return this;
  }

  deps(): PublicVerificationDeps {
    return {
      permits: {
        findByVerificationToken: async (token) => {
          this.reads.push('permit by token');
          return this.permits.find((p) => p.verificationToken.value === token) ?? null;
        },
        findByNumber: async (compact) => {
          this.reads.push(`permit by number ${compact}`);
          return this.permits.find((p) => p.number.compact === compact) ?? null;
        },
      },
      workers: {
        findById: async (id) => {
          this.reads.push(`worker ${id}`);
          return this.workers.get(id) ?? null;
        },
      },
      standings: {
        find: async (id) => {
          this.reads.push(`standing ${id}`);
          return this.standings.get(id) ?? null;
        },
      },
      clock: { now: () => this.now },
    };
  }
}

function given(
  options: { publicName?: string | null; permit?: (builder: PermitBuilder) => PermitBuilder } = {},
) {
  const standing = anEmployerStanding()
    .named(options.publicName === undefined ? 'Finca La Esperanza S.A. de C.V.' : options.publicName)
    .build();
  const worker = aWorker().named('José Luis', 'Pérez', 'López').bornOn('1996-03-18').build();
  const builder = aPermit().forEmployer(standing.employerId).forWorker(worker.id);
  const permit = (options.permit ? options.permit(builder) : builder).build();
  const register = new Register().with(permit, worker, standing);
  return { register, handler: new PublicVerificationHandler(register.deps()), permit, worker, standing };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Another number of the same permit with its check character replaced (every other one is wrong). */
function withWrongCheckCharacter(number: PermitNumber): string {
  const right = number.checkCharacter;
  return `${number.value.slice(0, -1)}${right === 'A' ? 'B' : 'A'}`;
}

describe('PublicVerificationHandler', () => {
  it('Given an active permit, When it is verified by its token, Then the answer is valid, status, last valid day, public name and initials only', async () => {
    const { handler, permit } = given();

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer).toEqual({
      valid: true,
      status: 'ACTIVE',
      lastValidDay: permit.lastValidDay.toString(),
      employerPublicName: 'Finca La Esperanza S.A. de C.V.',
      workerInitials: 'J. L. P. L.',
    });
  });

  it('Given an active permit, When it is verified by its number typed in lower case without dashes and the worker’s year of birth, Then it is the same answer', async () => {
    const { handler, permit } = given();
    const typed = permit.number.compact.toLowerCase().replace(/(.{4})/g, '$1 ');

    const answer = await handler.byNumber({ number: typed, birthYear: 1996 });

    expect(answer).toMatchObject({ valid: true, status: 'ACTIVE', workerInitials: 'J. L. P. L.' });
  });

  it('Given a suspended permit, When it is verified, Then it is not valid and says SUSPENDED', async () => {
    const { handler, permit } = given({ permit: (builder) => builder.suspended() });

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer).toMatchObject({ valid: false, status: 'SUSPENDED' });
  });

  it('Given an employer without a public name, Then the answer has none (the adapter shows a generic label)', async () => {
    const { handler, permit } = given({ publicName: null });

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer.employerPublicName).toBeNull();
  });

  it('Given an expired permit, When verified after its last valid day, Then it is not valid', async () => {
    const { handler, permit, register } = given();
    register.now = daysAfter(permit.validUntil, 1);

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer.valid).toBe(false);
    expect(answer.lastValidDay).toBe(permit.lastValidDay.toString());
  });

  it('Given every kind of miss, Then each is the same PERMIT.VERIFICATION_NO_MATCH without parameters', async () => {
    const { handler, permit } = given();
    const unknown = PermitNumber.issue({ state: 'CHP', year: 2026, random: 'ZZZZZZZZ' }).value;

    const misses = [
      await refusal(handler.byToken({ token: 'q3Zx8_Lm-2VbT0pRkW9sYa' })),
      await refusal(handler.byToken({ token: '' })),
      await refusal(handler.byToken({ token: '{"$ne":null}' })),
      await refusal(handler.byNumber({ number: unknown, birthYear: 1996 })),
      await refusal(handler.byNumber({ number: withWrongCheckCharacter(permit.number), birthYear: 1996 })),
      await refusal(handler.byNumber({ number: 'not a number at all', birthYear: 1996 })),
      await refusal(handler.byNumber({ number: permit.number.value, birthYear: 1997 })),
    ];

    for (const miss of misses) {
      expect(miss.code).toBe('PERMIT.VERIFICATION_NO_MATCH');
      expect(miss.status).toBe(404);
      expect(miss.params).toEqual({});
      expect(miss.extensions).toEqual({});
      expect(miss.detail).toEqual(misses[0].detail);
    }
  });

  it('Given a hit and every kind of miss, Then each made the same three reads: one permit lookup, its standing and its worker (decoys on a miss)', async () => {
    const { register, handler, permit, worker } = given();
    const readsOf = async (verification: () => Promise<unknown>) => {
      register.reads.length = 0;
      await verification().catch(() => undefined);
      return [...register.reads];
    };
    const decoys = [`standing ${VERIFICATION_DECOY.employerId}`, `worker ${VERIFICATION_DECOY.workerId}`];

    expect(await readsOf(() => handler.byToken({ token: permit.verificationToken.value }))).toEqual([
      'permit by token',
      `standing ${permit.employerId}`,
      `worker ${worker.id}`,
    ]);
    expect(await readsOf(() => handler.byToken({ token: 'unknown-token-unknown-token' }))).toEqual([
      'permit by token',
      ...decoys,
    ]);
    expect(await readsOf(() => handler.byNumber({ number: permit.number.value, birthYear: 1990 }))).toEqual([
      `permit by number ${permit.number.compact}`,
      `standing ${permit.employerId}`,
      `worker ${worker.id}`,
    ]);
    expect(
      await readsOf(() =>
        handler.byNumber({ number: withWrongCheckCharacter(permit.number), birthYear: 1996 }),
      ),
    ).toEqual([`permit by number ${VERIFICATION_DECOY.compactNumber}`, ...decoys]);
  });
});
