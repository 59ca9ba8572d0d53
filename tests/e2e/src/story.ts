import { randomBytes } from 'node:crypto';
import type { TestTokenIssuer } from '@frontera/platform-auth/testing';
import { ROSTER_COLUMN_NAMES } from '@frontera/permits-domain';
import { companyRegistration } from '@frontera/system-launcher';
import { Client, eventually, tokensOf, type Answer } from './support/http';

/**
 * The story, end to end (issue 12), as steps over a system under test: the running system — the three
 * services behind the nginx entry point — driven over HTTP only, through the entry point, with every
 * effect that crosses Kafka and BullMQ awaited by polling with a deadline. Two systems run it: the
 * launcher's processes (tools/system, story.e2e-spec.ts) and the compose stack's containers
 * (infra/tests/src/compose-stack.compose-spec.ts, docker-compose.story.yml). The steps share the
 * story's state and run in order.
 */

export type StoryService = 'employers' | 'permits' | 'audits';

/** What the story needs of a running system. */
export interface SystemUnderTest {
  /** The entry point (nginx), e.g. http://127.0.0.1:21080. */
  readonly gatewayUrl: string;
  /** Signs the story's tokens with a key the services trust. */
  readonly issuer: TestTokenIssuer;
  /** Kills the service (the story: SIGKILL); it stays down until start. */
  kill(service: StoryService, signal: NodeJS.Signals): Promise<void>;
  /** Starts a killed service again; resolves when it is ready. */
  start(service: StoryService): Promise<void>;
  /** Restarts the service with extra environment (the story: CLOCK_OFFSET); resolves when ready. */
  restart(service: StoryService, env: Readonly<Record<string, string>>): Promise<void>;
  /** The last lines each part of the system logged, for a failed step. */
  logTails(lines: number): string | Promise<string>;
  /**
   * The last lines each service logged other than its access log, short: added to a failed step's
   * error, which is what a CI keeps of a long output (its end).
   */
  serviceDigest?(lines: number): string | Promise<string>;
}

/**
 * The settings the story needs of the system (the launcher's serviceEnv; docker-compose.story.yml):
 * a permit is valid one day and the expiry sweep runs every 10 s (step 5 moves the clock); the plan's
 * first audit becomes a task at the next sweep, every 10 s; the story's complaint status checks stay
 * under the public limit.
 */
export const STORY_SERVICE_ENV = {
  permits: { PERMIT_VALIDITY: '1d', SWEEP_EVERY_MS: '10000' },
  audits: { TASK_SWEEP_EVERY_MS: '10000', COMPLAINT_RATE_PER_MINUTE: '600' },
} as const;

const RUN = randomBytes(3).toString('hex');
const STATE = 'CHP';
const MUNICIPALITY = 'Tapachula';
const WORKERS = 4;
const DAY_MS = 86_400_000;
/** The program's calendar day (Mexico, UTC−6): a permit starting today is valid now. */
const today = () => new Date(Date.now() - 6 * 3_600_000).toISOString().slice(0, 10);

interface Worksite {
  id: string;
  name: string;
}
interface Party {
  id: string;
  rfc: string;
  legalName: string;
  worksites: Worksite[];
  token: string;
}
interface Permit {
  id: string;
  number: string;
  status: string;
  workerId: string;
  worksiteId: string;
  transferable: { cause: string; until: string } | null;
  endReason?: string | null;
}

/**
 * Declares the story's six steps (a describe block of their own) against the system the caller
 * started in its beforeAll; `systemUnderTest` is called once the caller's beforeAll has run.
 */
