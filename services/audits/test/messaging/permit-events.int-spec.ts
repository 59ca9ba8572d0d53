import { randomUUID } from 'node:crypto';
import { ApplyPermitFactHandler, permitFactFrom, type PermitFactEvent } from '@frontera/audits-application';
import { createEvent, type EventData, type EventType, type NewEvent } from '@frontera/contracts';
import { uniqueName, waitFor } from '@frontera/platform-testing';
import {
  EMPLOYER_PERMIT_FACTS_COLLECTION,
  HELD_PERMITS_COLLECTION,
  TASKS_COLLECTION,
} from '../../src/persistence/audits.schemas';
import {
  anInspector,
  aVerifiedEmployer,
  startAuditsApp,
  type AuditsTestHarness,
  type GivenEmployer,
} from '../support/audits-test-app';
import { aMunicipality } from '../support/tasks';

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;

interface StoredFacts {
  version: number;
  appliedEvents: string[];
  facts: {
    headcount: { held: number };
    endings: { permitId: string; endReason: string }[];
    sharedContactSignals: { signalId: string; workerCount: number }[];
  };
}

interface RiskFactor {
  code: string;
  intensity: number;
  points: number;
  evidence: Record<string, unknown>;
}

/** A permit as the permits service issues it: ids and a permit number (no personal data). */
interface GivenPermit {
  readonly permitId: string;
  readonly permitNumber: string;
  readonly workerId: string;
}

const CHECK = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
let permitSequence = 0;
function aPermit(): GivenPermit {
  permitSequence += 1;
  const n = permitSequence;
  return {
    permitId: uniqueName('pmt'),
    permitNumber: `TVTF-CHP-26-K7Q9-M${CHECK[Math.floor(n / 32) % 32]}${CHECK[n % 32]}${CHECK[(n * 7) % 32]}-${n % 10}`,
    workerId: uniqueName('wkr'),
  };
}

function permitEvent<T extends EventType>(type: T, subject: string, data: EventData<T>, time?: Date) {
  return createEvent({
    type,
    subject,
    correlationId: randomUUID(),
    data,
    ...(time ? { time } : {}),
  } as NewEvent<T>);
}

/**
 * Permit and worker events of the permits service → the audits service's permit read model (held
 * permits per worksite, per-employer counters, endings, shared-contact signals), consumed from the real
 * Kafka topics and stored on the real FerretDB; the risk recomputed at once and explained by GET risk;
 * retaliation (a complaint, then endings within the window) → one priority audit task; the expected
 * roster on the tasks; the outcome event's permitIds.
 */
