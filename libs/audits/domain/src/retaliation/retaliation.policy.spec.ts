import { AuditErrors } from '../errors/audit-errors';
import { daysAgo } from '../testing';
import {
  detectRetaliation,
  retaliationPolicy,
  type PermitEnding,
  type RetaliationTrigger,
} from './retaliation.policy';

const complaint = (id: string, ago: number): RetaliationTrigger => ({
  kind: 'COMPLAINT',
  id,
  at: daysAgo(ago),
});
const visit = (id: string, ago: number): RetaliationTrigger => ({
  kind: 'AUDIT_VISIT',
  id,
  at: daysAgo(ago),
});
const ended = (permitId: string, ago: number, endReason = 'EMPLOYMENT_ENDED'): PermitEnding => ({
  permitId,
  endedAt: daysAgo(ago),
  endReason,
});

describe('retaliation detection', () => {
  it('Given a complaint, When the employer ends two permits within 30 days, Then a pattern with its evidence', () => {
    const patterns = detectRetaliation([complaint('complaint-1', 40)], [ended('p-1', 35), ended('p-2', 20)]);
    expect(patterns).toEqual([
      {
        key: 'COMPLAINT:complaint-1',
        trigger: { kind: 'COMPLAINT', id: 'complaint-1', at: daysAgo(40) },
        windowDays: 30,
        windowEndsAt: daysAgo(10),
        endedPermitIds: ['p-1', 'p-2'],
        endingsAfter: 2,
        endingsBefore: 0,
      },
    ]);
  });

  it('detects it after an audit visit as well', () => {
    const patterns = detectRetaliation(
      [visit('task-1', 10)],
      [ended('p-1', 9), ended('p-2', 8), ended('p-3', 1)],
    );
    expect(patterns.map((p) => [p.key, p.endingsAfter])).toEqual([['AUDIT_VISIT:task-1', 3]]);
  });

  it.each([
    ['one ending only (below minEndings 2)', [ended('p-1', 5)]],
    ['endings outside the window', [ended('p-1', 45), ended('p-2', 5)]],
    ['endings before the trigger', [ended('p-1', 50), ended('p-2', 45)]],
    [
      'permits that expired, were revoked or transferred',
      [ended('p-1', 30, 'EXPIRED'), ended('p-2', 30, 'TRANSFERRED'), ended('p-3', 30, 'REVOKED')],
    ],
    ['the same permit ended twice (a redelivered event)', [ended('p-1', 30), ended('p-1', 29)]],
  ])('no pattern for %s', (_case, endings) => {
    expect(detectRetaliation([complaint('complaint-1', 40)], endings)).toEqual([]);
  });

  it('does not read ordinary turnover (the end of a harvest) as retaliation: after must be ≥ 2 × before', () => {
    const harvest = [
      ended('p-1', 45),
      ended('p-2', 44),
      ended('p-3', 42),
      ended('p-4', 35),
      ended('p-5', 30),
    ];
    // 3 in the 30 days before the complaint (40 days ago), 2 after
    expect(detectRetaliation([complaint('complaint-1', 40)], harvest)).toEqual([]);
    const jump = [...harvest, ended('p-6', 25), ended('p-7', 24), ended('p-8', 20), ended('p-9', 15)];
    expect(detectRetaliation([complaint('complaint-1', 40)], jump)).toMatchObject([
      { endingsAfter: 6, endingsBefore: 3 },
    ]);
  });

  it('is configurable: window, minimum endings, baseline ratio', () => {
    const endings = [ended('p-1', 35)];
    expect(
      detectRetaliation([complaint('c-1', 40)], endings, retaliationPolicy({ minEndings: 1 })),
    ).toHaveLength(1);
    expect(
      detectRetaliation(
        [complaint('c-1', 40)],
        [ended('p-1', 35), ended('p-2', 10)],
        retaliationPolicy({ windowDays: 10 }),
      ),
    ).toEqual([]);
    expect(() => retaliationPolicy({ windowDays: 0 })).toThrow(
      expect.objectContaining({ code: AuditErrors.INVALID_OPTIONS.code }),
    );
  });

  it('counts the endings after the trigger up to the end of the window, inclusive, and none beyond it', () => {
    const trigger = complaint('c-w', 40);
    const at = (offsetMs: number) => new Date(Date.parse(trigger.at) + offsetMs).toISOString();
    const DAY = 86_400_000;
    const ending = (permitId: string, offsetMs: number): PermitEnding => ({
      permitId,
      endedAt: at(offsetMs),
      endReason: 'EMPLOYMENT_ENDED',
    });
    const policy = retaliationPolicy({ windowDays: 10 });
    const inside = [ending('p-1', 1), ending('p-2', 10 * DAY)];
    expect(detectRetaliation([trigger], inside, policy)).toEqual([
      expect.objectContaining({
        key: 'COMPLAINT:c-w',
        endedPermitIds: ['p-1', 'p-2'],
        windowEndsAt: at(10 * DAY),
      }),
    ]);
    // At the trigger's own instant (not after it) and one millisecond past the window: not in it.
    expect(detectRetaliation([trigger], [ending('p-1', 0), ending('p-2', 10 * DAY + 1)], policy)).toEqual([]);
    expect(detectRetaliation([trigger], [ending('p-1', 1), ending('p-2', 10 * DAY + 1)], policy)).toEqual([]);
  });

  it('is pure and stable: one pattern per trigger key, sorted by trigger time, the same for the same events', () => {
    const triggers = [visit('task-2', 20), complaint('c-1', 40), complaint('c-1', 40)];
    const endings = [ended('p-1', 35), ended('p-2', 19), ended('p-3', 18)];
    const patterns = detectRetaliation(triggers, endings);
    expect(patterns.map((p) => p.key)).toEqual(['COMPLAINT:c-1', 'AUDIT_VISIT:task-2']);
    expect(detectRetaliation([...triggers].reverse(), [...endings].reverse())).toEqual(patterns);
  });

  it('refuses malformed events', () => {
    expect(() => detectRetaliation([{ kind: 'RUMOUR' as never, id: 'x', at: daysAgo(1) }], [])).toThrow(
      expect.objectContaining({ code: 'RISK.INVALID_PROFILE' }),
    );
    expect(() =>
      detectRetaliation([], [{ permitId: 'p 1', endedAt: daysAgo(1), endReason: 'EMPLOYMENT_ENDED' }]),
    ).toThrow(expect.objectContaining({ code: AuditErrors.INVALID_ID.code }));
  });
});
