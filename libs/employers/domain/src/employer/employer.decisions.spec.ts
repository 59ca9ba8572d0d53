import { given } from '@frontera/shared-kernel/testing';
import { EmployerErrors } from '../errors/employer-errors';
import { anEmployer, anOfficer, aWorksite, day } from '../testing';

// The officer's reason-only decisions, Given/When/Then (no infrastructure).
describe('officer decisions on the Employer aggregate', () => {
  const officer = anOfficer('officer-7');

  it('suspends an active employer by officer decision: one event with cause and actor', () => {
    given(anEmployer().active())
      .when((e) => e.suspend(officer, 'Roster inconsistencies', day(1)))
      .thenEvents([
        {
          type: 'EmployerSuspended',
          cause: 'OFFICER_DECISION',
          reason: 'Roster inconsistencies',
          actorId: 'officer-7',
          auditId: null,
        },
      ]);
  });

  it('reinstates a suspended employer, keeping the rating', () => {
    given(anEmployer().suspended().ratedB())
      .when((e) => e.reinstate(officer, 'Reviewed on site', day(2)))
      .then((employer, _result, events) => {
        expect(events.map((e) => e.type)).toEqual(['EmployerReinstated']);
        expect(employer.status).toBe('ACTIVE');
        expect(employer.rating).toBe('B');
        expect(employer.suspension).toBeNull();
      });
  });

  it('deregisters and closes every open worksite, one event each', () => {
    given(anEmployer().active().withWorksite(aWorksite()).withWorksite(aWorksite()))
      .when((e) => e.deregister(officer, 'Business closed', day(3)))
      .thenEvents([
        { type: 'EmployerDeregistered', reason: 'Business closed', actorId: 'officer-7' },
        { type: 'WorksiteClosed', reason: 'Business closed' },
        { type: 'WorksiteClosed', reason: 'Business closed' },
      ]);
  });

  it('rejects only a pending registration: elsewhere 409 with the current state and allowed actions', () => {
    given(anEmployer().pendingVerification())
      .when((e) => e.reject(officer, 'RFC not in the SAT registry', day(1)))
      .thenEvents([{ type: 'EmployerRejected', rejectedBy: 'officer-7' }]);
    given(anEmployer().active())
      .when((e) => e.reject(officer, 'Too late', day(1)))
      .thenFails(EmployerErrors.TRANSITION_NOT_ALLOWED, { action: 'REJECT', currentState: 'ACTIVE' });
  });

  it('refuses a decision without a reason, changing nothing', () => {
    const error = given(anEmployer().active())
      .when((e) => e.suspend(officer, '   ', day(1)))
      .thenFails(EmployerErrors.INVALID_REASON, { field: 'reason', constraint: 'REQUIRED' });
    expect(error.status).toBe(422);
  });
});
