import { createEvent } from '@frontera/contracts';
import { anEmployer, day } from '@frontera/employers-domain/testing';
import { anOfficerActor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';
import { recordRiskChangeCommandFrom, type RiskChangedEvent } from './record-risk-change.command';

function riskEvent(employerId: string, score: number, computedAt: Date): RiskChangedEvent {
  return createEvent({
    type: 'frontera.audit.risk.changed',
    subject: employerId,
    correlationId: 'corr-risk-1',
    data: {
      employerId,
      score,
      tier: score >= 70 ? 'HIGH' : 'MEDIUM',
      factors: [{ factor: 'HEADCOUNT_SPIKE', points: score, explanation: 'Headcount doubled in a month' }],
      computedAt: computedAt.toISOString(),
    },
  });
}

describe('RecordRiskChangeHandler', () => {
  it('keeps the latest risk for officers and publishes nothing', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    const changed = await app.recordRiskChange.execute(
      recordRiskChangeCommandFrom(riskEvent(employer.id, 75, day(3))),
    );

    expect(changed).toBe(true);
    const read = await app.getEmployer.execute({ employerId: employer.id, caller: anOfficerActor() });
    expect(read.employer.risk).toMatchObject({ score: 75, tier: 'HIGH' });
    expect(read.riskAssessment).toBe(true);
    expect(app.employers.published).toEqual([]);
  });

  it('ignores a repeated event and an older computation', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const latest = riskEvent(employer.id, 40, day(5));

    await app.recordRiskChange.execute(recordRiskChangeCommandFrom(latest));
    const repeated = await app.recordRiskChange.execute(recordRiskChangeCommandFrom(latest));
    const older = await app.recordRiskChange.execute(
      recordRiskChangeCommandFrom(riskEvent(employer.id, 90, day(4))),
    );

    expect([repeated, older]).toEqual([false, false]);
    expect((await app.employers.findById(employer.id))?.risk?.score).toBe(40);
    expect(app.employers.writes).toBe(1);
  });
});