export function describeStory(
  title: string,
  systemUnderTest: () => SystemUnderTest,
  stepTimeoutMs = 180_000,
): void {
  describe(title, () => {
    let system: SystemUnderTest;
    let api: Client;
    let tokens: ReturnType<typeof tokensOf>;
    let officer: string;
    let supervisor: string;
    let inspector: string;
    const inspectorId = `insp-${RUN}`;
    const finca = { id: `e2e-finca-${RUN}`, rfc: 'FLE050315ABA', legalName: 'Finca La Esperanza' } as Party;
    const other = { id: `e2e-usuma-${RUN}`, rfc: 'ATA100722K30', legalName: 'Agrícola Usumacinta' } as Party;
    let firstTaskId = '';
    let permits: Permit[] = [];
    let transferred: Permit | undefined;
    let complaintTaskId = '';
    let referralAgencies: string[] = [];
    let failed = false;
    const killed: string[] = [];

    beforeAll(async () => {
      system = systemUnderTest();
      api = new Client(system.gatewayUrl);
      tokens = tokensOf(system.issuer);
      officer = await tokens.officer(STATE);
      supervisor = await tokens.supervisor(STATE);
      inspector = await tokens.inspector(inspectorId, STATE);
      finca.token = await tokens.employer(finca.id);
      other.token = await tokens.employer(other.id);
    });

    afterAll(async () => {
      if (system && failed) process.stdout.write(`\n${await system.logTails(60)}\n`);
    }, 120_000);

    /** A step: on failure the logs' tails are printed (afterAll). */
    const step = (name: string, body: () => Promise<void>) =>
      it(
        name,
        async () => {
          try {
            await body();
          } catch (error) {
            failed = true;
            const digest = await Promise.resolve(system?.serviceDigest?.(12)).catch(() => undefined);
            if (digest && error instanceof Error) error.message += `\n${digest}`;
            throw error;
          }
        },
        stepTimeoutMs,
      );

    async function register(party: Party, worksiteNames: string[]): Promise<void> {
      await api.expect('POST', '/employers', [201], {
        token: party.token,
        json: companyRegistration(party.rfc, party.legalName),
      });
      party.worksites = [];
      for (const [i, name] of worksiteNames.entries()) {
        const added = await api.expect('POST', `/employers/${party.id}/worksites`, [201], {
          token: party.token,
          json: {
            name,
            activity: i === 0 ? 'coffee harvest' : 'mango harvest',
            state: STATE,
            municipality: MUNICIPALITY,
            coordinates: { lat: 15.0415 - i * 0.1, lng: -92.2317 },
            capacity: 40,
            housingProvided: i === 0,
          },
        });
        party.worksites.push({ id: added.id, name });
      }
      const verified = await api.expect('POST', `/employers/${party.id}/verification`, [200], {
        token: officer,
      });
      expect(verified.status).toBe('ACTIVE');
    }

    /** The permits service knows the employer ACTIVE and the worksite open (from the employer events). */
    async function permitsKnow(party: Party, worksiteId: string): Promise<void> {
      await eventually(`the permits service to know ${party.id} verified`, async () => {
        const probe = await api.call('POST', '/applications', {
          token: party.token,
          json: { ...application(worksiteId, 99), dailyWage: 1 },
        });
        if (probe.status < 400) throw new Error(`a 1 MXN wage was accepted: ${JSON.stringify(probe.body)}`);
        return probe.status === 422 && !/EMPLOYER_NOT|WORKSITE_NOT/.test(JSON.stringify(probe.body));
      });
    }

    function worker(i: number): Record<string, unknown> {
      const year = 1980 + i * 3;
      return {
        givenNames: ['José Luis', 'María', 'Juan Carlos', 'Ana Lucía', 'Pedro'][i % 5],
        surnames: { first: ['Pérez', 'López', 'Xicará', 'Tzul', 'Coc'][i % 5], second: 'Gómez' },
        dateOfBirth: `${year}-0${(i % 9) + 1}-1${i % 9}`,
        sex: i % 2 === 0 ? 'M' : 'F',
        nationality: 'GTM',
        identityDocument: {
          type: 'NATIONAL_ID',
          number: `2547 ${RUN.slice(0, 5)} 0${100 + i}`,
          issuingCountry: 'GTM',
        },
        placeOfBirth: { country: 'GTM', locality: 'Malacatán' },
        homeAddress: { line: `Aldea El Carmen, casa ${i + 1}`, locality: 'Malacatán', country: 'GTM' },
      };
    }

    function application(worksiteId: string, i: number) {
      return {
        kind: 'NEW',
        worksiteId,
        worker: worker(i),
        occupation: 'Cortador de café',
        dailyWage: 320.5,
        startDate: today(),
        noRecruitmentFeeDeclared: true,
      };
    }

    function rosterCsv(): string {
      const rows = Array.from({ length: WORKERS }, (_, i) => {
        const w = worker(i) as Record<string, Record<string, string> | string>;
        const cells: Record<string, string> = {
          occupation: 'Cortador de café',
          dailyWage: '320.50',
          startDate: today(),
          noRecruitmentFeeDeclared: 'true',
        };
        for (const [key, value] of Object.entries(w)) {
          if (typeof value === 'string') cells[key] = value;
          else for (const [inner, v] of Object.entries(value)) cells[`${key}.${inner}`] = v;
        }
        return ROSTER_COLUMN_NAMES.map((name) => csvCell(cells[name] ?? '')).join(',');
      });
      return [ROSTER_COLUMN_NAMES.join(','), ...rows].join('\r\n') + '\r\n';
    }

    const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

    const permitsOf = async (party: Party): Promise<Permit[]> =>
      (await api.get(`/permits?limit=100`, party.token)).items as Permit[];

    const worksitesOf = async (party: Party): Promise<{ id: string; headcount: number }[]> => {
      const body = await api.get(`/employers/${party.id}/worksites`, officer);
      return Array.isArray(body) ? body : body.items;
    };

    const headcountOf = async (party: Party, worksiteId: string): Promise<number | undefined> =>
      (await worksitesOf(party)).find((w) => w.id === worksiteId)?.headcount;

    const tasksOf = async (
      token: string,
      query = '',
    ): Promise<Record<string, any>[]> => // eslint-disable-line @typescript-eslint/no-explicit-any
      (await api.get(`/tasks${query}`, token)).items;

    const verify = async (permit: Permit, birthYear: number): Promise<Answer> =>
      api.call('GET', `/verify?number=${encodeURIComponent(permit.number)}&birthYear=${birthYear}`);

    step(
      '1. an employer registers with two worksites, an officer verifies it, the first audit is assigned to an inspector of the area',
      async () => {
        await api.expect('POST', '/inspectors', [201], {
          token: supervisor,
          idempotencyKey: `e2e-${inspectorId}`,
          json: { inspectorId, areas: [{ state: STATE, municipalities: [MUNICIPALITY] }], capacity: 12 },
        });
        await register(finca, ['Cafetal', 'Huerta de mango']);
        await register(other, ['Cañaveral']);

        // employer.verified → the audits plan → the task sweep (BullMQ) creates the first audit of each
        // worksite and assigns it to the only inspector of Tapachula. (The same sweep may also draw the
        // finca for a RANDOM audit — 5 % of LOW-tier employers a cycle: that task is not the first audit.)
        const first = await eventually('the first audits of the finca, assigned', async () => {
          const mine = (await tasksOf(inspector)).filter(
            (t) => t.employerId === finca.id && t.kind === 'PERIODIC',
          );
          return mine.length === 2 && mine.every((t) => t.status === 'ASSIGNED') ? mine : undefined;
        });
        expect(first.map((t) => t.worksiteId).sort()).toEqual(finca.worksites.map((w) => w.id).sort());
        for (const task of first) {
          expect(task).toMatchObject({ kind: 'PERIODIC', inspectorId, state: STATE });
          expect(Date.parse(`${task.dueOn}T23:59:59Z`) - Date.now()).toBeLessThanOrEqual(31 * DAY_MS);
        }
        firstTaskId = first.find((t) => t.worksiteId === finca.worksites[0]?.id)?.id;
        expect(firstTaskId).toBeTruthy();
      },
    );

    step(
      '2. a roster is uploaded, reaches 100 %, the officer approves, permits are issued and verify valid; employers and audits see them',
      async () => {
        const coffee = finca.worksites[0] as Worksite;
        await permitsKnow(finca, coffee.id);
        const upload = await api.expect('POST', `/worksites/${coffee.id}/rosters`, [202], {
          token: finca.token,
          csv: rosterCsv(),
        });
        const done = await eventually('the roster import to reach 100 %', async () => {
          const progress = await api.get(`/rosters/${upload.id}`, finca.token);
          if (progress.status === 'FAILED') throw new Error(`roster failed: ${JSON.stringify(progress)}`);
          return progress.status === 'COMPLETED' ? progress : undefined;
        });
        expect(done).toMatchObject({ percentage: 100, rows: WORKERS, accepted: WORKERS, rejected: 0 });

        const submitted = (await api.get('/applications?status=SUBMITTED&limit=100', officer)).items as {
          id: string;
          worksiteId: string;
        }[];
        const ours = submitted.filter((a) => a.worksiteId === coffee.id);
        expect(ours).toHaveLength(WORKERS);
        const approve = (id: string) =>
          api.expect('POST', `/applications/${id}/approval`, [200], {
            token: officer,
            idempotencyKey: `e2e-approve-${id}`,
            json: { reason: 'Documentos revisados; temporada de cosecha de café' },
          });
        // Step 6, first kill: the audits service dies (SIGKILL) halfway through the approvals, so half of
        // the permit.issued events are published while it is down and the others may be half-handled; it
        // comes back while the story goes on, and its consumers resume from their committed offsets.
        for (const a of ours.slice(0, WORKERS / 2)) await approve(a.id);
        await system.kill('audits', 'SIGKILL');
        killed.push('audits');
        for (const a of ours.slice(WORKERS / 2)) await approve(a.id);
        const auditsBack = system.start('audits');
        auditsBack.catch(() => undefined); // awaited below; a failure there, not as an unhandled rejection

        permits = await permitsOf(finca);
        expect(permits).toHaveLength(WORKERS);
        expect(permits.every((p) => p.status === 'ACTIVE' && p.worksiteId === coffee.id)).toBe(true);

        // The public verification, by number and year of birth, through the entry point's public route.
        const workerOf = async (p: Permit) =>
          (await api.get(`/workers/${p.workerId}`, officer)) as { birthYear: number };
        const checked = permits[0] as Permit;
        const answer = await verify(checked, (await workerOf(checked)).birthYear);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ valid: true, status: 'ACTIVE' });

        // The employers service counts the headcount from permit events …
        await eventually('the employers service to count the new headcount', async () =>
          (await headcountOf(finca, coffee.id)) === WORKERS ? true : undefined,
        );
        // … and the audits service, back from the kill, holds the roster: the visit starts with the
        // worksite's held permits.
        await auditsBack;
        await eventually('the audits service to hold the 4 permits (the HEADCOUNT of the risk)', async () =>
          JSON.stringify(await api.get(`/employers/${finca.id}/risk`, supervisor)).includes(
            `"heldPermits":${WORKERS}`,
          )
            ? true
            : undefined,
        );
        const started = await api.expect('POST', `/tasks/${firstTaskId}/start`, [200], { token: inspector });
        expect(started.status).toBe('IN_PROGRESS');
        const rosterOf = async () =>
          (await api.get(`/tasks/${firstTaskId}`, inspector)).roster as { permitId: string }[];
        const roster = await rosterOf();
        expect(roster.map((r) => r.permitId).sort()).toEqual(permits.map((p) => p.id).sort());
      },
    );

    step(
      '3. retained identity documents: REFERRED, a referral, the employer suspended, permits valid and transferable, a transfer to a second employer',
      async () => {
        const coffee = finca.worksites[0] as Worksite;
        await api.expect('POST', `/tasks/${firstTaskId}/findings`, [201], {
          token: inspector,
          json: {
            findingId: `fnd-${RUN}`,
            code: 'RETENTION_OF_IDENTITY_DOCUMENTS',
            permitIds: permits.map((p) => p.id),
            workersAffected: WORKERS,
          },
        });
        const completed = await api.expect('POST', `/tasks/${firstTaskId}/completion`, [200], {
          token: inspector,
          json: {},
        });
        expect(completed.completion.outcome).toBe('REFERRAL');
        // Step 6, second kill: the permits service dies as the outcome is published, so the outcome and the
        // employer's suspension reach it only after its restart, which runs while the story goes on.
        await system.kill('permits', 'SIGKILL');
        killed.push('permits');
        const permitsBack = system.start('permits');
        permitsBack.catch(() => undefined); // awaited below

        const referral = await eventually('the referral of the audit', async () => {
          const open = (await api.get('/referrals', supervisor)).items as Record<string, unknown>[];
          return open.find((r) => r['sourceId'] === firstTaskId);
        });
        expect(referral).toMatchObject({ sourceType: 'AUDIT', sourceId: firstTaskId, employerId: finca.id });
        referralAgencies = ((await api.get('/referrals', supervisor)).items as Record<string, unknown>[])
          .filter((r) => r['sourceId'] === firstTaskId)
          .map((r) => r['agency'] as string);
        const suspended = await eventually('the finca suspended for critical findings', async () => {
          const employer = await api.get(`/employers/${finca.id}`, officer);
          return employer.status === 'SUSPENDED' ? employer : undefined;
        });
        expect(suspended.suspension).toMatchObject({ cause: 'CRITICAL_FINDINGS' });

        await permitsBack;
        const transferable = await eventually('the finca’s permits valid and transferable', async () => {
          const all = await Promise.all(
            permits.map((p) => api.get(`/permits/${p.id}`, officer) as Promise<Permit>),
          );
          return all.every((p) => p.status === 'ACTIVE' && p.transferable !== null) ? all : undefined;
        });
        expect(transferable).toHaveLength(WORKERS);

        // A second employer takes one worker on by transfer, without registering the worker again.
        const moving = permits[1] as Permit;
        const cane = other.worksites[0] as Worksite;
        await permitsKnow(other, cane.id);
        const applied = await api.expect('POST', '/applications', [201], {
          token: other.token,
          json: {
            kind: 'TRANSFER',
            worksiteId: cane.id,
            transferFromPermitId: moving.id,
            occupation: 'Cortador de caña',
            dailyWage: 350,
            startDate: today(),
            noRecruitmentFeeDeclared: true,
          },
        });
        expect(applied).toMatchObject({ kind: 'TRANSFER', status: 'SUBMITTED' });
        await api.expect('POST', `/applications/${applied.id}/approval`, [200], {
          token: officer,
          idempotencyKey: `e2e-approve-${applied.id}`,
          json: { reason: 'Traslado de un trabajador de un empleador suspendido' },
        });
        const [newPermit] = await permitsOf(other);
        transferred = newPermit;
        expect(transferred).toMatchObject({
          status: 'ACTIVE',
          workerId: moving.workerId,
          worksiteId: cane.id,
        });
        const old = (await api.get(`/permits/${moving.id}`, officer)) as Permit;
        expect(old.status).toBe('ENDED');
        await eventually('the headcounts to follow the transfer', async () =>
          (await headcountOf(finca, coffee.id)) === WORKERS - 1 && (await headcountOf(other, cane.id)) === 1
            ? true
            : undefined,
        );
      },
    );

    step(
      '4. an anonymous complaint with a forced-labour indicator: a CRITICAL audit due within 48 h; the receipt shows its status',
      async () => {
        const filedAt = Date.now();
        const filed = await api.expect('POST', '/complaints', [201], {
          json: {
            channel: 'WEB',
            employerId: other.id,
            worksiteId: other.worksites[0]?.id,
            state: STATE,
            municipality: MUNICIPALITY,
            description: 'Al llegar al cañaveral nos dijeron que debemos pagar el transporte antes de irnos.',
            indicators: ['DEBT_BONDAGE'],
          },
        });
        expect(filed).toMatchObject({ receiptCode: expect.any(String), secret: expect.any(String) });
        const task = await eventually('the CRITICAL complaint audit of the second employer', async () =>
          (await tasksOf(supervisor, `?state=${STATE}`)).find(
            (t) => t.employerId === other.id && t.kind === 'COMPLAINT',
          ),
        );
        expect(task.priority).toBe('CRITICAL');
        expect(Date.parse(task.dueAt) - filedAt).toBeLessThanOrEqual(48 * 3_600_000 + 60_000);
        complaintTaskId = task.id;
        const status = await eventually('the complainant to read the complaint under review', async () => {
          const answer = await api.expect('POST', '/complaints/status', [200], {
            json: { receiptCode: filed.receiptCode, secret: filed.secret },
          });
          return answer.status === 'UNDER_REVIEW' ? answer : undefined;
        });
        expect(status.receiptCode).toBe(filed.receiptCode);
        // The wrong secret reveals nothing.
        const wrong = await api.call('POST', '/complaints/status', {
          json: { receiptCode: filed.receiptCode, secret: `${filed.secret}x` },
        });
        expect(wrong.status).toBe(404);
      },
    );

    step(
      '5. a permit reaches its expiry and is EXPIRED everywhere (the permits service restarted with its clock 3 days ahead)',
      async () => {
        expect(transferred).toBeDefined();
        const permit = transferred as Permit;
        const birthYear = ((await api.get(`/workers/${permit.workerId}`, officer)) as { birthYear: number })
          .birthYear;
        expect((await verify(permit, birthYear)).body).toMatchObject({ valid: true });

        // PERMIT_VALIDITY=1d: three days on, every permit of the story has run out; the sweep (every 10 s)
        // marks them EXPIRED and publishes permit.expired to the other services.
        await system.restart('permits', { CLOCK_OFFSET: '3d' });
        const expired = await eventually('the transferred permit EXPIRED', async () => {
          const p = (await api.get(`/permits/${permit.id}`, officer)) as Permit;
          return p.status === 'EXPIRED' ? p : undefined;
        });
        expect(expired.status).toBe('EXPIRED');
        // The public verification answers from its read model, which follows the permit's events.
        const answer = await eventually('the public verification to answer EXPIRED', async () => {
          const a = await verify(permit, birthYear);
          return a.status === 200 && a.body.status === 'EXPIRED' ? a : undefined;
        });
        expect(answer.body).toMatchObject({ valid: false, status: 'EXPIRED' });
        // The employers service: the headcount no longer counts it.
        await eventually('the employers service to drop the expired permit', async () =>
          (await headcountOf(other, other.worksites[0]?.id as string)) === 0 ? true : undefined,
        );
        // The audits service: the worksite holds no permit any more, so the visit's roster is empty.
        await api.expect('POST', `/tasks/${complaintTaskId}/start`, [200], { token: inspector });
        await eventually('the audits roster without the expired permit', async () =>
          ((await api.get(`/tasks/${complaintTaskId}`, inspector)).roster as unknown[]).length === 0
            ? true
            : undefined,
        );
      },
    );

    step(
      '6. services killed (SIGKILL) mid-story and restarted lost nothing: the story ends in the expected state',
      async () => {
        expect(killed).toEqual(['audits', 'permits']);
        const coffee = finca.worksites[0] as Worksite;
        const fincaPermits = await eventually('every permit of the finca ended or expired', async () => {
          const all = await permitsOf(finca);
          return all.every((p) => p.status !== 'ACTIVE') ? all : undefined;
        });
        // Exactly the roster's permits: none lost, none twice.
        expect(fincaPermits.map((p) => p.id).sort()).toEqual(permits.map((p) => p.id).sort());
        expect(fincaPermits.filter((p) => p.status === 'ENDED')).toHaveLength(1);
        expect(fincaPermits.filter((p) => p.status === 'EXPIRED')).toHaveLength(WORKERS - 1);
        expect(await permitsOf(other)).toHaveLength(1);
        await eventually('the finca’s headcount at zero', async () =>
          (await headcountOf(finca, coffee.id)) === 0 ? true : undefined,
        );
        const employer = await api.get(`/employers/${finca.id}`, officer);
        expect(employer.status).toBe('SUSPENDED');
        const referrals = (
          (await api.get('/referrals', supervisor)).items as Record<string, unknown>[]
        ).filter((r) => r['sourceId'] === firstTaskId);
        // One referral per agency the audit's indicator goes to, each once (a redelivered outcome adds none).
        const agencies = referrals.map((r) => r['agency'] as string);
        expect(agencies.length).toBeGreaterThanOrEqual(1);
        expect(new Set(agencies).size).toBe(agencies.length);
        expect(agencies).toEqual(expect.arrayContaining(referralAgencies));
        const first = await api.get(`/tasks/${firstTaskId}`, inspector);
        expect(first).toMatchObject({ status: 'COMPLETED', completion: { outcome: 'REFERRAL' } });
        const outcomes = await api.get(`/employers/${finca.id}/audit-outcomes`, officer);
        expect(JSON.stringify(outcomes).match(/REFERRAL/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
      },
    );
  });
}
