import { applyToProfile, type EmployerFact } from './employer-facts';

const worksite = { worksiteId: 'ws-1', state: 'CHP', municipality: 'Tapachula' } as const;

describe('employer facts → the employer profile', () => {
  it('keeps the sector, the verification and the worksites; applying a fact twice gives the same profile', () => {
    const facts: EmployerFact[] = [
      { type: 'REGISTERED', employerId: 'org-1', sector: 'COFFEE' },
      { type: 'WORKSITE_ADDED', employerId: 'org-1', worksite },
      { type: 'VERIFIED', employerId: 'org-1', sector: 'COFFEE', verifiedAt: '2026-03-01T10:00:00.000Z' },
    ];
    const profile = facts.reduce(applyToProfile, null as never);
    expect(profile).toEqual({
      employerId: 'org-1',
      sector: 'COFFEE',
      status: 'VERIFIED',
      verifiedAt: '2026-03-01T10:00:00.000Z',
      worksites: [{ ...worksite, open: true }],
    });
    expect(applyToProfile(profile, facts[1] as EmployerFact)).toEqual(profile);
  });

  it('closes a worksite, and a deregistered employer stays deregistered whatever follows', () => {
    const base = applyToProfile(null, { type: 'WORKSITE_ADDED', employerId: 'org-1', worksite });
    const closed = applyToProfile(base, { type: 'WORKSITE_CLOSED', employerId: 'org-1', worksiteId: 'ws-1' });
    expect(closed.worksites).toEqual([{ ...worksite, open: false }]);
    const gone = applyToProfile(closed, { type: 'DEREGISTERED', employerId: 'org-1' });
    expect(applyToProfile(gone, { type: 'REINSTATED', employerId: 'org-1' }).status).toBe('DEREGISTERED');
    expect(applyToProfile(gone, { type: 'SUSPENDED', employerId: 'org-1' }).status).toBe('DEREGISTERED');
  });
});
