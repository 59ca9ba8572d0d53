import { startAuditsApp, aVerifiedEmployer, type AuditsTestHarness } from '../support/audits-test-app';

jest.setTimeout(90_000);

/** The explainable risk score and the plan, over HTTP on the real servers. */
describe('risk and audit plans (real Kafka, FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 15 });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the risk lists every factor with weight, points, evidence and explanation; the score is their sum', async () => {
    const employer = await aVerifiedEmployer(h.t, { sector: 'DOMESTIC_WORK' });

    const risk = await h.t.http
      .get(`/employers/${employer.employerId}/risk`)
      .set('Authorization', await h.as.officer('CHP'))
      .expect(200);

    expect(risk.body.factors.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['SECTOR', 'HEADCOUNT', 'PAST_FINDINGS', 'TIME_SINCE_LAST_AUDIT']),
    );
    const sector = risk.body.factors.find((f: { code: string }) => f.code === 'SECTOR');
    expect(sector).toMatchObject({
      weight: 10,
      intensity: 1,
      points: 10,
      evidence: { sector: 'DOMESTIC_WORK' },
    });
    expect(sector.explanationEs).toEqual(expect.any(String));
    const sum = risk.body.factors.reduce((total: number, f: { points: number }) => total + f.points, 0);
    expect(risk.body.score).toBeCloseTo(Math.min(100, sum), 1);
  });

  it('a supervisor sees the plan with its schedule; an unknown employer is 404', async () => {
    const employer = await aVerifiedEmployer(h.t);
    const supervisor = await h.as.supervisor('CHP');

    const plan = await h.t.http
      .get(`/employers/${employer.employerId}/audit-plan`)
      .set('Authorization', supervisor)
      .expect(200);

    expect(plan.body).toMatchObject({
      employerId: employer.employerId,
      status: 'ACTIVE',
      worksites: [expect.objectContaining({ worksiteId: employer.worksiteId, open: true })],
      scheduled: [
        expect.objectContaining({ kind: 'PERIODIC', worksiteId: employer.worksiteId, taskId: null }),
      ],
    });
    const unknown = await h.t.http
      .get('/employers/org_unknown/audit-plan')
      .set('Authorization', supervisor)
      .expect(404);
    expect(unknown.body.code).toBe('AUDIT_PLAN.NOT_FOUND');
  });
});
