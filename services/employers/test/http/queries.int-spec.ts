import { aRegistration } from '@frontera/employers-domain/testing';
import { maskValue } from '@frontera/platform-pii';
import type { EmployerPageResponse, EmployerResponse } from '../../src/http/dto/employer.response';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn, aRegistrationRequest, anIndividualIn } from '../support/requests';

jest.setTimeout(60_000);

describe('GET /employers and GET /employers/:id', () => {
  let t: EmployersTestApp;
  let chpPending: EmployerResponse;
  let chpActiveMango: EmployerResponse;
  let chpIndividual: EmployerResponse;
  let camActive: EmployerResponse;

  beforeAll(async () => {
    t = await EmployersTestApp.start({ readEmployerTopic: false });
    chpPending = await t.registered(aCompanyIn('CHP'));
    chpActiveMango = await t.active(aRegistrationRequest(aRegistration().inState('CHP').withSector('MANGO')));
    chpIndividual = await t.registered(anIndividualIn('CHP'));
    camActive = await t.active(aCompanyIn('CAM'));
  });

  afterAll(async () => {
    await t?.close();
  });

  async function list(token: string, query = ''): Promise<EmployerPageResponse> {
    return (await t.http.get(`/employers${query}`).set('Authorization', token).expect(200))
      .body as EmployerPageResponse;
  }
  const ids = (page: EmployerPageResponse) => page.items.map((i) => i.id);

  it('officers list the employers of their states (state by state), newest first, with filters', async () => {
    const officer = await t.callers.officer('CHP', 'CAM');

    expect(ids(await list(officer))).toEqual([
      camActive.id,
      chpIndividual.id,
      chpActiveMango.id,
      chpPending.id,
    ]);
    expect((await list(officer)).nextCursor).toBeNull();
    expect(ids(await list(officer, '?state=CHP&status=ACTIVE'))).toEqual([chpActiveMango.id]);
    expect(ids(await list(officer, '?sector=MANGO'))).toEqual([chpActiveMango.id]);
    expect(ids(await list(officer, '?rating=A'))).toEqual([camActive.id, chpActiveMango.id]);
    expect(ids(await list(await t.callers.officer('CAM')))).toEqual([camActive.id]);
  });

  it('a state filter outside the officer’s states finds nothing', async () => {
    expect(await list(await t.callers.officer('CAM'), '?state=CHP')).toEqual({ items: [], nextCursor: null });
  });

  it('pages with a cursor and a limit: each employer once, in order, then no cursor', async () => {
    const officer = await t.callers.officer('CHP', 'CAM');
    const first = await list(officer, '?limit=3');
    expect(ids(first)).toEqual([camActive.id, chpIndividual.id, chpActiveMango.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(officer, `?limit=3&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ nextCursor: null });
    expect(ids(second)).toEqual([chpPending.id]);
  });

  it('refuses a cursor it did not give with 400 problem details', async () => {
    const response = await t.http
      .get('/employers?cursor=bm90LWEtY3Vyc29y')
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(400);
    expect(response.body).toMatchObject({ code: 'LIST.INVALID_CURSOR', status: 400 });
  });

  it('an employer lists only itself', async () => {
    expect(await list(await t.callers.employer(chpPending.id))).toEqual({
      items: [expect.objectContaining({ id: chpPending.id })],
      nextCursor: null,
    });
  });

  it('employer staff get the same 400 LIST.INVALID_CURSOR for any cursor: their list gives none', async () => {
    const staff = await t.callers.employer(chpPending.id);
    // A cursor the service gave an officer is not one it gave this list, nor is a made-up one.
    const officers = await list(await t.callers.officer('CHP'), '?limit=1');
    expect(officers.nextCursor).toEqual(expect.any(String));
    for (const cursor of [officers.nextCursor ?? '', 'bm90LWEtY3Vyc29y']) {
      const response = await t.http
        .get(`/employers?cursor=${cursor}`)
        .set('Authorization', staff)
        .expect(400);
      expect(response.body).toMatchObject({ code: 'LIST.INVALID_CURSOR', status: 400 });
    }
  });

  it('list items carry no contact or legal representative; individuals’ RFC and name are in clear for officers only', async () => {
    const officerItem = (await list(await t.callers.officer('CHP'))).items.find(
      (i) => i.id === chpIndividual.id,
    );
    const supervisorItem = (await list(await t.callers.supervisor('CHP'))).items.find(
      (i) => i.id === chpIndividual.id,
    );
    const ownItem = (await list(await t.callers.employer(chpIndividual.id))).items[0];

    expect(officerItem).toMatchObject({
      rfc: chpIndividual.rfc,
      legalName: chpIndividual.legalName,
      personalData: 'FULL',
    });
    expect(supervisorItem).toMatchObject({ rfc: maskValue(chpIndividual.rfc), personalData: 'MASKED' });
    expect(ownItem).toMatchObject({ rfc: maskValue(chpIndividual.rfc), personalData: 'MASKED' });
    for (const item of [officerItem, supervisorItem, ownItem]) {
      expect(item).not.toHaveProperty('contact');
      expect(item).not.toHaveProperty('legalRepresentative');
    }
    expect(ownItem).not.toHaveProperty('riskTier');
    expect(officerItem).toHaveProperty('riskTier', null);
  });

  it('a supervisor reads the record with personal data masked; a company’s RFC is not personal data', async () => {
    const response = await t.http
      .get(`/employers/${chpActiveMango.id}`)
      .set('Authorization', await t.callers.supervisor('CHP'))
      .expect(200);
    const body = response.body as EmployerResponse;
    expect(body.personalData).toBe('MASKED');
    expect(body.contact.email).toBe(maskValue(chpActiveMango.contact.email));
    expect(body.contact.phone).toBe(maskValue(chpActiveMango.contact.phone));
    expect(body.legalRepresentative?.fullName).toBe(
      maskValue(chpActiveMango.legalRepresentative?.fullName ?? ''),
    );
    expect(body.rfc).toBe(chpActiveMango.rfc);
    expect(body.address.street).toBe(chpActiveMango.address.street);
    expect(body).toHaveProperty('risk', null);
  });

  it('the employer itself and officers in scope read it in full; only officers see the risk assessment', async () => {
    const own = (
      await t.http
        .get(`/employers/${chpIndividual.id}`)
        .set('Authorization', await t.callers.employer(chpIndividual.id))
        .expect(200)
    ).body as EmployerResponse;
    const officer = (
      await t.http
        .get(`/employers/${chpIndividual.id}`)
        .set('Authorization', await t.callers.officer('CHP'))
        .expect(200)
    ).body as EmployerResponse;
    expect(own).toEqual(chpIndividual);
    expect(own).not.toHaveProperty('risk');
    expect(officer).toMatchObject({ rfc: chpIndividual.rfc, contact: chpIndividual.contact, risk: null });
  });

  it('an unknown id is 404 problem details', async () => {
    const response = await t.http
      .get('/employers/org-does-not-exist')
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(404);
    expect(response.body).toMatchObject({ status: 404, code: 'EMPLOYER.NOT_FOUND' });
  });
});
