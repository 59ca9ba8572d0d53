import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import mongoose from 'mongoose';
import type { EmployerProfile } from '@frontera/audits-application';
import { assessEmployer } from '@frontera/audits-application';
import {
  AuditPlan,
  type AuditPlanSnapshot,
  type AuditProgram,
  type CalendarDate,
  type RiskModel,
} from '@frontera/audits-domain';
import { documentWithOutbox } from '@frontera/platform-messaging';
import { EmployerProfileSchema, PlanSchema } from '../../services/audits/src/persistence/audits.schemas';
import { Deadline } from '../lib';

export const DAY_MS = 86_400_000;
/** Where the bench's employers are (one open worksite each). */
export const BENCH_WORKSITE = { state: 'CHP', municipality: 'Tapachula' } as const;
/** Register plans have their next task day in [today + FIRST, today + FIRST + SPREAD) (never swept). */
export const REGISTER_BUCKETS = { first: 30, spread: 300 } as const;

/**
 * Documents exactly as the audits service stores them, for the bulk load of the register: the
 * employer read model (`employer_profiles`, as MongoEmployerProfileRepository writes it) and the audit
 * plan (`audit_plans`, as MongoAuditPlanRepository's OutboxAggregateStore inserts it: the snapshot
 * in `record`, the sweep bucket `taskOn`, an empty outbox), the plan started through the domain's own
 * `AuditPlan.start` with the service's risk model and program.
 */
export class AuditDocuments {
  constructor(
    private readonly program: AuditProgram,
    private readonly riskModel: RiskModel,
    /** Prefix of every employer id of the run (`[A-Za-z0-9_-]`, short). */
    readonly idPrefix: string,
  ) {}

  employerId(kind: string, serial: number): string {
    return `${this.idPrefix}-${kind}${serial}`;
  }

  /** The profile of a verified employer with one open worksite (or a registered one: `verifiedAt` null). */
  profile(employerId: string, verifiedAt: Date | null): EmployerProfile {
    return {
      employerId,
      sector: 'COFFEE',
      status: verifiedAt ? 'VERIFIED' : 'REGISTERED',
      verifiedAt: verifiedAt ? verifiedAt.toISOString() : null,
      worksites: [{ worksiteId: `${employerId}-ws1`, ...BENCH_WORKSITE, open: true }],
    };
  }

  profileDocument(profile: EmployerProfile, appliedEvents: number): Record<string, unknown> {
    return {
      _id: profile.employerId,
      version: appliedEvents,
      profile: profile as unknown as Record<string, unknown>,
      appliedEvents: Array.from({ length: appliedEvents }, () => randomUUID()),
      updatedAt: new Date(),
    };
  }

  /** The plan of `profile` started at `at` (its first task day is `at`'s day: the program's lead time). */
  plan(profile: EmployerProfile, at: Date): AuditPlan {
    const plan = AuditPlan.start(
      {
        employerId: profile.employerId,
        verifiedAt: at,
        worksites: profile.worksites.map(({ worksiteId, state, municipality }) => ({
          worksiteId,
          state,
          municipality,
        })),
        assessment: assessEmployer(profile, [], at, this.riskModel),
      },
      at,
      this.program,
    );
    plan.pullEvents();
    return plan;
  }

  planDocument(plan: AuditPlan): Record<string, unknown> {
    const { version: _version, ...snapshot } = plan.toSnapshot();
    return documentWithOutbox<Record<string, unknown>>(
      {
        _id: plan.id,
        version: plan.version,
        record: snapshot as unknown as Record<string, unknown>,
        status: snapshot.status,
        taskOn: snapshot.taskOn,
        appliedEvents: [],
        updatedAt: new Date(),
      },
      [],
    );
  }

