import { randomUUID } from 'node:crypto';
import {
  createEvent,
  type EventData,
  type EventEnvelope,
  type EventType,
  type NewEvent,
} from '@frontera/contracts';
import { INBOX_COLLECTION, inboxId } from '@frontera/platform-messaging';
import { uniqueName, waitFor } from '@frontera/platform-testing';
import { CONSUMERS } from '../../src/messaging/permits-event.consumers';
import { STANDINGS_COLLECTION } from '../../src/persistence/permits.schemas';
import { anIssuedPermit, storedPermit, type IssuedPermit } from '../support/permit-lifecycle';
import {
  anActiveEmployer,
  startPermitsApp,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

jest.setTimeout(180_000);

type AnyEmployerEvent = EventEnvelope<EventType, unknown>;

function employerEvent<T extends EventType>(
  type: T,
  employerId: string,
  data: EventData<T>,
  time?: Date,
): AnyEmployerEvent {
  return createEvent({
    type,
    subject: employerId,
    correlationId: randomUUID(),
    data,
    ...(time ? { time } : {}),
  } as NewEvent<T>) as AnyEmployerEvent;
}

/**
 * Every employer event the permits service consumes, delivered twice, changes nothing the second
 * time: the standing (its document, version and applied marks), the permits made transferable, and
 * the events published. Twice over: a plain redelivery (the consumer's inbox skips it), and a
 * redelivery after the inbox record is gone (a crash between the handler's write and the inbox
 * mark, or the inbox purged): then the handler runs again and its own applied marks must hold.
 */
describe('employer events consumed twice change nothing the second time (real Kafka, FerretDB)', () => {
  let t: PermitsTestApp;

  beforeAll(async () => {
    t = await startPermitsApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const inbox = () => t.connection.collection(INBOX_COLLECTION);
  const inboxRecord = (eventId: string) => inboxId(CONSUMERS.employers, eventId);

  async function consumed(eventId: string, what: string): Promise<void> {
    await waitFor(
      async () => (await inbox().findOne({ _id: inboxRecord(eventId) } as never)) ?? undefined,
      `${what} consumed`,
    );
  }

  async function publish(event: AnyEmployerEvent, employerId: string): Promise<void> {
    await t.feeder.publish(event as never, employerId);
  }

  interface Snapshot {
    readonly standing: Record<string, unknown> | null;
    readonly permits: Record<string, unknown>[];
    readonly published: number;
  }

  /** A stored document without its delivery bookkeeping (the outbox is emptied once published). */
  function withoutOutbox(document: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('outbox')));
  }

  async function snapshot(employerId: string, permits: readonly IssuedPermit[]): Promise<Snapshot> {
    const standing = await t.raw(STANDINGS_COLLECTION, employerId);
    return {
      standing: standing && withoutOutbox(standing),
      permits: await Promise.all(permits.map(async (p) => withoutOutbox(await storedPermit(t, p.id)))),
      // The permit and application topics are keyed by employer id.
      published: t.events.messages.filter((m) => m.key === employerId).length,
    };
  }

  /**
   * A fact that changes nothing (the public name the standing has, at a time before its last
   * fact), on the employer's partition after the duplicate: once it is consumed, so is the duplicate.
   */
  async function aNoOpAfter(employerId: string): Promise<void> {
    const stored = await t.raw(STANDINGS_COLLECTION, employerId);
    const standing = stored?.['standing'] as { publicName?: string | null; state?: string } | undefined;
    const sentinel = employerEvent(
      'frontera.employer.updated',
      employerId,
      {
        employerId,
        changedFields: ['contact'],
        state: 'CHP',
        municipality: 'Tapachula',
        ...(standing?.publicName ? { publicName: standing.publicName } : {}),
      },
      new Date('2020-01-01T00:00:00Z'),
    );
    await publish(sentinel, employerId);
    await consumed(sentinel.id, 'the no-op sentinel');
  }

  /**
   * Delivers `event` (first time: applied), then again twice: as a plain duplicate, and once more
   * with its inbox record removed. Returns the state after the first delivery.
   */
  async function deliveredTwice(
    event: AnyEmployerEvent,
    employerId: string,
    permits: readonly IssuedPermit[] = [],
    afterFirst?: () => Promise<void>,
  ): Promise<Snapshot> {
    await publish(event, employerId);
    await consumed(event.id, event.type);
    await afterFirst?.();
    const first = await snapshot(employerId, permits);

    // A plain redelivery: the inbox knows the event.
    await publish(event, employerId);
    await aNoOpAfter(employerId);
    expect(await snapshot(employerId, permits)).toEqual(first);

    // A redelivery the inbox does not know (its record gone): the handler runs again.
    const removed = await inbox().deleteOne({ _id: inboxRecord(event.id) } as never);
    expect(removed.deletedCount).toBe(1);
    await publish(event, employerId);
    await consumed(event.id, `${event.type} again`);
    await aNoOpAfter(employerId);
    expect(await snapshot(employerId, permits)).toEqual(first);
    return first;
  }

  const worksite = (worksiteId: string, capacity = 40) => ({
    worksiteId,
    activity: 'café',
    state: 'CHP' as const,
    municipality: 'Tapachula',
    capacity,
    housingProvided: true,
    eligibleForPermits: true,
  });

  it('registered, verified, worksite added / updated / closed, updated, rating changed, suspended by an officer, reinstated', async () => {
    const employerId = uniqueName('org');
    const worksiteId = uniqueName('ws');
    const steps: [AnyEmployerEvent, (standing: Record<string, unknown>) => void][] = [
      [
        employerEvent('frontera.employer.registered', employerId, {
          employerId,
          kind: 'COMPANY',
          sector: 'COFFEE',
          state: 'CHP',
          municipality: 'Tapachula',
        }),
        (s) => expect(s).toMatchObject({ status: 'PENDING_VERIFICATION' }),
      ],
      [
        employerEvent('frontera.employer.verified', employerId, {
          employerId,
          registrationNumber: 'PE-CHP-2026-000777',
          rating: 'A',
          sector: 'COFFEE',
          state: 'CHP',
          verifiedBy: 'officer-1',
          verifiedAt: new Date().toISOString(),
          publicName: 'Finca El Triunfo S.A.',
        }),
        (s) => expect(s).toMatchObject({ status: 'ACTIVE', rating: 'A' }),
      ],
      [
        employerEvent('frontera.employer.worksite.added', employerId, {
          employerId,
          worksite: worksite(worksiteId),
        }),
        (s) => expect(s['worksites']).toEqual([expect.objectContaining({ worksiteId, capacity: 40 })]),
      ],
      [
        employerEvent('frontera.employer.worksite.updated', employerId, {
          employerId,
          worksite: worksite(worksiteId, 60),
          changedFields: ['capacity'],
        }),
        (s) => expect(s['worksites']).toEqual([expect.objectContaining({ worksiteId, capacity: 60 })]),
      ],
      [
        employerEvent('frontera.employer.updated', employerId, {
          employerId,
          changedFields: ['legalName'],
          state: 'CHP',
          municipality: 'Tapachula',
          publicName: 'Finca El Triunfo de Tapachula S.A.',
        }),
        (s) => expect(s).toMatchObject({ publicName: 'Finca El Triunfo de Tapachula S.A.' }),
      ],
      [
        employerEvent('frontera.employer.rating.changed', employerId, {
          employerId,
          from: 'A',
          to: 'B',
          reason: 'Plan de acción por hallazgos menores',
        }),
        (s) => expect(s).toMatchObject({ rating: 'B' }),
      ],
      [
        employerEvent('frontera.employer.rating.changed', employerId, {
          employerId,
          from: 'B',
          to: 'A',
          reason: 'Plan de acción cumplido',
        }),
        (s) => expect(s).toMatchObject({ rating: 'A' }),
      ],
      [
        employerEvent('frontera.employer.suspended', employerId, {
          employerId,
          cause: 'OFFICER_DECISION',
          reason: 'Documentación vencida',
          actorId: 'officer-1',
        }),
        (s) => expect(s).toMatchObject({ status: 'SUSPENDED', suspensionCause: 'OFFICER_DECISION' }),
      ],
      [
        employerEvent('frontera.employer.reinstated', employerId, {
          employerId,
          reason: 'Documentación renovada',
          actorId: 'officer-1',
        }),
        (s) => expect(s).toMatchObject({ status: 'ACTIVE', suspensionCause: null }),
      ],
      [
        employerEvent('frontera.employer.worksite.closed', employerId, {
          employerId,
          worksiteId,
          reason: 'Fin de la temporada',
        }),
        (s) => expect(s['worksites']).toEqual([expect.objectContaining({ worksiteId, open: false })]),
      ],
    ];
    let version = 0;
    for (const [event, check] of steps) {
      const first = await deliveredTwice(event, employerId);
      // Each event was applied once: one more version, its id among the applied marks.
      expect(first.standing?.['version']).toBe(version + 1);
      version += 1;
      expect(first.standing?.['appliedEvents']).toContain(event.id);
      check(first.standing?.['standing'] as Record<string, unknown>);
    }
  });

  it('rejected', async () => {
    const employerId = uniqueName('org');
    await deliveredTwice(
      employerEvent('frontera.employer.registered', employerId, {
        employerId,
        kind: 'INDIVIDUAL',
        sector: 'DOMESTIC_WORK',
        state: 'CHP',
        municipality: 'Tapachula',
      }),
      employerId,
    );
    const first = await deliveredTwice(
      employerEvent('frontera.employer.rejected', employerId, {
        employerId,
        reason: 'RFC no coincide con el SAT',
        rejectedBy: 'officer-1',
      }),
      employerId,
    );
    expect(first.standing?.['standing']).toMatchObject({ status: 'REJECTED' });
    expect(first.standing?.['version']).toBe(2);
  });

  it('suspended for critical findings: each held permit is made transferable once, one frontera.permit.transferable each', async () => {
    const employer = await anActiveEmployer(t);
    const permits = [await anIssuedPermit(t, employer), await anIssuedPermit(t, employer)];
    const versions = await Promise.all(permits.map(async (p) => (await storedPermit(t, p.id))['version']));
    const event = employerEvent('frontera.employer.suspended', employer.employerId, {
      employerId: employer.employerId,
      cause: 'CRITICAL_FINDINGS',
      reason: 'Hallazgos críticos en auditoría',
      auditId: 'aud_idem_1',
    });

    const first = await deliveredTwice(event, employer.employerId, permits, async () => {
      for (const p of permits) await t.events.waitFor(p.id, 'frontera.permit.transferable');
    });

    expectTransferableOnce(first, permits, versions, event, 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS');
  });

  it('deregistered: each held permit is made transferable once, one frontera.permit.transferable each', async () => {
    const employer: GivenEmployer = await anActiveEmployer(t);
    const permits = [await anIssuedPermit(t, employer)];
    const versions = await Promise.all(permits.map(async (p) => (await storedPermit(t, p.id))['version']));
    const event = employerEvent('frontera.employer.deregistered', employer.employerId, {
      employerId: employer.employerId,
      reason: 'Baja voluntaria',
      actorId: 'officer-1',
    });

    const first = await deliveredTwice(event, employer.employerId, permits, async () => {
      for (const p of permits) await t.events.waitFor(p.id, 'frontera.permit.transferable');
    });

    expectTransferableOnce(first, permits, versions, event, 'EMPLOYER_DEREGISTERED');
    expect(first.standing?.['standing']).toMatchObject({ status: 'DEREGISTERED' });
  });

  it('a crash after the permits were made transferable, before the standing was stored: the redelivered event finishes the standing and marks no permit twice', async () => {
    const employer = await anActiveEmployer(t);
    const permits = [await anIssuedPermit(t, employer), await anIssuedPermit(t, employer)];
    const standingBefore = await t.raw(STANDINGS_COLLECTION, employer.employerId);
    const event = employerEvent('frontera.employer.suspended', employer.employerId, {
      employerId: employer.employerId,
      cause: 'CRITICAL_FINDINGS',
      reason: 'Hallazgos críticos en auditoría',
      auditId: 'aud_idem_2',
    });
    await publish(event, employer.employerId);
    await consumed(event.id, event.type);
    for (const p of permits) await t.events.waitFor(p.id, 'frontera.permit.transferable');
    const marked = await snapshot(employer.employerId, permits);
    // As if the process died between the permits' writes and the standing's (and its inbox mark):
    // the standing as it was before the event (deleted and inserted: the version guard refuses an
    // update to a lower version).
    await t.connection.collection(STANDINGS_COLLECTION).deleteOne({ _id: employer.employerId } as never);
    await t.connection.collection(STANDINGS_COLLECTION).insertOne(standingBefore as never);
    await inbox().deleteOne({ _id: inboxRecord(event.id) } as never);

    await publish(event, employer.employerId);
    await consumed(event.id, `${event.type} redelivered`);
    await aNoOpAfter(employer.employerId);

    const after = await snapshot(employer.employerId, permits);
    expect(after.permits).toEqual(marked.permits);
    expect(after.standing?.['standing']).toMatchObject({
      status: 'SUSPENDED',
      suspensionCause: 'CRITICAL_FINDINGS',
    });
    expect(after.standing?.['appliedEvents']).toContain(event.id);
    for (const p of permits) expect(t.events.about(p.id, 'frontera.permit.transferable')).toHaveLength(1);
  });

  function expectTransferableOnce(
    first: Snapshot,
    permits: readonly IssuedPermit[],
    versionsBefore: readonly unknown[],
    event: AnyEmployerEvent,
    cause: string,
  ): void {
    permits.forEach((p, i) => {
      const stored = first.permits[i] as Record<string, unknown>;
      expect(stored['version']).toBe((versionsBefore[i] as number) + 1);
      expect(stored['appliedEvents']).toContain(`transferable:${event.id}`);
      expect(stored['status']).toBe('ACTIVE');
      expect(t.events.about(p.id, 'frontera.permit.transferable')).toHaveLength(1);
      expect(t.events.about(p.id, 'frontera.permit.transferable')[0]?.event.data).toMatchObject({ cause });
    });
  }
});
