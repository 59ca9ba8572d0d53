import { aComplaint, aRoster } from '@frontera/audits-domain/testing';
import { anAuditsWorld, type AuditsWorld } from '../../testing/in-memory-ports';
import { ApplyEmployerFactHandler } from '../employer-facts/apply-employer-fact.handler';
import { SweepPlansHandler } from '../sweep-plans/sweep-plans.handler';
import { ApplyPermitFactHandler } from './apply-permit-fact.handler';
import { permitFactFrom, type PermitFact, type PermitFactEvent } from './permit-facts';

const T0 = new Date('2026-03-02T15:00:00.000Z');
const DAY = 86_400_000;
const daysAfterT0 = (n: number) => new Date(T0.getTime() + n * DAY).toISOString();
const ROSTER = aRoster(20, 'permit');

async function aVerifiedEmployer(world: AuditsWorld, employerId: string): Promise<string> {
  const facts = new ApplyEmployerFactHandler(world);
  const worksiteId = `${employerId}-ws`;
  const meta = (n: number) => ({ eventId: `${employerId}-e${n}`, correlationId: 'c' });
  await facts.execute({ type: 'REGISTERED', employerId, sector: 'COMMERCE' }, meta(1));
  await facts.execute(
    { type: 'WORKSITE_ADDED', employerId, worksite: { worksiteId, state: 'CHP', municipality: 'Tapachula' } },
    meta(2),
  );
  await facts.execute(
    { type: 'VERIFIED', employerId, sector: 'COMMERCE', verifiedAt: T0.toISOString() },
    meta(3),
  );
  return worksiteId;
}

const issued = (employerId: string, worksiteId: string, i: number, at = T0.toISOString()): PermitFact => ({
  type: 'HELD',
  employerId,
  permitId: ROSTER[i].permitId,
  permitNumber: ROSTER[i].permitNumber,
  worksiteId,
  at,
});
const ended = (employerId: string, i: number, at: string, endReason = 'EMPLOYMENT_ENDED'): PermitFact => ({
  type: 'ENDED',
  employerId,
  permitId: ROSTER[i].permitId,
  endReason,
  at,
});
const meta = (eventId: string) => ({ eventId, correlationId: 'c' });

function factorOf(world: AuditsWorld, employerId: string, code: string) {
  return world.plans
    .all()
    .find((p) => p.id === employerId)
    ?.assessment.factors.find((f) => f.code === code);
}

