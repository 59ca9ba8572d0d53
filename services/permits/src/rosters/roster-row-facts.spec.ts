import type { EmployerStandingRepository, PermitRepository } from '@frontera/permits-application';
import { rosterRowFacts } from './roster-row-facts';

function ports() {
  const calls = { find: 0, headcount: 0, other: 0 };
  let fail = false;
  const standings = {
    find: async (employerId: string) => {
      calls.find += 1;
      if (fail) throw new Error('store down');
      return { employerId } as never;
    },
  } as unknown as EmployerStandingRepository;
  const permits = {
    prefix: 'p',
    countHeldAtWorksite: async () => {
      calls.headcount += 1;
      return 7;
    },
    findById(this: { prefix: string }, id: string) {
      calls.other += 1;
      return Promise.resolve(`${this.prefix}:${id}`);
    },
  } as unknown as PermitRepository;
  return { standings, permits, calls, failing: (value: boolean) => (fail = value) };
}

describe('rosterRowFacts (reads the rows of one import share)', () => {
  it('Given rows submitted within the second, Then the standing and the headcount are read once per key; everything else is the port’s', async () => {
    const given = ports();
    let now = 0;
    const facts = rosterRowFacts(given, 1_000, () => now);

    await Promise.all([
      facts.standings.find('org_1'),
      facts.standings.find('org_1'),
      facts.standings.find('org_2'),
    ]);
    expect(await facts.permits.countHeldAtWorksite('ws_1')).toBe(7);
    expect(await facts.permits.countHeldAtWorksite('ws_1')).toBe(7);
    expect(given.calls).toMatchObject({ find: 2, headcount: 1 });
    expect(await facts.permits.findById('pmt_1')).toBe('p:pmt_1');
    expect(await facts.permits.findById('pmt_1')).toBe('p:pmt_1');
    expect(given.calls.other).toBe(2);

    now = 1_000;
    await facts.standings.find('org_1');
    await facts.permits.countHeldAtWorksite('ws_1');
    expect(given.calls).toMatchObject({ find: 3, headcount: 2 });
  });

  it('Given a read that failed, Then the next row reads again', async () => {
    const given = ports();
    const facts = rosterRowFacts(given, 1_000, () => 0);
    given.failing(true);
    await expect(facts.standings.find('org_1')).rejects.toThrow('store down');
    given.failing(false);
    await expect(facts.standings.find('org_1')).resolves.toEqual({ employerId: 'org_1' });
    expect(given.calls.find).toBe(2);
  });
});
