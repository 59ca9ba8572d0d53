// A harvest world through the entry point of the whole system (tools/system: the three built services
// behind the gateway), shared by the chaos command (tools/ops/chaos.ts) and the system benchmark
// (bench/system): an HTTP client that retries while a service is down, the generated data of a run (no
// real person), and the set-up — an inspector of the area, employers registered and verified by an
// officer, each with worksites, and the wait until the permits service knows every worksite open.
import { aPrincipal, type TestTokenIssuer } from '@frontera/platform-auth/testing';
import { computeRfcCheckDigit } from '@frontera/employers-domain';

export const STATE = 'CHP';
export const MUNICIPALITY = 'Tapachula';
/** Approvals per worksite (its capacity is this plus 10). */
export const PER_WORKSITE = 50;
export const WORKSITES_PER_EMPLOYER = 2;
/** The start date of the applications: today in Mexico's south (UTC−6). */
export const today = () => new Date(Date.now() - 6 * 3_600_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// HTTP through the entry point, with retries while a service is down
// ---------------------------------------------------------------------------------------------

export interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of three services
  readonly body: any;
}

/** Statuses that mean "down or not ready" (the gateway's 502/503/504, a service's 503). */
export const TRANSIENT = new Set([500, 502, 503, 504]);

/**
 * A key whose first request was cut by a kill stays IN_PROGRESS in the service's idempotency store
 * until its lease lapses (platform-http IdempotencyStore: 60 s unrenewed, decision 0051); retries
 * with that key answer 409 IDEMPOTENCY.IN_PROGRESS until then, and the next one takes the key over.
 * After `STUCK_AFTER_MS` (twice the lease) of 409s the command stops retrying the request and counts
 * it (a row of the table): a key that stays stuck is a defect.
 */
export const STUCK_AFTER_MS = 120_000;
export class StuckKeyError extends Error {}

export class Api {
  readonly retries: Record<string, number> = {};

  constructor(
    private readonly base: string,
    private readonly deadlineMs: number,
  ) {}

