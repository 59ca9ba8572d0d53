import { describeChange, historyEntry, PERSONAL_DATA_SUMMARY } from './history-entry';

describe('historyEntry', () => {
  const ctx = {
    version: 3,
    now: new Date('2026-12-01T10:00:00Z'),
    actor: { id: 'officer-1', role: 'officer' as const },
    action: 'SUSPEND',
    reason: 'Documentos retenidos',
  };

  it('records who, when, which field, old → new and why', () => {
    expect(historyEntry(ctx, 'status', 'ACTIVE', 'SUSPENDED')).toEqual({
      version: 3,
      at: '2026-12-01T10:00:00.000Z',
      actor: { id: 'officer-1', role: 'officer' },
      action: 'SUSPEND',
      field: 'status',
      personalData: false,
      from: 'ACTIVE',
      to: 'SUSPENDED',
      summary: 'ACTIVE → SUSPENDED',
      reason: 'Documentos retenidos',
      relatedId: null,
    });
  });

  it('records that personal data changed, never its values', () => {
    const entry = historyEntry(ctx, 'phone', '+502 5555 0101', '+502 5555 0202', true);
    expect(entry).toMatchObject({ personalData: true, from: null, to: null, summary: PERSONAL_DATA_SUMMARY });
    expect(JSON.stringify(entry)).not.toContain('5555');
  });

  it('describes an absent value as ∅', () => {
    expect(describeChange(null, 'A', false)).toBe('∅ → A');
  });
});
