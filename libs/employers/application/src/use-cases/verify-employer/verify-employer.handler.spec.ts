import { anEmployer } from '@frontera/employers-domain/testing';
import { anOfficerActor, metadataFor } from '../../testing/callers';
import { anApplication } from '../../testing/application-fixture';

describe('VerifyEmployerHandler', () => {
  it('activates the employer, rates it A and issues the next number of its state and year', async () => {
    // Given a pending employer in Campeche, and one verified there before
    const app = anApplication({ now: new Date('2026-02-10T12:00:00Z') });
    const first = anEmployer().inState('CAM').build();
    const second = anEmployer().inState('CAM').build();
    app.employers.given(first, second);
    await app.verify.execute({ employerId: first.id, metadata: metadataFor(anOfficerActor('CAM')) });
    // When
    const read = await app.verify.execute({
      employerId: second.id,
      metadata: metadataFor(anOfficerActor('CAM')),
    });
    // Then
    expect(read.employer.status).toBe('ACTIVE');
    expect(read.employer.rating).toBe('A');
    expect(read.employer.registrationNumber?.value).toBe('TVTF-EMP-CAM-2026-000002');
    expect(app.employers.published.at(-1)).toMatchObject({
      type: 'frontera.employer.verified',
      subject: second.id,
      data: { registrationNumber: 'TVTF-EMP-CAM-2026-000002', rating: 'A', verifiedBy: 'officer-1' },
    });
  });

  it('refuses to verify twice (409 with the allowed actions) without using up a number', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    await expect(
      app.verify.execute({ employerId: employer.id, metadata: metadataFor(anOfficerActor()) }),
    ).rejects.toMatchObject({
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      params: expect.objectContaining({
        currentState: 'ACTIVE',
        allowedActions: expect.arrayContaining(['SUSPEND']),
      }),
    });
    expect(await app.registrationNumbers.next('CHP', 2025)).toBe(1);
  });

  it('does not show an officer of another state that the employer exists (404)', async () => {
    const app = anApplication();
    const employer = anEmployer().inState('CHP').build();
    app.employers.given(employer);

    await expect(
      app.verify.execute({ employerId: employer.id, metadata: metadataFor(anOfficerActor('ROO')) }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.NOT_FOUND', status: 404 });
    expect((await app.employers.findById(employer.id))?.status).toBe('PENDING_VERIFICATION');
  });

  it('answers 404 for an employer that does not exist', async () => {
    const app = anApplication();
    await expect(
      app.verify.execute({ employerId: 'emp-missing', metadata: metadataFor(anOfficerActor()) }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.NOT_FOUND' });
  });
});