describe('permit events → permit facts, risk, retaliation and rosters (real Kafka, FerretDB, Redis)', () => {
  let h: AuditsTestHarness;

  beforeAll(async () => {
    h = await startAuditsApp({ redisDb: 11 });
  });

  afterAll(async () => {
    await h?.close();
  });

  const facts = async (employerId: string) =>
    (await h.t.raw(EMPLOYER_PERMIT_FACTS_COLLECTION, employerId)) as unknown as StoredFacts | null;

  const issue = async (employer: GivenEmployer, permit: GivenPermit, time?: Date) => {
    const event = permitEvent(
      'frontera.permit.issued',
      permit.permitId,
      {
        permitId: permit.permitId,
        permitNumber: permit.permitNumber,
        workerId: permit.workerId,
        employerId: employer.employerId,
        worksiteId: employer.worksiteId,
        state: employer.state,
        occupation: 'Cortador de café',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
      },
      time,
    );
    await h.t.feeder.publish(event, employer.employerId);
    return event;
  };

  const end = async (employer: GivenEmployer, permit: GivenPermit, time?: Date) => {
    const event = permitEvent(
      'frontera.permit.ended',
      permit.permitId,
      {
        permitId: permit.permitId,
        workerId: permit.workerId,
        employerId: employer.employerId,
        worksiteId: employer.worksiteId,
        cause: 'EMPLOYMENT_ENDED',
      },
      time,
    );
    await h.t.feeder.publish(event, employer.employerId);
    return event;
  };

  /** Waits until the employer's counters have applied `eventId`. */
  const applied = (employerId: string, eventId: string) =>
    waitFor(async () => {
      const stored = await facts(employerId);
      return stored?.appliedEvents.includes(eventId) ? stored : undefined;
    }, `permit facts of ${employerId} after ${eventId}`);

  const riskOf = async (employerId: string): Promise<Record<string, RiskFactor>> => {
    const response = await h.t.http
      .get(`/employers/${employerId}/risk`)
      .set('Authorization', await h.as.supervisor('CHP'))
      .expect(200);
    return Object.fromEntries((response.body.factors as RiskFactor[]).map((f) => [f.code, f]));
  };

  /** GET risk once the recomputation that follows `eventId` is on the plan (the plan remembers `risk:<id>`). */
  const riskAfter = async (employerId: string, eventId: string) => {
    await waitFor(async () => {
      const plan = await h.t.raw('audit_plans', employerId);
      return (plan?.['appliedEvents'] as string[] | undefined)?.includes(`risk:${eventId}`) || undefined;
    }, `risk recomputed after ${eventId}`);
    return riskOf(employerId);
  };

  const tasksOf = async (employerId: string) => {
    const db = h.t.connection.db;
    if (!db) throw new Error('the database connection is not open');
    return db
      .collection(TASKS_COLLECTION)
      .find({ employerId } as never)
      .toArray() as unknown as Promise<
      { _id: string; record: { origin: { type: string; refId: string | null }; priority: string } }[]
    >;
  };

  const fileComplaint = async (employer: GivenEmployer): Promise<string> => {
    await h.t.http
      .post('/complaints')
      .send({
        employerId: employer.employerId,
        state: employer.state,
        description: 'Nos obligan a trabajar de noche sin pago y retienen los salarios de la cuadrilla.',
      })
      .expect(201);
    const db = h.t.connection.db;
    if (!db) throw new Error('the database connection is not open');
    return waitFor(async () => {
      const found = await db.collection('complaints').findOne({ employerId: employer.employerId } as never);
      return (found?._id as unknown as string | undefined) ?? undefined;
    }, `the complaint against ${employer.employerId}`);
  };

  it('issued permits feed the headcount, its sudden growth and the roster; the shared-contact signal its factor; GET risk shows each with its evidence; the same event twice changes nothing', async () => {
    const employer = await aVerifiedEmployer(h.t, { sector: 'COMMERCE' });
    const permits = Array.from({ length: 12 }, aPermit);
    let last = null as Awaited<ReturnType<typeof issue>> | null;
    for (const permit of permits) last = await issue(employer, permit);
    const lastIssued = last as NonNullable<typeof last>;
    // The same event delivered twice.
    await h.t.feeder.publish(lastIssued, employer.employerId);
    await applied(employer.employerId, lastIssued.id);

    const factors = await riskAfter(employer.employerId, lastIssued.id);
    expect(factors['HEADCOUNT']?.evidence).toEqual({ heldPermits: 12, bandFrom: 10 });
    expect(factors['HEADCOUNT']?.points).toBeGreaterThan(0);
    expect(factors['HEADCOUNT_GROWTH']?.evidence).toEqual({
      windowDays: 30,
      newPermits: 12,
      earlierPermits: 0,
      growthRatio: 2.4,
    });
    expect(factors['HEADCOUNT_GROWTH']?.points).toBe(10);

    const signal = permitEvent('frontera.worker.contact.shared', permits[0].workerId, {
      workerIds: permits.slice(0, 3).map((p) => p.workerId),
      employerIds: [employer.employerId],
      count: 3,
    });
    await h.t.feeder.publish(signal, permits[0].workerId);
    await applied(employer.employerId, signal.id);
    const withSignal = await riskAfter(employer.employerId, signal.id);
    expect(withSignal['SHARED_CONTACT']?.evidence).toEqual({
      signalIds: [signal.id],
      workersSharing: 3,
      windowDays: 180,
    });
    expect(withSignal['SHARED_CONTACT']?.points).toBe(5);

    const ended = await end(employer, permits[0]);
    const after = await applied(employer.employerId, ended.id);
    expect(after.facts.headcount.held).toBe(11);
    expect(after.facts.endings).toEqual([
      expect.objectContaining({ permitId: permits[0].permitId, endReason: 'EMPLOYMENT_ENDED' }),
    ]);
    expect(await h.t.raw(HELD_PERMITS_COLLECTION, permits[0].permitId)).toBeNull();
    expect(await h.t.raw(HELD_PERMITS_COLLECTION, permits[1].permitId)).toMatchObject({
      employerId: employer.employerId,
      worksiteId: employer.worksiteId,
      permitNumber: permits[1].permitNumber,
    });
    expect((await riskAfter(employer.employerId, ended.id))['HEADCOUNT']?.evidence).toEqual({
      heldPermits: 11,
      bandFrom: 10,
    });

    // The handler itself, past the inbox: the event id is remembered with the change.
    const before = await facts(employer.employerId);
    const again = await h.t.app
      .get(ApplyPermitFactHandler)
      .execute(permitFactFrom(ended as PermitFactEvent), { eventId: ended.id, correlationId: 'again' });
    expect(again.changed).toBe(0);
    expect(await facts(employer.employerId)).toEqual(before);
    // Nothing personal is kept: ids, numbers and counters only.
    expect(JSON.stringify(before)).not.toContain('Cortador');
  });

  it('a complaint, then two permits ended by the employer within the window → one priority audit task at once, the retaliation factor and retaliation.detected; the ending delivered again changes nothing', async () => {
    const municipality = aMunicipality();
    await anInspector(h, { states: ['CHP'], municipalities: [municipality] });
    const employer = await aVerifiedEmployer(h.t, { municipality, sector: 'COMMERCE' });
    const permits = Array.from({ length: 4 }, aPermit);
    for (const permit of permits) await issue(employer, permit);
    const complaintId = await fileComplaint(employer);

    await end(employer, permits[0]);
    const second = await end(employer, permits[1]);
    await applied(employer.employerId, second.id);

    const retaliation = await waitFor(async () => {
      const found = (await tasksOf(employer.employerId)).filter(
        (t) => t.record.origin.type === 'RETALIATION',
      );
      return found.length > 0 ? found : undefined;
    }, 'the priority audit');
    expect(retaliation).toHaveLength(1);
    expect(retaliation[0]?.record.origin.refId).toBe(complaintId);
    expect(retaliation[0]?.record.priority).toBe('HIGH');
    const factors = await riskAfter(employer.employerId, second.id);
    expect(factors['RETALIATION']?.intensity).toBe(1);
    expect(factors['RETALIATION']?.evidence).toEqual({
      patterns: [expect.objectContaining({ key: `COMPLAINT:${complaintId}`, endedPermits: 2 })],
    });
    const [detected] = await h.t.events.waitFor(employer.employerId, 'frontera.audit.retaliation.detected');
    expect(detected?.event.data).toEqual({
      employerId: employer.employerId,
      patternKey: `COMPLAINT:${complaintId}`,
      triggerKind: 'COMPLAINT',
      triggerId: complaintId,
      endedPermits: 2,
      state: 'CHP',
    });
    // The expected roster of the priority audit: the permits still held.
    const task = await h.t.http
      .get(`/tasks/${retaliation[0]?._id}`)
      .set('Authorization', await h.as.supervisor('CHP'))
      .expect(200);
    expect(task.body.roster.map((e: { permitId: string }) => e.permitId).sort()).toEqual(
      [permits[2].permitId, permits[3].permitId].sort(),
    );

    // Redelivered, past the inbox too: no second task, no second detection.
    await h.t.feeder.publish(second, employer.employerId);
    const again = await h.t.app
      .get(ApplyPermitFactHandler)
      .execute(permitFactFrom(second as PermitFactEvent), { eventId: second.id, correlationId: 'again' });
    expect(again.risk[0]).toMatchObject({ patterns: 1, priorityAudits: 0, tasksCreated: 0 });
    const marker = await issue(employer, aPermit());
    await applied(employer.employerId, marker.id);
    await riskAfter(employer.employerId, marker.id);
    expect(
      (await tasksOf(employer.employerId)).filter((t) => t.record.origin.type === 'RETALIATION'),
    ).toHaveLength(1);
    const detections = await h.t.events.waitFor(employer.employerId, 'frontera.audit.retaliation.detected');
    expect(detections).toHaveLength(1);
  });

  it('endings after the window are not retaliation: no priority audit, the factor stays at 0', async () => {
    const employer = await aVerifiedEmployer(h.t, { sector: 'COMMERCE' });
    const permits = Array.from({ length: 3 }, aPermit);
    for (const permit of permits) await issue(employer, permit);
    await fileComplaint(employer);

    const late = new Date(Date.now() + 31 * DAY_MS);
    await end(employer, permits[0], late);
    const second = await end(employer, permits[1], new Date(late.getTime() + 60_000));
    const stored = await applied(employer.employerId, second.id);

    expect(stored.facts.endings).toHaveLength(2);
    const factors = await riskAfter(employer.employerId, second.id);
    expect(factors['RETALIATION']).toMatchObject({ intensity: 0, evidence: { patterns: [] } });
    expect(
      (await tasksOf(employer.employerId)).filter((t) => t.record.origin.type === 'RETALIATION'),
    ).toEqual([]);
  });

  it("a swept task carries the worksite's expected roster, refreshed when the visit starts; findings reference roster permits and the outcome event carries their permitIds", async () => {
    const municipality = aMunicipality();
    const inspectorId = await anInspector(h, { states: ['CHP'], municipalities: [municipality] });
    const employer = await aVerifiedEmployer(h.t, { municipality, sector: 'COMMERCE' });
    const permits = Array.from({ length: 3 }, aPermit);
    let last = null as Awaited<ReturnType<typeof issue>> | null;
    for (const permit of permits) last = await issue(employer, permit);
    await applied(employer.employerId, (last as NonNullable<typeof last>).id);

    await h.sweep();
    const [created] = await waitFor(async () => {
      const found = await tasksOf(employer.employerId);
      return found.length > 0 ? found : undefined;
    }, 'the periodic task');
    const taskId = created?._id as string;
    const inspector = await h.as.inspector(inspectorId, 'CHP');
    const view = await h.t.http.get(`/tasks/${taskId}`).set('Authorization', inspector).expect(200);
    const rosterOf = (body: { roster: { permitId: string; permitNumber: string; check: string }[] }) =>
      body.roster.map(({ permitId, permitNumber }) => ({ permitId, permitNumber }));
    const byId = (a: { permitId: string }, b: { permitId: string }) => a.permitId.localeCompare(b.permitId);
    expect(rosterOf(view.body)).toEqual(
      permits.map(({ permitId, permitNumber }) => ({ permitId, permitNumber })).sort(byId),
    );
    expect(view.body.roster.every((e: { check: string }) => e.check === 'NOT_CHECKED')).toBe(true);

    // A fourth permit arrives, the first one ends: the visit starts with the roster of today.
    const fourth = aPermit();
    await issue(employer, fourth);
    const ended = await end(employer, permits[0]);
    await applied(employer.employerId, ended.id);
    const started = await h.t.http.post(`/tasks/${taskId}/start`).set('Authorization', inspector).expect(200);
    expect(rosterOf(started.body)).toEqual(
      [permits[1], permits[2], fourth]
        .map(({ permitId, permitNumber }) => ({ permitId, permitNumber }))
        .sort(byId),
    );

    const stranger = await h.t.http
      .post(`/tasks/${taskId}/findings`)
      .set('Authorization', inspector)
      .send({ findingId: 'fnd_stranger', code: 'WAGE_BELOW_MINIMUM', permitIds: [permits[0].permitId] })
      .expect(422);
    expect(stranger.body.code).toBe('AUDIT_TASK.NOT_ON_ROSTER');
    for (const [findingId, ids] of [
      ['fnd_wage_a', [permits[1].permitId]],
      ['fnd_wage_b', [fourth.permitId, permits[1].permitId]],
    ] as const) {
      await h.t.http
        .post(`/tasks/${taskId}/findings`)
        .set('Authorization', inspector)
        .send({ findingId, code: 'WAGE_BELOW_MINIMUM', permitIds: ids })
        .expect(201);
    }
    await h.t.http.post(`/tasks/${taskId}/completion`).set('Authorization', inspector).send({}).expect(200);

    const [outcome] = await h.t.events.waitFor(taskId, 'frontera.audit.outcome.recorded');
    expect(outcome?.event.data).toMatchObject({
      taskId,
      outcome: 'VIOLATIONS',
      findings: [
        {
          code: 'WAGE_BELOW_MINIMUM',
          severity: 'SERIOUS',
          workersAffected: 3,
          forcedLabourIndicator: false,
          permitIds: [fourth.permitId, permits[1].permitId].sort(),
        },
      ],
    });
    // The employer's view keeps counts only: never which permits.
    const outcomes = await h.t.http
      .get(`/employers/${employer.employerId}/audit-outcomes`)
      .set('Authorization', await h.as.employer(employer.employerId))
      .expect(200);
    expect(JSON.stringify(outcomes.body)).not.toContain(fourth.permitId);
  });
});