  /** Register employer `serial`: verified, its plan's next task day spread over 300 days ahead. */
  registerPair(
    serial: number,
    base: number,
  ): { plan: Record<string, unknown>; profile: Record<string, unknown> } {
    const at = new Date(base + (REGISTER_BUCKETS.first + (serial % REGISTER_BUCKETS.spread)) * DAY_MS);
    const profile = this.profile(this.employerId('r', serial), at);
    return { plan: this.planDocument(this.plan(profile, at)), profile: this.profileDocument(profile, 3) };
  }

  /** An instant on `day` (`YYYY-MM-DD` of the program's calendar): noon there. */
  instantOn(day: CalendarDate): Date {
    const midnightUtc = Date.parse(`${day.toString()}T00:00:00.000Z`);
    return new Date(midnightUtc + 12 * 3_600_000 - this.program.utcOffsetMinutes * 60_000);
  }

  /** A plan whose task day is `day` (the sweep of that day finds it), with its profile. */
  duePair(
    serial: number,
    day: CalendarDate,
  ): { plan: Record<string, unknown>; profile: Record<string, unknown> } {
    const at = this.instantOn(day);
    const profile = this.profile(this.employerId('d', serial), at);
    const plan = this.plan(profile, at);
    if (plan.taskOn !== day.toString()) {
      throw new Error(`a plan started on ${day.toString()} has its task day on ${String(plan.taskOn)}`);
    }
    return { plan: this.planDocument(plan), profile: this.profileDocument(profile, 3) };
  }

  /**
   * Checks one plan and one profile document against the service's mongoose schemas (strict:
   * unknown fields throw): the bench fails loudly, instead of measuring documents the service
   * would not write, when a schema moves.
   */
  async check(base: number): Promise<void> {
    const instance = new mongoose.Mongoose({ autoIndex: false, autoCreate: false });
    const pair = this.registerPair(0, base);
    for (const [name, schema, document] of [
      ['PlanSchema', PlanSchema, pair.plan],
      ['EmployerProfileSchema', EmployerProfileSchema, pair.profile],
    ] as const) {
      const Model = instance.model(`BenchCheck${name}`, schema as mongoose.Schema);
      try {
        await new Model(document).validate();
      } catch (error) {
        throw new Error(
          `the bench's documents no longer match ${name} (update bench/audits/audit-documents.ts): ${(error as Error).message}`,
        );
      }
    }
    // The stored plan must be one the service can load.
    const { version, record } = pair.plan as { version: number; record: Record<string, unknown> };
    AuditPlan.fromSnapshot({ ...(record as unknown as AuditPlanSnapshot), version }, this.program);
  }
}

/**
 * Inserts pairs [from, to) into both collections in ordered batches of `batchSize`, building the next
 * batch while FerretDB stores the previous one. Returns the wall time in ms.
 */
export async function loadPairs(
  collections: { plans: Collection; profiles: Collection },
  build: (serial: number) => { plan: Record<string, unknown>; profile: Record<string, unknown> },
  from: number,
  to: number,
  deadline: Deadline,
  batchSize = 500,
): Promise<number> {
  const started = process.hrtime.bigint();
  let inFlight: Promise<unknown> | undefined;
  try {
    for (let start = from; start < to; start += batchSize) {
      deadline.check();
      const plans: Record<string, unknown>[] = [];
      const profiles: Record<string, unknown>[] = [];
      for (let serial = start; serial < Math.min(to, start + batchSize); serial++) {
        const pair = build(serial);
        plans.push(pair.plan);
        profiles.push(pair.profile);
      }
      await inFlight;
      inFlight = Promise.all([
        collections.plans.insertMany(plans as never[], { ordered: true }),
        collections.profiles.insertMany(profiles as never[], { ordered: true }),
      ]).then(([p, q]) => {
        if (p.insertedCount !== plans.length || q.insertedCount !== profiles.length) {
          throw new Error(
            `insertMany stored ${p.insertedCount}/${q.insertedCount} of ${plans.length} documents`,
          );
        }
      });
    }
    await inFlight;
  } catch (error) {
    await inFlight?.catch(() => undefined);
    throw error;
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}
