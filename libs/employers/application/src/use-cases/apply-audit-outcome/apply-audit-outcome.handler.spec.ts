import { createEvent } from '@frontera/contracts';
import { anEmployer, day } from '@frontera/employers-domain/testing';
import { anApplication } from '../../testing/application-fixture';
import { applyAuditOutcomeCommandFrom, type AuditOutcomeRecordedEvent } from './apply-audit-outcome.command';

function auditOutcomeEvent(
  employerId: string,
  overrides: Partial<AuditOutcomeRecordedEvent['data']> = {},
): AuditOutcomeRecordedEvent {
  return createEvent({
    type: 'frontera.audit.outcome.recorded',
    subject: employerId,
    correlationId: 'corr-audit-1',
    data: {
      taskId: 'task-1',
      employerId,
      kind: 'PERIODIC',
      outcome: 'VIOLATIONS',
      findings: [
        { code: 'WAGE_BELOW_MINIMUM', severity: 'SERIOUS', workersAffected: 4, forcedLabourIndicator: false },
      ],
      completedAt: day(5).toISOString(),
      ...overrides,
    },
  });
}

describe('ApplyAuditOutcomeHandler', () => {
  it('serious findings rate an active employer B, caused by the audit event', async () => {
    // Given
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const event = auditOutcomeEvent(employer.id);
    // When
    const result = await app.applyAuditOutcome.execute(applyAuditOutcomeCommandFrom(event));
    // Then
    expect(result.applied?.record.effects).toEqual(['RATED_B']);
    expect((await app.employers.findById(employer.id))?.rating).toBe('B');
    expect(app.employers.published).toEqual([
      expect.objectContaining({
        type: 'frontera.employer.rating.changed',
        correlationid: 'corr-audit-1',
        causationid: event.id,
        data: expect.objectContaining({ from: 'A', to: 'B', auditId: 'task-1' }),
      }),
    ]);
  });

  it('the same event twice changes the employer once', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const event = auditOutcomeEvent(employer.id);

    await app.applyAuditOutcome.execute(applyAuditOutcomeCommandFrom(event));
    const again = await app.applyAuditOutcome.execute(applyAuditOutcomeCommandFrom(event));

    expect(again.applied).toBeUndefined();
    expect(app.employers.writes).toBe(1);
    expect(app.employers.published).toHaveLength(1);
  });

  it('another event for the same audit changes nothing either (the domain knows the audit)', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await app.applyAuditOutcome.execute(applyAuditOutcomeCommandFrom(auditOutcomeEvent(employer.id)));
    const replay = await app.applyAuditOutcome.execute(
      applyAuditOutcomeCommandFrom(auditOutcomeEvent(employer.id)),
    );

    expect(replay.applied?.duplicate).toBe(true);
    expect(app.employers.writes).toBe(1);
  });

  it('forced-labour indicators suspend the employer with cause CRITICAL_FINDINGS', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await app.applyAuditOutcome.execute(
      applyAuditOutcomeCommandFrom(
        auditOutcomeEvent(employer.id, {
          taskId: 'task-critical',
          findings: [
            { code: 'DEBT_BONDAGE', severity: 'SERIOUS', workersAffected: 2, forcedLabourIndicator: true },
          ],
        }),
      ),
    );

    const stored = await app.employers.findById(employer.id);
    expect(stored?.status).toBe('SUSPENDED');
    expect(stored?.suspension?.cause).toBe('CRITICAL_FINDINGS');
    expect(app.employers.published.map((e) => e.type)).toEqual([
      'frontera.employer.rating.changed',
      'frontera.employer.suspended',
    ]);
    expect(app.employers.published[1].data).toMatchObject({
      cause: 'CRITICAL_FINDINGS',
      auditId: 'task-critical',
    });
  });

  it('an unknown employer is not found (the consumer dead-letters it)', async () => {
    const app = anApplication();
    await expect(
      app.applyAuditOutcome.execute(applyAuditOutcomeCommandFrom(auditOutcomeEvent('emp-unknown'))),
    ).rejects.toMatchObject({ code: 'EMPLOYER.NOT_FOUND' });
  });
});
