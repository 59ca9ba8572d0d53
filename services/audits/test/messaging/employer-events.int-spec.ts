import {
  ApplyEmployerFactHandler,
  employerFactFrom,
  type EmployerFactEvent,
} from '@frontera/audits-application';
import { uniqueName, waitFor } from '@frontera/platform-testing';
import {
  EMPLOYER_PROFILES_COLLECTION,
  PLANS_COLLECTION,
  TASKS_COLLECTION,
} from '../../src/persistence/audits.schemas';
import {
  aVerifiedEmployer,
  employerEvent,
  startAuditsApp,
  worksiteAdded,
  type AuditsTestHarness,
} from '../support/audits-test-app';

jest.setTimeout(120_000);

interface StoredPlan {
  version: number;
  status: string;
  taskOn: string | null;
  appliedEvents: string[];
  record: {
    employerStatus: string;
    worksites: { worksiteId: string; open: boolean }[];
    scheduled: { key: string; worksiteId: string; kind: string; taskId: string | null }[];
    assessment: { tier: string; factors: { code: string }[] };
  };
}

/**
 * Employer events → the employer read model and the audit plan, consumed from the real Kafka topic and
 * stored on the real FerretDB: the plan starts on verification with the worksites known, follows the
 * worksites and the employer's standing, and every event is applied once (the same event twice
 * changes nothing, whether the inbox or the handler sees it again).
 */
