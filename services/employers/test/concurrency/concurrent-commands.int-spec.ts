import { anAddress } from '@frontera/employers-domain/testing';
import { EmployersTestApp } from '../support/employers-test-app';
import { aCompanyIn } from '../support/requests';

jest.setTimeout(60_000);

/**
 * FerretDB 1.x applies concurrent updates of one document as unlocked read-modify-writes, so
 * without the employer lock some of these acknowledged changes would be lost. With it, every
 * request is load → decide → save on the state the previous one saved.
 */
describe('concurrent commands on one employer', () => {
  let t: EmployersTestApp;

  beforeAll(async () => {
    t = await EmployersTestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('20 concurrent changes all succeed or fail cleanly, and the history has exactly the successful ones', async () => {
    // Given
    const employer = await t.active(aCompanyIn('CHP'));
    const staff = await t.callers.employer(employer.id);
    const versionBefore = employer.version;
    // When: 20 different street addresses reported at once
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .post(`/employers/${employer.id}/changes`)
          .set('Authorization', staff)
          .send({
            address: anAddress()
              .onStreet(`Avenida Central Norte ${100 + i}`)
              .build(),
            reason: `Cambio ${i}`,
          }),
      ),
    );
    // Then
    const succeeded = responses.filter((r) => r.status === 200);
    const failed = responses.filter((r) => r.status !== 200);
    for (const r of failed) {
      // Clean failures: waited longer than LOCK_WAIT_MS, or the version changed under the command.
      expect([r.status, r.body.code]).toEqual(
        expect.arrayContaining([
          expect.any(Number),
          expect.stringMatching(/^EMPLOYER\.(BUSY|CONCURRENT_MODIFICATION)$/),
        ]),
      );
    }
    expect(succeeded.length).toBeGreaterThan(0);

    const history = await t.http
      .get(`/employers/${employer.id}/history`)
      .set('Authorization', await t.callers.officer('CHP'))
      .expect(200);
    const streetChanges = (
      history.body.entries as { field: string; reason: string; version: number }[]
    ).filter((e) => e.field === 'address.street');
    expect(streetChanges).toHaveLength(succeeded.length);
    expect(new Set(streetChanges.map((e) => e.version)).size).toBe(succeeded.length);
    // Each change saw the previous one: from = the street the previous change wrote.
    const stored = await t.rawEmployer(employer.id);
    expect(stored?.['version']).toBe(versionBefore + succeeded.length);
    const versions = succeeded.map((r) => r.body.employer.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: succeeded.length }, (_, i) => versionBefore + 1 + i));
    // And every successful change published its event.
    await t.events.waitFor(employer.id, 'frontera.employer.updated', succeeded.length);
  });

  it('concurrent verifications of different employers of one state get different registration numbers', async () => {
    const employers = await Promise.all(Array.from({ length: 8 }, () => t.registered(aCompanyIn('CAM'))));
    const officer = await t.callers.officer('CAM');

    const responses = await Promise.all(
      employers.map((e) => t.http.post(`/employers/${e.id}/verification`).set('Authorization', officer)),
    );

    expect(responses.map((r) => r.status)).toEqual(employers.map(() => 200));
    const numbers = responses.map((r) => r.body.registrationNumber as string);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