describe('ApplyPermitFactHandler', () => {
  it('Given a verified employer, When permits are issued and one ends, Then the counters, the held permits and the risk follow, and the same event twice changes nothing', async () => {
    const world = anAuditsWorld(T0);
    const worksiteId = await aVerifiedEmployer(world, 'org-1');
    const handler = new ApplyPermitFactHandler(world);
    for (let i = 0; i < 12; i++) await handler.execute(issued('org-1', worksiteId, i), meta(`issued-${i}`));
    await handler.execute(ended('org-1', 0, daysAfterT0(1)), meta('ended-0'));
    const again = await handler.execute(issued('org-1', worksiteId, 5), meta('issued-5'));
    await handler.execute(ended('org-1', 0, daysAfterT0(1), 'TRANSFERRED'), meta('transferred-0'));

    expect(again.changed).toBe(0);
    const stored = await world.permitFacts.find('org-1');
    expect(stored?.facts.headcount.held).toBe(11);
    expect(stored?.facts.endings.map((e) => e.permitId)).toEqual([ROSTER[0].permitId]);
    expect(await world.permitFacts.rosterOf('org-1', worksiteId, 100)).toHaveLength(11);
    expect(factorOf(world, 'org-1', 'HEADCOUNT')?.evidence).toEqual({ heldPermits: 11, bandFrom: 10 });
    expect(factorOf(world, 'org-1', 'HEADCOUNT_GROWTH')?.evidence).toEqual(
      expect.objectContaining({ newPermits: 11, earlierPermits: 0 }),
    );
  });

  it('keeps a shared-contact signal once for every employer it names', async () => {
    const world = anAuditsWorld(T0);
    await aVerifiedEmployer(world, 'org-a');
    await aVerifiedEmployer(world, 'org-b');
    const handler = new ApplyPermitFactHandler(world);
    const signal: PermitFact = {
      type: 'CONTACT_SHARED',
      employerIds: ['org-a', 'org-b'],
      signalId: 'signal-1',
      workerCount: 3,
      at: T0.toISOString(),
    };
    await handler.execute(signal, meta('signal-1'));
    await handler.execute(signal, meta('signal-1'));
    for (const employerId of ['org-a', 'org-b']) {
      expect((await world.permitFacts.find(employerId))?.facts.sharedContactSignals).toHaveLength(1);
      expect(factorOf(world, employerId, 'SHARED_CONTACT')?.evidence).toEqual(
        expect.objectContaining({ signalIds: ['signal-1'], workersSharing: 3 }),
      );
    }
  });

  it('Given a complaint, When the employer ends two permits within the window, Then one priority audit task at once, carrying the roster, once on redelivery', async () => {
    const world = anAuditsWorld(T0);
    const worksiteId = await aVerifiedEmployer(world, 'org-r');
    const handler = new ApplyPermitFactHandler(world);
    for (let i = 0; i < 4; i++) await handler.execute(issued('org-r', worksiteId, i), meta(`r-issued-${i}`));
    const complaint = aComplaint()
      .withId('complaint-r')
      .against('org-r', worksiteId)
      .filedOn(new Date(daysAfterT0(1)))
      .build();
    complaint.pullEvents();
    await world.complaints.insert(complaint, []);

    await handler.execute(ended('org-r', 0, daysAfterT0(3)), meta('r-ended-0'));
    const second = await handler.execute(ended('org-r', 1, daysAfterT0(4)), meta('r-ended-1'));
    const redelivered = await handler.execute(ended('org-r', 1, daysAfterT0(4)), meta('r-ended-1'));

    expect(second.risk[0]).toMatchObject({ patterns: 1, priorityAudits: 1, tasksCreated: 1 });
    expect(redelivered.risk[0]).toMatchObject({ patterns: 1, priorityAudits: 0, tasksCreated: 0 });
    const priority = world.tasks.all().filter((t) => t.origin.type === 'RETALIATION');
    expect(priority).toHaveLength(1);
    expect(priority[0]?.origin.refId).toBe('complaint-r');
    expect(priority[0]?.checklist.map((e) => e.permitId)).toEqual([ROSTER[2].permitId, ROSTER[3].permitId]);
    expect(factorOf(world, 'org-r', 'RETALIATION')?.intensity).toBe(1);
    expect(
      world.plans.published.filter((e) => e.type === 'frontera.audit.retaliation.detected'),
    ).toHaveLength(1);
  });

  it('Given a complaint, When the endings come after the window, Then no pattern and no task', async () => {
    const world = anAuditsWorld(T0);
    const worksiteId = await aVerifiedEmployer(world, 'org-late');
    const handler = new ApplyPermitFactHandler({
      ...world,
      retaliation: { ...world.retaliation, windowDays: 5 },
    });
    for (let i = 0; i < 3; i++)
      await handler.execute(issued('org-late', worksiteId, i), meta(`l-issued-${i}`));
    const complaint = aComplaint().against('org-late', worksiteId).filedOn(T0).build();
    await world.complaints.insert(complaint, []);

    await handler.execute(ended('org-late', 0, daysAfterT0(6)), meta('l-ended-0'));
    const last = await handler.execute(ended('org-late', 1, daysAfterT0(7)), meta('l-ended-1'));

    expect(last.risk[0]).toMatchObject({ patterns: 0, tasksCreated: 0 });
    expect(world.tasks.all().filter((t) => t.origin.type === 'RETALIATION')).toHaveLength(0);
    expect(factorOf(world, 'org-late', 'RETALIATION')?.intensity).toBe(0);
  });

  it('Given held permits, When the sweep creates the periodic task, Then it carries the worksite expected roster', async () => {
    const world = anAuditsWorld(T0);
    const worksiteId = await aVerifiedEmployer(world, 'org-s');
    const handler = new ApplyPermitFactHandler(world);
    for (let i = 0; i < 3; i++) await handler.execute(issued('org-s', worksiteId, i), meta(`s-issued-${i}`));
    await new SweepPlansHandler({ ...world, clock: world.clock }).execute({
      now: new Date(T0.getTime() + 40 * DAY),
      correlationId: 'sweep',
      catchUpDays: 60,
    });
    const [task] = world.tasks.all();
    expect(task?.checklist.map(({ permitId, permitNumber }) => ({ permitId, permitNumber }))).toEqual(
      ROSTER.slice(0, 3),
    );
  });
});

describe('permitFactFrom', () => {
  const envelope = (type: string, data: Record<string, unknown>) =>
    ({ id: 'evt-1', type, time: T0.toISOString(), data }) as unknown as PermitFactEvent;

  it('reads a transfer as the end of the old permit at the employer it leaves, and a revocation as REVOKED', () => {
    expect(
      permitFactFrom(
        envelope('frontera.permit.transferred', {
          permitId: 'p-1',
          newPermitId: 'p-2',
          workerId: 'w-1',
          fromEmployerId: 'org-from',
          toEmployerId: 'org-to',
        }),
      ),
    ).toEqual({
      type: 'ENDED',
      employerId: 'org-from',
      permitId: 'p-1',
      endReason: 'TRANSFERRED',
      at: T0.toISOString(),
    });
    expect(
      permitFactFrom(
        envelope('frontera.permit.revoked', {
          permitId: 'p-1',
          workerId: 'w-1',
          employerId: 'org-1',
          worksiteId: 'ws',
        }),
      ),
    ).toMatchObject({ type: 'ENDED', endReason: 'REVOKED' });
  });

  it('reads a shared-contact signal once per employer it names, the event id as its signal id', () => {
    expect(
      permitFactFrom(
        envelope('frontera.worker.contact.shared', {
          workerIds: ['w-1', 'w-2'],
          employerIds: ['org-1', 'org-1', 'org-2'],
          count: 2,
        }),
      ),
    ).toEqual({
      type: 'CONTACT_SHARED',
      employerIds: ['org-1', 'org-2'],
      signalId: 'evt-1',
      workerCount: 2,
      at: T0.toISOString(),
    });
  });
});
