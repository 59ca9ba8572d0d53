import { PermitNumber, type EmployerStanding, type Permit, type Worker } from '@frontera/permits-domain';
import {
  aPermit,
  anEmployerStanding,
  aWorker,
  daysAfter,
  T0,
  type PermitBuilder,
} from '@frontera/permits-domain/testing';
import { FixedClock, InMemoryAggregateLock } from '@frontera/shared-application/testing';
import { AppError } from '@frontera/shared-kernel';
import {
  InMemoryEmployerStandingRepository,
  InMemoryPermitRepository,
  InMemoryWorkerRepository,
} from '../../testing/in-memory-repositories';
import { InMemoryPermitVerifications } from '../../testing/in-memory-verifications';
import { ProjectPermitVerificationHandler } from '../verification-read-model/project-permit-verification.handler';
import { PublicVerificationHandler, VERIFICATION_DECOY } from './public-verification.handler';

/** The permit, its worker and its employer stored, and their verification entry projected. */
async function given(
  options: { publicName?: string | null; permit?: (builder: PermitBuilder) => PermitBuilder } = {},
) {
  const standing: EmployerStanding = anEmployerStanding()
    .named(options.publicName === undefined ? 'Finca La Esperanza S.A. de C.V.' : options.publicName)
    .build();
  const worker: Worker = aWorker().named('José Luis', 'Pérez', 'López').bornOn('1996-03-18').build();
  const builder = aPermit().forEmployer(standing.employerId).forWorker(worker.id);
  const permits = new InMemoryPermitRepository();
  const workers = new InMemoryWorkerRepository();
  const standings = new InMemoryEmployerStandingRepository();
  const verifications = new InMemoryPermitVerifications();
  const [permit] = permits.given((options.permit ? options.permit(builder) : builder).build()) as [Permit];
  workers.given(worker);
  standings.given(standing);
  const projector = new ProjectPermitVerificationHandler({
    permits,
    workers,
    standings,
    verifications,
    lock: new InMemoryAggregateLock(),
  });
  await projector.permit(permit.id);
  const clock = new FixedClock(daysAfter(T0, 1));
  return {
    handler: new PublicVerificationHandler({ verifications, clock }),
    verifications,
    clock,
    permit,
  };
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

describe('PublicVerificationHandler (on the verification read model)', () => {
  it('Given an active permit, When it is verified by its token, Then the answer is valid, status, last valid day, public name and initials only', async () => {
    const { handler, permit } = await given();

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
    const { handler, permit } = await given();
    const typed = permit.number.compact.toLowerCase().replace(/(.{4})/g, '$1 ');

    const answer = await handler.byNumber({ number: typed, birthYear: 1996 });

    expect(answer).toMatchObject({ valid: true, status: 'ACTIVE', workerInitials: 'J. L. P. L.' });
  });

  it('Given a suspended permit, When it is verified, Then it is not valid and says SUSPENDED', async () => {
    const { handler, permit } = await given({ permit: (builder) => builder.suspended() });

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer).toMatchObject({ valid: false, status: 'SUSPENDED' });
  });

  it('Given an employer without a public name, Then the answer has none (the adapter shows a generic label)', async () => {
    const { handler, permit } = await given({ publicName: null });

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer.employerPublicName).toBeNull();
  });

  it('Given an ACTIVE entry, When verified after its last valid day (before any sweep), Then it is not valid', async () => {
    const { handler, permit, clock } = await given();
    clock.set(daysAfter(permit.validUntil, 1));

    const answer = await handler.byToken({ token: permit.verificationToken.value });

    expect(answer).toMatchObject({ valid: false, status: 'ACTIVE' });
    expect(answer.lastValidDay).toBe(permit.lastValidDay.toString());
  });

  it('Given every kind of miss, Then each is the same PERMIT.VERIFICATION_NO_MATCH without parameters', async () => {
    const { handler, permit } = await given();
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

  it('Given a hit and every kind of miss, Then each made exactly ONE read of the read model (the decoy key when the number does not parse)', async () => {
    const { verifications, handler, permit } = await given();
    const readsOf = async (verification: () => Promise<unknown>) => {
      verifications.reads.length = 0;
      await verification().catch(() => undefined);
      return [...verifications.reads];
    };

    expect(await readsOf(() => handler.byToken({ token: permit.verificationToken.value }))).toEqual([
      'by token',
    ]);
    expect(await readsOf(() => handler.byToken({ token: 'unknown-token-unknown-token' }))).toEqual([
      'by token',
    ]);
    expect(await readsOf(() => handler.byNumber({ number: permit.number.value, birthYear: 1990 }))).toEqual([
      `by number ${permit.number.compact}`,
    ]);
    expect(
      await readsOf(() =>
        handler.byNumber({ number: withWrongCheckCharacter(permit.number), birthYear: 1996 }),
      ),
    ).toEqual([`by number ${VERIFICATION_DECOY.compactNumber}`]);
  });
});
