import { AppError } from '@frontera/shared-kernel';

import { anRfc, aRegistration } from '@frontera/employers-domain/testing';
import { anEmployerActor, anOfficerActor, metadataFor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';
import type { RegisterEmployerData } from './register-employer.command';

function registrationData(builder = aRegistration()): RegisterEmployerData {
  const { employerId: _ignored, ...data } = builder.build();
  return data;
}

describe('RegisterEmployerHandler', () => {
  it('registers the caller’s organisation under the id its token carries, pending verification', async () => {
    // Given
    const app = anApplication();
    const caller = anEmployerActor('org-42');
    // When
    const read = await app.register.execute({ data: registrationData(), metadata: metadataFor(caller) });
    // Then
    expect(read.employer.id).toBe('org-42');
    expect(read.employer.status).toBe('PENDING_VERIFICATION');
    expect(read.personalData).toBe('FULL');
    expect((await app.employers.findById('org-42'))?.version).toBe(1);
    expect(app.employers.published).toEqual([
      expect.objectContaining({
        type: 'frontera.employer.registered',
        subject: 'org-42',
        correlationid: 'corr-test-0001',
        data: {
          employerId: 'org-42',
          kind: 'COMPANY',
          sector: 'COFFEE',
          state: 'CHP',
          municipality: 'Tapachula',
        },
      }),
    ]);
    expect(app.lock.acquired).toEqual(['employer:org-42']);
  });

  it('refuses a second registration of the same organisation (409) and stores nothing more', async () => {
    const app = anApplication();
    const caller = anEmployerActor('org-42');
    await app.register.execute({ data: registrationData(), metadata: metadataFor(caller) });

    await expect(
      app.register.execute({ data: registrationData(), metadata: metadataFor(caller) }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.ALREADY_REGISTERED', status: 409 });
    expect(app.employers.writes).toBe(1);
  });

  it('refuses the same RFC from another organisation (409)', async () => {
    const app = anApplication();
    const rfc = anRfc().forCompany().build();
    await app.register.execute({
      data: registrationData(aRegistration().withRfc(rfc)),
      metadata: metadataFor(anEmployerActor('org-1')),
    });

    await expect(
      app.register.execute({
        data: registrationData(aRegistration().withRfc(rfc.toLowerCase())),
        metadata: metadataFor(anEmployerActor('org-2')),
      }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.ALREADY_REGISTERED' });
    expect(await app.employers.findById('org-2')).toBeNull();
  });

  it('refuses an RFC with a wrong check digit (422) and stores nothing', async () => {
    const app = anApplication();
    const data = registrationData(aRegistration().withRfc(anRfc().forCompany().withWrongCheckDigit()));

    await expect(
      app.register.execute({ data, metadata: metadataFor(anEmployerActor('org-1')) }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.RFC_INVALID_CHECK_DIGIT', status: 422 });
    expect(app.employers.writes).toBe(0);
    expect(app.employers.published).toEqual([]);
  });

  it('is for employer staff only (403 for an officer)', async () => {
    const app = anApplication();
    const error = await app.register
      .execute({ data: registrationData(), metadata: metadataFor(anOfficerActor()) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'EMPLOYER.ACCESS_DENIED', status: 403 });
    expect(app.employers.writes).toBe(0);
  });
});