describe('employer events → audit plans (real Kafka, FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 3 });
  });

  afterAll(async () => {
    await h?.close();
  });

  const plan = async (employerId: string) =>
    (await h.t.raw(PLANS_COLLECTION, employerId)) as unknown as StoredPlan;

  /** Publishes a marker event after the others (same key: same partition) and waits until it is applied. */
  const settle = async (employerId: string) => {
    const marker = employerEvent('frontera.employer.reinstated', employerId, {
      employerId,
      reason: 'marcador de prueba',
      actorId: 'officer-1',
    });
    await h.t.feeder.publish(marker, employerId);
    await waitFor(async () => {
      const profile = await h.t.raw(EMPLOYER_PROFILES_COLLECTION, employerId);
      return (profile?.['appliedEvents'] as string[]).includes(marker.id) || undefined;
    }, `marker of ${employerId}`);
  };

  it('a verified employer gets one plan: its worksite scheduled for a first periodic audit due today, an explainable first assessment, and the risk published', async () => {
    const employer = await aVerifiedEmployer(h.t);

    const stored = await plan(employer.employerId);
    expect(stored.status).toBe('ACTIVE');
    expect(stored.record.worksites).toEqual([
      expect.objectContaining({ worksiteId: employer.worksiteId, open: true }),
    ]);
    expect(stored.record.scheduled).toEqual([
      expect.objectContaining({ kind: 'PERIODIC', worksiteId: employer.worksiteId, taskId: null }),
    ]);
    // Created taskLeadDays before a due day within 30 days of verification: today's bucket.
    expect(stored.taskOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stored.record.assessment.factors.map((f) => f.code)).toContain('SECTOR');
    const [risk] = await h.t.events.waitFor(employer.employerId, 'frontera.audit.risk.changed');
    expect(risk?.event.data).toMatchObject({
      employerId: employer.employerId,
      tier: stored.record.assessment.tier,
    });
  });

  it('the same verification event delivered twice changes nothing (the inbox, and the handler on its own)', async () => {
    const employerId = uniqueName('org');
    const verified = employerEvent('frontera.employer.verified', employerId, {
      employerId,
      registrationNumber: 'PE-CHP-2026-000002',
      rating: 'A',
      sector: 'CONSTRUCTION',
      state: 'CHP',
      verifiedBy: 'officer-1',
      verifiedAt: new Date().toISOString(),
    });
    await h.t.feeder.publish(verified, employerId);
    await h.t.feeder.publish(verified, employerId);
    await settle(employerId);
    const first = await plan(employerId);
    const profileBefore = await h.t.raw(EMPLOYER_PROFILES_COLLECTION, employerId);

    // The handler itself, past the inbox: the event id is remembered with the change.
    const again = await h.t.app
      .get(ApplyEmployerFactHandler)
      .execute(employerFactFrom(verified as EmployerFactEvent), {
        eventId: verified.id,
        correlationId: verified.correlationid,
      });

    expect(again).toEqual({ profileChanged: false, plan: 'UNCHANGED', cancelledTasks: 0 });
    expect((await plan(employerId)).version).toBe(first.version);
    const profileAfter = await h.t.raw(EMPLOYER_PROFILES_COLLECTION, employerId);
    expect(profileAfter?.['version']).toBe(profileBefore?.['version']);
    expect(profileAfter?.['appliedEvents']).toEqual(profileBefore?.['appliedEvents']);
  });

  it('a worksite added after verification is planned once, even when its event comes twice', async () => {
    const employer = await aVerifiedEmployer(h.t);
    const second = uniqueName('ws');
    const added = worksiteAdded(employer.employerId, {
      worksiteId: second,
      state: 'CHP',
      municipality: 'Suchiate',
    });
    await h.t.feeder.publish(added, employer.employerId);
    await h.t.feeder.publish(added, employer.employerId);
    await settle(employer.employerId);
    const afterTwice = await plan(employer.employerId);

    const again = await h.t.app
      .get(ApplyEmployerFactHandler)
      .execute(employerFactFrom(added as EmployerFactEvent), {
        eventId: added.id,
        correlationId: added.correlationid,
      });

    expect(again.profileChanged).toBe(false);
    expect(again.plan).toBe('UNCHANGED');
    const stored = await plan(employer.employerId);
    expect(stored.version).toBe(afterTwice.version);
    expect(stored.record.worksites.map((w) => w.worksiteId).sort()).toEqual(
      [employer.worksiteId, second].sort(),
    );
    expect(stored.record.scheduled.filter((s) => s.worksiteId === second)).toHaveLength(1);
  });

  it('a suspended employer’s plan continues; a closed worksite’s audits go', async () => {
    const employer = await aVerifiedEmployer(h.t);
    await h.t.feeder.publish(
      employerEvent('frontera.employer.suspended', employer.employerId, {
        employerId: employer.employerId,
        cause: 'OFFICER_DECISION',
        reason: 'Documentación vencida',
      }),
      employer.employerId,
    );
    await waitFor(
      async () => (await plan(employer.employerId)).record.employerStatus === 'SUSPENDED' || undefined,
      'suspension recorded',
    );
    expect((await plan(employer.employerId)).status).toBe('ACTIVE');
    expect((await plan(employer.employerId)).record.scheduled).toHaveLength(1);

    await h.t.feeder.publish(
      employerEvent('frontera.employer.worksite.closed', employer.employerId, {
        employerId: employer.employerId,
        worksiteId: employer.worksiteId,
        reason: 'Fin de temporada',
      }),
      employer.employerId,
    );
    await waitFor(
      async () => (await plan(employer.employerId)).record.scheduled.length === 0 || undefined,
      'closed worksite unscheduled',
    );
    expect((await plan(employer.employerId)).record.worksites).toEqual([
      expect.objectContaining({ worksiteId: employer.worksiteId, open: false }),
    ]);
  });

  it('deregistration cancels the plan and every open task of the employer', async () => {
    const employer = await aVerifiedEmployer(h.t);
    const swept = await h.sweep();
    expect(swept.created).toBeGreaterThanOrEqual(1);
    const taskId = (await plan(employer.employerId)).record.scheduled[0]?.taskId;
    expect(taskId).toEqual(expect.stringMatching(/^tsk_/));

    await h.t.feeder.publish(
      employerEvent('frontera.employer.deregistered', employer.employerId, {
        employerId: employer.employerId,
        reason: 'Baja solicitada por el empleador',
        actorId: 'officer-1',
      }),
      employer.employerId,
    );
    await waitFor(
      async () => (await plan(employer.employerId)).status === 'CANCELLED' || undefined,
      'plan cancelled',
    );
    const task = await waitFor(async () => {
      const stored = await h.t.raw(TASKS_COLLECTION, taskId as string);
      return stored?.['status'] === 'CANCELLED' ? stored : undefined;
    }, 'task cancelled');
    expect(task['status']).toBe('CANCELLED');
    const [cancelled] = await h.t.events.waitFor(taskId as string, 'frontera.audit.task.cancelled');
    expect(cancelled?.event.data).toMatchObject({
      reason: 'EMPLOYER_DEREGISTERED',
      employerId: employer.employerId,
    });
    expect((await plan(employer.employerId)).record.scheduled).toEqual([]);
  });
});
