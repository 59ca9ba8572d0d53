import { aComplaint } from '@frontera/audits-domain/testing';
import { anAuditsWorld, type AuditsWorld } from '../../testing/in-memory-ports';
import { ApplyEmployerFactHandler } from '../employer-facts/apply-employer-fact.handler';
import { ComplaintRiskHandler } from './complaint-risk.handler';

const T0 = new Date('2026-03-02T15:00:00.000Z');

async function aVerifiedEmployer(world: AuditsWorld, employerId: string): Promise<void> {
  const facts = new ApplyEmployerFactHandler(world);
  const meta = (n: number) => ({ eventId: `${employerId}-e${n}`, correlationId: 'c' });
  await facts.execute({ type: 'REGISTERED', employerId, sector: 'COFFEE' }, meta(1));
  await facts.execute(
    {
      type: 'WORKSITE_ADDED',
      employerId,
      worksite: { worksiteId: `${employerId}-ws`, state: 'CHP', municipality: 'Tapachula' },
    },
    meta(2),
  );
  await facts.execute(
    { type: 'VERIFIED', employerId, sector: 'COFFEE', verifiedAt: T0.toISOString() },
    meta(3),
  );
}

function openComplaintsFactor(world: AuditsWorld, employerId: string) {
  const plan = world.plans.all().find((p) => p.id === employerId);
  return plan?.assessment.factors.find((f) => f.code === 'OPEN_COMPLAINTS');
}

describe('ComplaintRiskHandler (OPEN_COMPLAINTS)', () => {
  it('Given complaints naming the employer, When one is received, Then OPEN_COMPLAINTS counts the open ones (forced labour double), with their ids as evidence', async () => {
    const world = anAuditsWorld(T0);
    await aVerifiedEmployer(world, 'org-1');
    expect(openComplaintsFactor(world, 'org-1')?.points).toBe(0);

    const plain = aComplaint().against('org-1', 'org-1-ws').filedOn(T0).build();
    const forced = aComplaint()
      .against('org-1', 'org-1-ws')
      .withIndicators(['DEBT_BONDAGE'])
      .filedOn(T0)
      .build();
    const closed = aComplaint().against('org-1', 'org-1-ws').filedOn(T0).closed().build();
    const elsewhere = aComplaint()
      .against('org-2', 'org-2-ws')
      .withIndicators(['DEBT_BONDAGE'])
      .filedOn(T0)
      .build();
    for (const c of [plain, forced, closed, elsewhere]) await world.complaints.insert(c, []);

    const handler = new ComplaintRiskHandler(world);
    const recomputed = await handler.execute('org-1', {
      eventId: 'complaint-received-1',
      correlationId: 'c',
    });

    expect(recomputed).not.toBeNull();
    const factor = openComplaintsFactor(world, 'org-1');
    // plain 1 + forced 2 = 3 (÷ 3: the factor at full intensity); the closed one and org-2's do not count.
    expect(factor?.intensity).toBe(1);
    expect(factor?.points).toBeGreaterThan(0);
    expect(JSON.stringify(factor?.evidence)).toContain(forced.id);
    expect(JSON.stringify(factor?.evidence)).not.toContain(closed.id);
    expect(JSON.stringify(factor?.evidence)).not.toContain(elsewhere.id);
  });

  it('Given a complaint naming no employer, When it is received, Then no risk changes', async () => {
    const world = anAuditsWorld(T0);
    await aVerifiedEmployer(world, 'org-1');
    const before = world.plans.all()[0]?.assessment;

    expect(
      await new ComplaintRiskHandler(world).execute(undefined, { eventId: 'e', correlationId: 'c' }),
    ).toBeNull();
    expect(world.plans.all()[0]?.assessment).toEqual(before);
  });
});
