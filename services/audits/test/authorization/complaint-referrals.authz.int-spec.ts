import { waitFor } from '@frontera/platform-testing';
import { COMPLAINTS_COLLECTION, REFERRALS_COLLECTION } from '../../src/persistence/audits.schemas';
import { startAuditsApp, type AuditsTestHarness } from '../support/audits-test-app';

jest.setTimeout(180_000);

const CALLERS = [
  'supervisor of its state',
  'supervisor of another state',
  'inspector',
  'officer',
  'employer staff',
  'anonymous',
] as const;
type CallerKind = (typeof CALLERS)[number];

const EXPECTED: Readonly<Record<CallerKind, number>> = {
  'supervisor of its state': 201,
  'supervisor of another state': 404,
  inspector: 403,
  officer: 403,
  'employer staff': 403,
  anonymous: 401,
};

async function authorization(h: AuditsTestHarness, caller: CallerKind) {
  switch (caller) {
    case 'supervisor of its state':
      return h.as.supervisor('CHP');
    case 'supervisor of another state':
      return h.as.supervisor('TAB');
    case 'inspector':
      return h.as.inspector('insp_any', 'CHP');
    case 'officer':
      return h.as.officer('CHP');
    case 'employer staff':
      return h.as.employer('org_any');
    case 'anonymous':
      return undefined;
  }
}

/**
 * POST /complaints/:id/referrals × every kind of caller: only a supervisor of the complaint's state
 * refers it (another state's reads it as not found); every refusal leaves the complaint as it was and
 * makes no referral.
 */
describe('complaint referrals: authorization', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 11 });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function aComplaint(): Promise<string> {
    const filed = await h.t.http
      .post('/complaints')
      .send({
        place: 'Rancho Las Palmas',
        state: 'CHP',
        description: 'Nos retienen los papeles',
        indicators: ['RETENTION_OF_IDENTITY_DOCUMENTS'],
      })
      .expect(201);
    const stored = await waitFor(
      async () =>
        (await h.t.connection
          .collection(COMPLAINTS_COLLECTION)
          .findOne({ receiptCode: (filed.body.receiptCode as string).replace(/-/g, '') })) ?? undefined,
      'the complaint stored',
    );
    return String(stored._id);
  }

  it.each(CALLERS)('POST /complaints/:id/referrals — %s', async (caller) => {
    const complaintId = await aComplaint();
    const before = await h.t.raw(COMPLAINTS_COLLECTION, complaintId);
    const bearer = await authorization(h, caller);
    const request = h.t.http
      .post(`/complaints/${complaintId}/referrals`)
      .send({ agency: 'FEDERAL_PROSECUTOR', reason: 'Retención de documentos con amenazas' });

    const response = await (bearer ? request.set('Authorization', bearer) : request);

    expect({ caller, status: response.status }).toEqual({ caller, status: EXPECTED[caller] });
    const referrals = await h.t.connection
      .collection(REFERRALS_COLLECTION)
      .find({ 'record.source.id': complaintId }, { projection: { _id: 1 } })
      .toArray();
    if (EXPECTED[caller] >= 400) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await h.t.raw(COMPLAINTS_COLLECTION, complaintId))?.['version']).toBe(before?.['version']);
      expect(referrals).toHaveLength(0);
    } else {
      expect(response.body).toMatchObject({ sourceType: 'COMPLAINT', sourceId: complaintId, state: 'CHP' });
      expect(referrals.map((r) => String(r._id))).toEqual([response.body.id]);
    }
  });
});
