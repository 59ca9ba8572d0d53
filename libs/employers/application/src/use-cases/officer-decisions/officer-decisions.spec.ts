import { anEmployer, anAuditOutcome, day } from '@frontera/employers-domain/testing';
import { anEmployerActor, anOfficerActor, metadataFor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';

// Reject, suspend, reinstate and deregister share one shape: officer in scope, a reason, one event.
describe('officer decisions', () => {
  const officer = metadataFor(anOfficerActor('CHP'));

  it('rejects a pending registration with the officer’s reason', async () => {
    const app = anApplication();
    const employer = anEmployer().build();
    app.employers.given(employer);

    const read = await app.reject.execute({
      employerId: employer.id,
      reason: 'RFC not in the SAT registry',
      metadata: officer,
    });

    expect(read.employer.status).toBe('REJECTED');
    expect(app.employers.published.map((e) => [e.type, e.data])).toEqual([
      [
        'frontera.employer.rejected',
        { employerId: employer.id, reason: 'RFC not in the SAT registry', rejectedBy: 'officer-1' },
      ],
    ]);
  });

  it('suspends an active employer by officer decision and reinstates it', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await app.suspend.execute({
      employerId: employer.id,
      reason: 'Roster inconsistencies',
      metadata: officer,
    });
    const read = await app.reinstate.execute({
      employerId: employer.id,
      reason: 'Roster corrected',
      metadata: officer,
    });

    expect(read.employer.status).toBe('ACTIVE');
    expect(app.employers.published.map((e) => e.type)).toEqual([
      'frontera.employer.suspended',
      'frontera.employer.reinstated',
    ]);
    expect(app.employers.published[0].data).toEqual({
      employerId: employer.id,
      cause: 'OFFICER_DECISION',
      reason: 'Roster inconsistencies',
      actorId: 'officer-1',
    });
  });

  it('reinstating after critical findings keeps rating B', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    employer.applyAuditOutcome(anAuditOutcome().withCriticalFinding().completedAt(day(0)).build(), day(0));
    employer.pullEvents();
    app.employers.given(employer);

    const read = await app.reinstate.execute({
      employerId: employer.id,
      reason: 'Reviewed on site',
      metadata: officer,
    });

    expect(read.employer.status).toBe('ACTIVE');
    expect(read.employer.rating).toBe('B');
    expect(read.employer.canReceivePermits()).toBe(false);
  });

  it('deregisters and closes the open worksites, one event each', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    await app.addWorksite.execute({
      employerId: employer.id,
      worksite: {
        name: 'Finca Norte',
        activity: 'coffee harvest',
        state: 'CHP',
        municipality: 'Tapachula',
        coordinates: { lat: 14.9, lng: -92.26 },
        capacity: 10,
        housingProvided: false,
      },
      metadata: metadataFor(anEmployerActor(employer.id)),
    });

    await app.deregister.execute({ employerId: employer.id, reason: 'Business closed', metadata: officer });

    expect(app.employers.published.map((e) => e.type).slice(1)).toEqual([
      'frontera.employer.deregistered',
      'frontera.employer.worksite.closed',
    ]);
  });

  it('answers 409 with the current state and allowed actions for a transition the table forbids', async () => {
    const app = anApplication();
    const employer = anEmployer().build();
    app.employers.given(employer);

    await expect(
      app.suspend.execute({ employerId: employer.id, reason: 'Too early', metadata: officer }),
    ).rejects.toMatchObject({
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      status: 409,
      params: {
        action: 'SUSPEND',
        currentState: 'PENDING_VERIFICATION',
        allowedActions: [
          'VERIFY',
          'REJECT',
          'REPORT_CHANGE',
          'ADD_WORKSITE',
          'UPDATE_WORKSITE',
          'CLOSE_WORKSITE',
        ],
      },
    });
    expect(app.employers.writes).toBe(0);
  });

  it('is not for employer staff, even on their own employer (403)', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await expect(
      app.deregister.execute({
        employerId: employer.id,
        reason: 'We close',
        metadata: metadataFor(anEmployerActor(employer.id)),
      }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.ACCESS_DENIED', params: { reason: 'ROLE_NOT_ALLOWED' } });
  });
});
