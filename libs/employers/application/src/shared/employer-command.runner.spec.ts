import { anEmployer } from '@frontera/employers-domain/testing';
import { anOfficerActor, metadataFor } from '../testing/callers';
import { anApplication } from '../testing/application-fixture';
import { EmployerCommandRunner } from './employer-command.runner';

describe('EmployerCommandRunner', () => {
  it('runs load → decide → save under the employer’s lock, one command at a time', async () => {
    // Given
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const runner = new EmployerCommandRunner(app);
    const order: string[] = [];
    // When two commands race on the same employer
    await Promise.all(
      ['first', 'second'].map((name) =>
        runner.change(employer.id, 'SUSPEND', metadataFor(anOfficerActor()), async (loaded) => {
          order.push(`${name} saw v${loaded.version}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (loaded.status === 'ACTIVE')
            loaded.suspend({ id: 'officer-1', role: 'officer' }, name, new Date());
        }),
      ),
    );
    // Then the second decided on what the first saved
    expect(order).toEqual([`first saw v${employer.version}`, `second saw v${employer.version + 1}`]);
    expect(app.lock.acquired).toEqual([`employer:${employer.id}`, `employer:${employer.id}`]);
  });

  it('decides again on fresh state when the version check fails', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const runner = new EmployerCommandRunner(app);
    let attempts = 0;

    const { changed } = await runner.change(
      employer.id,
      'SUSPEND',
      metadataFor(anOfficerActor()),
      (loaded, now) => {
        attempts += 1;
        if (attempts === 1) app.employers.touch(employer.id); // someone wrote without the lock
        loaded.suspend({ id: 'officer-1', role: 'officer' }, 'Roster', now);
      },
    );

    expect(changed).toBe(true);
    expect(attempts).toBe(2);
  });

  it('gives up with 409 EMPLOYER.CONCURRENT_MODIFICATION after three conflicts', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);
    const runner = new EmployerCommandRunner(app);

    await expect(
      runner.change(employer.id, 'SUSPEND', metadataFor(anOfficerActor()), (loaded, now) => {
        app.employers.touch(employer.id);
        loaded.suspend({ id: 'officer-1', role: 'officer' }, 'Roster', now);
      }),
    ).rejects.toMatchObject({ code: 'EMPLOYER.CONCURRENT_MODIFICATION', status: 409 });
    expect(app.employers.published).toEqual([]);
  });

  it('writes nothing when the decision changed nothing', async () => {
    const app = anApplication();
    const employer = anEmployer().active().build();
    app.employers.given(employer);

    const { changed } = await new EmployerCommandRunner(app).change(
      employer.id,
      'VIEW',
      metadataFor(anOfficerActor()),
      () => 'looked only',
    );

    expect(changed).toBe(false);
    expect(app.employers.writes).toBe(0);
  });
});