  async call(
    method: string,
    route: string,
    options: { token?: string; json?: unknown; idempotencyKey?: string; what?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const deadline = Date.now() + this.deadlineMs;
    let inProgressSince: number | undefined;
    const what = options.what ?? `${method} ${route.replace(/[0-9a-f-]{8,}/g, ':id')}`;
    for (let attempt = 1; ; attempt++) {
      let answer: Answer | undefined;
      let failure = '';
      try {
        const response = await fetch(`${this.base}${route}`, {
          method,
          headers,
          body: options.json === undefined ? undefined : JSON.stringify(options.json),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        let body: unknown = text;
        try {
          body = text.length > 0 ? JSON.parse(text) : null;
        } catch {
          // not JSON
        }
        answer = { status: response.status, body };
        // 409 IDEMPOTENCY…IN_PROGRESS: the first attempt, cut by a kill, still holds the key.
        const inProgress = response.status === 409 && /IN_PROGRESS|IDEMPOTENCY/i.test(text);
        if (!TRANSIENT.has(response.status) && !inProgress) return answer;
        failure = `HTTP ${response.status}`;
        if (inProgress) {
          inProgressSince ??= Date.now();
          if (Date.now() - inProgressSince > STUCK_AFTER_MS) {
            throw new StuckKeyError(
              `${what}: key ${options.idempotencyKey} IN_PROGRESS for ${STUCK_AFTER_MS} ms`,
            );
          }
        } else inProgressSince = undefined;
      } catch (error) {
        if (error instanceof StuckKeyError) throw error;
        failure = error instanceof Error ? error.message : String(error);
      }
      this.retries[what] = (this.retries[what] ?? 0) + 1;
      if (Date.now() > deadline) {
        throw new Error(
          `${what}: still failing after ${attempt} attempts (${failure}) ${JSON.stringify(answer?.body ?? '').slice(0, 400)}`,
        );
      }
      await new Promise((done) => setTimeout(done, Math.min(250 * attempt, 2_000)));
    }
  }

  async expect(
    method: string,
    route: string,
    statuses: number[],
    options: Parameters<Api['call']>[2] = {},
  ): Promise<Answer['body']> {
    const answer = await this.call(method, route, options);
    if (!statuses.includes(answer.status)) {
      throw new Error(
        `${method} ${route}: HTTP ${answer.status}, expected ${statuses.join('/')}: ${JSON.stringify(answer.body).slice(0, 800)}`,
      );
    }
    return answer.body;
  }
}

export async function eventually<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms ${last}`);
    await new Promise((done) => setTimeout(done, 1_000));
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The data of a run (no real person: generated names, documents and dates)
// ---------------------------------------------------------------------------------------------

export function companyRfc(run: string, n: number): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const a = letters[n % letters.length] as string;
  const b = letters[Math.floor(n / letters.length) % letters.length] as string;
  const stem = `C${a}${b}${String(10 + (parseInt(run.slice(0, 2), 16) % 89)).padStart(2, '0')}0315${run
    .slice(2, 3)
    .toUpperCase()
    .replace(/[^A-Z0-9]/, 'A')}${(n % 10).toString()}`;
  return `${stem}${computeRfcCheckDigit(stem)}`;
}

export function worker(run: string, i: number): Record<string, unknown> {
  const born = new Date(Date.UTC(1975, 0, 1) + i * 86_400_000 * 3).toISOString().slice(0, 10);
  const given = ['José Luis', 'María', 'Juan Carlos', 'Ana Lucía', 'Pedro', 'Rosa', 'Mateo', 'Elena'];
  const first = ['Pérez', 'López', 'Xicará', 'Tzul', 'Coc', 'Ajú', 'Chen', 'Tut', 'Caal', 'Pop'];
  return {
    givenNames: given[i % given.length],
    surnames: { first: first[Math.floor(i / given.length) % first.length], second: 'Gómez' },
    dateOfBirth: born,
    sex: i % 2 === 0 ? 'M' : 'F',
    nationality: 'GTM',
    identityDocument: {
      type: 'NATIONAL_ID',
      number: `${String(parseInt(run.slice(0, 4), 16) % 10_000).padStart(4, '0')} ${String(i).padStart(5, '0')} 0101`,
      issuingCountry: 'GTM',
    },
    placeOfBirth: { country: 'GTM', locality: 'Malacatán' },
    homeAddress: { line: `Aldea El Carmen, casa ${i + 1}`, locality: 'Malacatán', country: 'GTM' },
  };
}

/** The body of `POST /employers` for a coffee company of Tapachula, Chiapas (generated contact data). */
export function companyRegistration(rfc: string, legalName: string) {
  return {
    rfc,
    legalName: `${legalName}, S.A. de C.V.`,
    kind: 'COMPANY',
    sector: 'COFFEE',
    contact: { name: 'María López Hernández', email: 'rh@example.mx', phone: '+52 962 123 4567' },
    address: {
      state: STATE,
      municipality: MUNICIPALITY,
      street: 'Carretera a Nueva Alemania km 12',
      postalCode: '30700',
    },
    legalRepresentative: { fullName: 'Jorge Pérez Gómez', position: 'Apoderado legal' },
  };
}

export interface Worksite {
  readonly id: string;
  readonly employerId: string;
}

/** A single application (`POST /applications`) for the run's worker number `i`. */
export function application(run: string, worksiteId: string, i: number) {
  return {
    kind: 'NEW',
    worksiteId,
    worker: worker(run, i),
    occupation: 'Cortador de café',
    dailyWage: 320.5,
    startDate: today(),
    noRecruitmentFeeDeclared: true,
  };
}

export interface World {
  /** An officer of the state (verifies employers, approves applications). */
  readonly officer: string;
  readonly supervisor: string;
  /** Employer staff token by employer id. */
  readonly employerTokens: ReadonlyMap<string, string>;
  /** ⌈approvals ÷ PER_WORKSITE⌉ worksites, PER_WORKSITE approvals each, in order. */
  readonly worksites: readonly Worksite[];
}

/**
 * The set-up of a run of `approvals`: an inspector of Tapachula, ⌈approvals ÷ 100⌉ employers registered
 * and verified by an officer, each with two worksites (capacity 60); it returns once the permits service
 * knows every worksite open (a probe application with a wage below the minimum answers 422 for the wage
 * only). Ids and Idempotency-Keys carry `tag` and `run`, so a retried set-up creates nothing twice.
 */
export async function setUpWorld(
  api: Api,
  issuer: TestTokenIssuer,
  options: {
    readonly tag: string;
    readonly run: string;
    readonly approvals: number;
    readonly legalName: string;
  },
): Promise<World> {
  const { tag, run } = options;
  const mint = (principal: Parameters<TestTokenIssuer['mintFor']>[0]) =>
    issuer.mintFor(principal, { ttlSeconds: 6 * 3_600 });
  const officer = await mint(aPrincipal('officer').withSubject(`officer-${tag}`).inStates(STATE).build());
  const supervisor = await mint(
    aPrincipal('supervisor').withSubject(`supervisor-${tag}`).inStates(STATE).build(),
  );
  const worksiteCount = Math.ceil(options.approvals / PER_WORKSITE);
  const employerCount = Math.ceil(worksiteCount / WORKSITES_PER_EMPLOYER);
  const employerTokens = new Map<string, string>();
  const worksites: Worksite[] = [];

  await api.expect('POST', '/inspectors', [201, 409], {
    token: supervisor,
    idempotencyKey: `${tag}-insp-${run}`,
    json: {
      inspectorId: `insp-${run}`,
      areas: [{ state: STATE, municipalities: [MUNICIPALITY] }],
      capacity: 50,
    },
  });
  await pool(
    Array.from({ length: employerCount }, (_, e) => e),
    4,
    async (e) => {
      const employerId = `${tag}-${run}-${e}`;
      const token = await mint(
        aPrincipal('employer').withSubject(`staff-${employerId}`).ofEmployer(employerId).build(),
      );
      employerTokens.set(employerId, token);
      await api.expect('POST', '/employers', [201], {
        token,
        idempotencyKey: `${tag}-reg-${employerId}`,
        json: companyRegistration(companyRfc(run, e), `${options.legalName} ${run} ${e}`),
      });
      for (let w = 0; w < WORKSITES_PER_EMPLOYER && e * WORKSITES_PER_EMPLOYER + w < worksiteCount; w++) {
        const added = await api.expect('POST', `/employers/${employerId}/worksites`, [201], {
          token,
          idempotencyKey: `${tag}-ws-${employerId}-${w}`,
          json: {
            name: `Cafetal ${w + 1}`,
            activity: 'coffee harvest',
            state: STATE,
            municipality: MUNICIPALITY,
            coordinates: { lat: 15.0415 - w * 0.01, lng: -92.2317 + e * 0.001 },
            capacity: PER_WORKSITE + 10,
            housingProvided: true,
          },
        });
        worksites[e * WORKSITES_PER_EMPLOYER + w] = { id: added.id, employerId };
      }
      await api.expect('POST', `/employers/${employerId}/verification`, [200], { token: officer });
    },
  );
  // The permits service learns the employers ACTIVE and the worksites open from their events.
  await pool(worksites, 4, async (site) => {
    await eventually(`permits to know worksite ${site.id} open`, 120_000, async () => {
      const probe = await api.call('POST', '/applications', {
        token: employerTokens.get(site.employerId),
        json: { ...application(run, site.id, 0), dailyWage: 1 },
      });
      return probe.status === 422 && !/EMPLOYER_NOT|WORKSITE_NOT/.test(JSON.stringify(probe.body))
        ? true
        : undefined;
    });
  });
  return { officer, supervisor, employerTokens, worksites };
}

/** The sum of the headcounts of the worksites' employers, read over HTTP by an officer. */
export async function headcountSum(
  api: Api,
  officer: string,
  worksites: readonly Worksite[],
): Promise<number> {
  let sum = 0;
  for (const employerId of new Set(worksites.map((w) => w.employerId))) {
    const body = await api.expect('GET', `/employers/${employerId}/worksites`, [200], { token: officer });
    for (const w of (Array.isArray(body) ? body : body.items) as { headcount: number }[]) sum += w.headcount;
  }
  return sum;
}
