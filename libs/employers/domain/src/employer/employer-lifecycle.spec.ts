import { EmployerErrors } from '../errors/employer-errors';
import { aRegistrationNumber, anEmployer, anEmployerUser, anOfficer, aWorksite, day } from '../testing';
import type { Employer } from './employer.aggregate';
import {
  allowedActions,
  EMPLOYER_ACTIONS,
  EMPLOYER_LIFECYCLE,
  isActionAllowed,
  nextStatus,
  type EmployerAction,
} from './employer-lifecycle';
import { EMPLOYER_STATUSES, type EmployerStatus } from '@frontera/shared-kernel';

/** Every (action, status) pair, split by what the table says. */
const pairs = EMPLOYER_ACTIONS.flatMap((action) =>
  EMPLOYER_STATUSES.map((status) => ({
    action,
    status,
    next: (EMPLOYER_LIFECYCLE[action] as Partial<Record<EmployerStatus, EmployerStatus>>)[status],
  })),
);
const allowed = pairs.filter((p) => p.next !== undefined).map((p) => [p.action, p.status, p.next] as const);
const disallowed = pairs.filter((p) => p.next === undefined).map((p) => [p.action, p.status] as const);
const allowedRows = pairs.filter((p) => p.next !== undefined) as {
  action: EmployerAction;
  status: EmployerStatus;
  next: EmployerStatus;
}[];
const disallowedRows = pairs.filter((p) => p.next === undefined);

/** How to ask the aggregate for each action; a Record, so a new action without a way to invoke it does not compile. */
const invoke: Record<EmployerAction, (employer: Employer) => unknown> = {
  VERIFY: (e) => e.verify(anOfficer(), aRegistrationNumber().inState(e.address.state).build(), day(1)),
  REJECT: (e) => e.reject(anOfficer(), 'RFC does not match the company deed', day(1)),
  SUSPEND: (e) => e.suspend(anOfficer(), 'Workers report unpaid wages', day(1)),
  REINSTATE: (e) => e.reinstate(anOfficer(), 'Wages paid; evidence reviewed', day(1)),
  DEREGISTER: (e) => e.deregister(anEmployerUser(), 'The farm was sold', day(1)),
  REPORT_CHANGE: (e) =>
    e.reportChange(
      anEmployerUser(),
      { legalName: 'Cafetalera del Soconusco S.A. de C.V.' },
      'Name change',
      day(1),
    ),
  ADD_WORKSITE: (e) => e.addWorksite(anEmployerUser(), aWorksite().build(e.address.state), day(1)),
  UPDATE_WORKSITE: (e) =>
    e.updateWorksite(
      anEmployerUser(),
      e.worksites[0].id,
      { capacity: 55 },
      'More beds in the dormitory',
      day(1),
    ),
  CLOSE_WORKSITE: (e) => e.closeWorksite(anEmployerUser(), e.worksites[0].id, 'Harvest season over', day(1)),
};

/** An employer in `status` with one open worksite (so worksite actions have something to act on). */
function anEmployerIn(status: EmployerStatus): Employer {
  const employer = anEmployer().inStatus(status).withWorksite(aWorksite()).build();
  if (status === 'DEREGISTERED') {
    // deregistration closes worksites; the disallowed checks need the status, not an open worksite
    expect(employer.worksites[0].status).toBe('CLOSED');
  }
  return employer;
}

describe('employer lifecycle table', () => {
  it('covers every action and every status, and every target is a known status', () => {
    expect(allowed.length + disallowed.length).toBe(EMPLOYER_ACTIONS.length * EMPLOYER_STATUSES.length);
    for (const [, , next] of allowed) expect(EMPLOYER_STATUSES).toContain(next);
  });

  it('encodes PENDING_VERIFICATION → ACTIVE ⇄ SUSPENDED → DEREGISTERED, and REJECTED from PENDING_VERIFICATION', () => {
    expect(nextStatus('VERIFY', 'PENDING_VERIFICATION')).toBe('ACTIVE');
    expect(nextStatus('REJECT', 'PENDING_VERIFICATION')).toBe('REJECTED');
    expect(nextStatus('SUSPEND', 'ACTIVE')).toBe('SUSPENDED');
    expect(nextStatus('REINSTATE', 'SUSPENDED')).toBe('ACTIVE');
    expect(nextStatus('DEREGISTER', 'SUSPENDED')).toBe('DEREGISTERED');
    expect(nextStatus('DEREGISTER', 'ACTIVE')).toBe('DEREGISTERED');
  });

  it('leaves REJECTED and DEREGISTERED terminal', () => {
    expect(allowedActions('REJECTED')).toEqual([]);
    expect(allowedActions('DEREGISTERED')).toEqual([]);
  });

  it('lists the allowed actions per status in table order', () => {
    expect(allowedActions('PENDING_VERIFICATION')).toEqual([
      'VERIFY',
      'REJECT',
      'REPORT_CHANGE',
      'ADD_WORKSITE',
      'UPDATE_WORKSITE',
      'CLOSE_WORKSITE',
    ]);
    expect(allowedActions('ACTIVE')).toEqual([
      'SUSPEND',
      'DEREGISTER',
      'REPORT_CHANGE',
      'ADD_WORKSITE',
      'UPDATE_WORKSITE',
      'CLOSE_WORKSITE',
    ]);
    expect(allowedActions('SUSPENDED')).toEqual([
      'REINSTATE',
      'DEREGISTER',
      'REPORT_CHANGE',
      'UPDATE_WORKSITE',
      'CLOSE_WORKSITE',
    ]);
  });

  it.each(allowed)('allows %s from %s, leading to %s', (action, status, next) => {
    expect(isActionAllowed(action, status)).toBe(true);
    expect(nextStatus(action, status)).toBe(next);
  });

  it.each(disallowed)(
    'refuses %s from %s with TRANSITION_NOT_ALLOWED, the current state and the allowed actions',
    (action, status) => {
      expect(isActionAllowed(action, status)).toBe(false);
      let error: unknown;
      try {
        nextStatus(action, status);
      } catch (e) {
        error = e;
      }
      expect(EmployerErrors.TRANSITION_NOT_ALLOWED.is(error)).toBe(true);
      expect(error).toMatchObject({
        status: 409,
        params: { action, currentState: status, allowedActions: allowedActions(status) },
      });
    },
  );
});

describe('Employer aggregate follows the lifecycle table', () => {
  it.each(allowedRows)(
    'Given an employer $status, When $action is requested, Then it becomes $next',
    ({ action, status, next }) => {
      // Given
      const employer = anEmployerIn(status);
      const version = employer.version;
      // When
      invoke[action](employer);
      // Then
      expect(employer.status).toBe(next);
      expect(employer.version).toBe(version + 1);
      expect(employer.pullEvents().length).toBeGreaterThan(0);
    },
  );

  it.each(disallowedRows)(
    'Given an employer $status, When $action is requested, Then it is refused and nothing changes',
    ({ action, status }) => {
      // Given
      const employer = anEmployerIn(status);
      const before = employer.toSnapshot();
      // When
      const attempt = () => invoke[action](employer);
      // Then
      expect(attempt).toThrow(
        expect.objectContaining({
          code: EmployerErrors.TRANSITION_NOT_ALLOWED.code,
          params: expect.objectContaining({ currentState: status, allowedActions: allowedActions(status) }),
        }),
      );
      expect(employer.toSnapshot()).toEqual(before);
      expect(employer.pullEvents()).toEqual([]);
    },
  );

  it('exposes the allowed actions of its current status', () => {
    expect(anEmployer().active().build().allowedActions).toEqual(allowedActions('ACTIVE'));
  });
});
