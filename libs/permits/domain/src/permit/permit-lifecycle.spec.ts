import { PermitErrors } from '../errors/permit-errors';
import { anEmployerUser, anOfficer, aPermit, daysAfter, minutesAfter } from '../testing';
import type { Permit } from './permit.aggregate';
import {
  allowedPermitActions,
  isPermitActionAllowed,
  nextPermitStatus,
  PERMIT_ACTIONS,
  PERMIT_LIFECYCLE,
  type PermitAction,
} from './permit-lifecycle';
import { PERMIT_STATUSES, type PermitStatus } from './permit.types';

const pairs = PERMIT_ACTIONS.flatMap((action) =>
  PERMIT_STATUSES.map((status) => ({
    action,
    status,
    next: (PERMIT_LIFECYCLE[action] as Partial<Record<PermitStatus, PermitStatus>>)[status],
  })),
);

/** How to ask the aggregate for each action, at a moment after the permit's end of validity where that matters. */
const invoke: Record<PermitAction, (permit: Permit) => unknown> = {
  SUSPEND: (p) => p.suspend(anOfficer(), 'Worker reported unpaid wages', minutesAfter(p.validUntil, -60)),
  REINSTATE: (p) => p.reinstate(anOfficer(), 'Wages paid', minutesAfter(p.validUntil, -60)),
  REVOKE: (p) => p.revoke(anOfficer(), 'Forged document', minutesAfter(p.validUntil, -60)),
  END: (p) => p.endEmployment(anEmployerUser(), 'Harvest over', minutesAfter(p.validUntil, -60)),
  EXPIRE: (p) => p.expire(minutesAfter(p.validUntil, 1)),
  RENEW: (p) =>
    p.renew(
      { occupation: 'Cortador', dailyWage: 360, validUntil: daysAfter(p.validUntil, 365) },
      anOfficer(),
      minutesAfter(p.validUntil, -60),
    ),
  MAKE_TRANSFERABLE: (p) =>
    p.makeTransferable(daysAfter(p.validUntil, 30), 'EMPLOYER_DEREGISTERED', minutesAfter(p.validUntil, -60)),
  TRANSFER_OUT: (p) =>
    p.transferredTo('permit-new-elsewhere', minutesAfter(p.validUntil, -60), 'employer-new'),
};

/** A permit in `status`, made transferable first so TRANSFER_OUT has what it needs. */
const aPermitIn = (status: PermitStatus) => aPermit().transferable().inStatus(status).build();

describe('permit lifecycle table', () => {
  it('covers every action and status; every target is a status', () => {
    expect(pairs).toHaveLength(PERMIT_ACTIONS.length * PERMIT_STATUSES.length);
    expect(PERMIT_ACTIONS).toEqual([
      'SUSPEND',
      'REINSTATE',
      'REVOKE',
      'END',
      'EXPIRE',
      'RENEW',
      'MAKE_TRANSFERABLE',
      'TRANSFER_OUT',
    ]);
    for (const { next } of pairs) if (next !== undefined) expect(PERMIT_STATUSES).toContain(next);
  });

  it('encodes ACTIVE → SUSPENDED ⇄ ACTIVE → REVOKED | EXPIRED | ENDED', () => {
    expect(allowedPermitActions('ACTIVE')).toEqual([
      'SUSPEND',
      'REVOKE',
      'END',
      'EXPIRE',
      'RENEW',
      'MAKE_TRANSFERABLE',
      'TRANSFER_OUT',
    ]);
    expect(allowedPermitActions('SUSPENDED')).toEqual([
      'REINSTATE',
      'REVOKE',
      'END',
      'EXPIRE',
      'MAKE_TRANSFERABLE',
    ]);
    for (const terminal of ['REVOKED', 'EXPIRED', 'ENDED'] as const)
      expect(allowedPermitActions(terminal)).toEqual([]);
    expect(nextPermitStatus('TRANSFER_OUT', 'ACTIVE')).toBe('ENDED');
  });

  it.each(pairs)('table: $action from $status → $next', ({ action, status, next }) => {
    expect(isPermitActionAllowed(action, status)).toBe(next !== undefined);
    if (next !== undefined) {
      expect(nextPermitStatus(action, status)).toBe(next);
    } else {
      expect(() => nextPermitStatus(action, status)).toThrow(
        expect.objectContaining({
          code: PermitErrors.TRANSITION_NOT_ALLOWED.code,
          status: 409,
          params: { action, currentState: status, allowedActions: allowedPermitActions(status) },
        }),
      );
    }
  });
});

describe('Permit aggregate follows the table, for every state × action', () => {
  it.each(pairs.filter((p) => p.next !== undefined))(
    'Given a $status permit, When $action, Then it is $next with one version more and events',
    ({ action, status, next }) => {
      const permit = aPermitIn(status);
      const version = permit.version;
      invoke[action](permit);
      expect(permit.status).toBe(next);
      expect(permit.version).toBe(version + 1);
      expect(permit.pullEvents().length).toBeGreaterThan(0);
      expect(permit.recordedHistory.at(-1)?.version).toBe(version + 1);
    },
  );

  // Idempotent repeats are answered before the table: EXPIRE on an EXPIRED permit changes nothing.
  const refusals = pairs.filter(
    (p) => p.next === undefined && !(p.action === 'EXPIRE' && p.status === 'EXPIRED'),
  );
  it.each(refusals)(
    'Given a $status permit, When $action, Then 409 with the current state and allowed actions, nothing changes',
    ({ action, status }) => {
      const permit = aPermitIn(status);
      const before = permit.toSnapshot();
      expect(() => invoke[action](permit)).toThrow(
        expect.objectContaining({
          code: PermitErrors.TRANSITION_NOT_ALLOWED.code,
          params: expect.objectContaining({
            action,
            currentState: status,
            allowedActions: allowedPermitActions(status),
          }),
        }),
      );
      expect(permit.toSnapshot()).toEqual(before);
      expect(permit.pullEvents()).toEqual([]);
    },
  );

  it('exposes the allowed actions of its status', () => {
    expect(aPermit().suspended().build().allowedActions).toEqual(allowedPermitActions('SUSPENDED'));
  });
});
