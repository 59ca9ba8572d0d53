import { createEvent } from '@frontera/contracts';
import { anEmployer, aWorksite } from '@frontera/employers-domain/testing';
import { anApplication } from '../../testing/application-fixture';
import {
  recordPermitHeadcountCommandFrom,
  type HeadcountEvent,
  type HeadcountEventType,
} from './record-permit-headcount.command';

function permitEvent(
  type: HeadcountEventType,
  employerId: string,
  worksiteId: string,
  permitId: string,
): HeadcountEvent {
  const common = { permitId, workerId: 'wk-1', employerId, worksiteId };
  if (type === 'frontera.permit.issued') {
    return createEvent({
      type,
      subject: permitId,
      correlationId: 'corr-permit-1',
      data: {
        ...common,
        permitNumber: 'TVTF-CHP-000001-K',
        state: 'CHP',
        occupation: 'coffee picker',
        validFrom: '2025-03-01T00:00:00Z',
        validUntil: '2026-03-01T00:00:00Z',
      },
    });
  }
  return createEvent({ type, subject: permitId, correlationId: 'corr-permit-1', data: common });
}

describe('RecordPermitHeadcountHandler', () => {
  it('counts issued permits against the declared capacity and stops counting ended ones', async () => {
    // Given a worksite declared for 2 workers
    const app = anApplication();
    const employer = anEmployer().active().withWorksite(aWorksite().withCapacity(2)).build();
    app.employers.given(employer);
    const ws = employer.worksites[0].id;
    // When three permits are issued there and one expires
    for (const permit of ['p-1', 'p-2', 'p-3']) {
      await app.recordPermitHeadcount.execute(
        recordPermitHeadcountCommandFrom(permitEvent('frontera.permit.issued', employer.id, ws, permit)),
      );
    }
    await app.recordPermitHeadcount.execute(
      recordPermitHeadcountCommandFrom(permitEvent('frontera.permit.expired', employer.id, ws, 'p-2')),
    );
    // Then
    const site = (await app.employers.findById(employer.id))?.worksite(ws);
    expect(site).toMatchObject({ headcount: 2, overCapacity: false, remainingCapacity: 0 });
    expect(app.employers.published).toEqual([]);
  });

  it('is idempotent by event id and by permit id', async () => {
    const app = anApplication();
    const employer = anEmployer().active().withWorksite(aWorksite()).build();
    app.employers.given(employer);
    const ws = employer.worksites[0].id;
    const issued = permitEvent('frontera.permit.issued', employer.id, ws, 'p-1');

    const first = await app.recordPermitHeadcount.execute(recordPermitHeadcountCommandFrom(issued));
    const sameEvent = await app.recordPermitHeadcount.execute(recordPermitHeadcountCommandFrom(issued));
    const samePermit = await app.recordPermitHeadcount.execute(
      recordPermitHeadcountCommandFrom(permitEvent('frontera.permit.issued', employer.id, ws, 'p-1')),
    );

    expect([first, sameEvent, samePermit]).toEqual([true, false, false]);
    expect((await app.employers.findById(employer.id))?.worksite(ws).headcount).toBe(1);
  });

  it('maps revoked and ended permits to ENDED', () => {
    for (const type of [
      'frontera.permit.ended',
      'frontera.permit.revoked',
      'frontera.permit.expired',
    ] as const) {
      expect(recordPermitHeadcountCommandFrom(permitEvent(type, 'e', 'w', 'p')).change).toBe('ENDED');
    }
  });
});
