import { COMPLAINTS_COLLECTION } from '../../src/persistence/audits.schemas';
import { startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';

jest.setTimeout(90_000);

/** Filing is rate-limited per client (Redis-backed): past the budget, 429 with Retry-After and nothing stored. */
describe('public complaints: rate limit', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 2, env: { COMPLAINT_RATE_PER_MINUTE: '2' } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the third request of a minute is 429 with Retry-After, and stores nothing', async () => {
    const body = {
      place: 'Finca El Recreo',
      state: 'CHP',
      description: 'Jornadas de catorce horas sin pago',
    };
    await h.t.http.post('/complaints').send(body).expect(201);
    await h.t.http.post('/complaints').send(body).expect(201);

    const refused = await h.t.http.post('/complaints').send(body).expect(429);

    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.code).toEqual(expect.any(String));
    expect(await h.t.connection.collection(COMPLAINTS_COLLECTION).countDocuments({})).toBe(2);
    // The status check shares the budget: the complainant cannot probe codes past it either.
    await h.t.http
      .post('/complaints/status')
      .send({ receiptCode: 'Q-26-AAAA-AAAA-A', secret: 'x' })
      .expect(429);
  });
});
