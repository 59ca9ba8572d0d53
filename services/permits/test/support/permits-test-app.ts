import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { createEvent, Topics, type EventData, type EventType, type NewEvent } from '@frontera/contracts';
import { ServiceTestApp, type ServiceTestAppOptions } from '@frontera/platform-runtime/testing';
import { uniqueName, waitFor } from '@frontera/platform-testing';
import type { MexicanState } from '@frontera/shared-kernel';
import { AppModule } from '../../src/app.module';
import { PermitsConfig } from '../../src/config/permits.config';
import { PERMITS_CONSUMER_GROUPS } from '../../src/messaging/consumer-groups';
import { ROSTER_CONTENT_TYPE } from '../../src/rosters/roster-file.reader';
import type { SubmitApplicationRequest } from '../../src/http/dto/application.request';
import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import { STANDINGS_COLLECTION } from '../../src/persistence/permits.schemas';

export type PermitsTestApp = ServiceTestApp<PermitsConfig>;

/** The permits AppModule on the real servers, its consumer groups at the end of their topics. */
export function startPermitsApp(
  options: Partial<Pick<ServiceTestAppOptions<PermitsConfig>, 'env' | 'swagger' | 'overrides'>> & {
    /** The MongoDB driver emits command events (to count round trips). */
    readonly monitorCommands?: boolean;
    /** Where the service's log lines go (a stream the test reads) instead of stdout. */
    readonly logDestination?: DestinationStream;
  } = {},
): Promise<PermitsTestApp> {
  return ServiceTestApp.start({
    serviceName: 'permits',
    configClass: PermitsConfig,
    module: (config) =>
      AppModule.forRoot(config, {
        ...(options.monitorCommands ? { monitorCommands: true } : {}),
        ...(options.logDestination ? { logDestination: options.logDestination } : {}),
      }),
    consumerGroups: PERMITS_CONSUMER_GROUPS,
    readTopics: [Topics.permit.name, Topics.permitApplication.name, Topics.worker.name],
    // As main.ts: roster uploads are text/csv.
    extraContentTypes: [ROSTER_CONTENT_TYPE],
    env: { MINIMUM_DAILY_WAGE_MXN: '278.80', PUBLIC_BASE_URL: 'https://verifica.example.mx', ...options.env },
    ...(options.swagger ? { swagger: true } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
}

export interface GivenEmployer {
  readonly employerId: string;
  readonly worksiteId: string;
  readonly state: MexicanState;
}

function employerEvent<T extends EventType>(type: T, employerId: string, data: EventData<T>) {
  return createEvent({ type, subject: employerId, correlationId: randomUUID(), data } as NewEvent<T>);
}

/**
 * Given: an employer the employers service verified (ACTIVE, rated A) with one open worksite, as
 * the permits service learns it — from the employer events on Kafka (waits for the read model).
 */
export async function anActiveEmployer(
  t: PermitsTestApp,
  options: { state?: MexicanState; capacity?: number; publicName?: string } = {},
): Promise<GivenEmployer> {
  const employerId = uniqueName('org');
  const worksiteId = uniqueName('ws');
  const state = options.state ?? 'CHP';
  const events = [
    employerEvent('frontera.employer.registered', employerId, {
      employerId,
      kind: 'COMPANY',
      sector: 'COFFEE',
      state,
      municipality: 'Tapachula',
    }),
    employerEvent('frontera.employer.verified', employerId, {
      employerId,
      registrationNumber: `PE-${state}-2026-000001`,
      rating: 'A',
      sector: 'COFFEE',
      state,
      verifiedBy: 'officer-1',
      verifiedAt: new Date().toISOString(),
      publicName: options.publicName ?? 'Finca La Esperanza S.A. de C.V.',
    }),
    employerEvent('frontera.employer.worksite.added', employerId, {
      employerId,
      worksite: {
        worksiteId,
        activity: 'café',
        state,
        municipality: 'Tapachula',
        capacity: options.capacity ?? 50,
        housingProvided: true,
        eligibleForPermits: true,
      },
    }),
  ];
  for (const event of events) await t.feeder.publish(event, employerId);
  await waitFor(
    async () => {
      const standing = await t.raw(STANDINGS_COLLECTION, employerId);
      const worksites = (standing?.['standing'] as { worksites?: unknown[] } | undefined)?.worksites ?? [];
      return worksites.length > 0 || undefined;
      // The events reach this app's consumer through the shared topics (decision 0033): in a full
      // parallel run, behind every other app's events (a 1,000-row roster makes thousands), so the
      // wait allows for a consumer minutes of lag would not fit in, but seconds do.
    },
    `standing of ${employerId}`,
    60_000,
    100,
  );
  return { employerId, worksiteId, state };
}

/** A Guatemalan worker, 30 years old, with a document number of their own. */
export function aWorker(overrides: Partial<WorkerDataDto> = {}): WorkerDataDto {
  const digits = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  return {
    givenNames: 'José Luis',
    surnames: { first: 'Pérez', second: 'López' },
    dateOfBirth: '1996-03-18',
    sex: 'M',
    nationality: 'GTM',
    identityDocument: { type: 'NATIONAL_ID', number: `1${digits}`, issuingCountry: 'GTM' },
    placeOfBirth: { country: 'GTM', locality: 'Malacatán' },
    homeAddress: { line: 'Aldea El Carmen, casa 12', locality: 'Malacatán', country: 'GTM' },
    phone: `+5025${digits.slice(0, 7)}`,
    ...overrides,
  };
}

/** A NEW application for `worker` at the employer's worksite, starting in ten days. */
export function aNewApplication(
  employer: GivenEmployer,
  worker: WorkerDataDto = aWorker(),
  overrides: Partial<SubmitApplicationRequest> = {},
): SubmitApplicationRequest {
  const start = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return {
    worksiteId: employer.worksiteId,
    kind: 'NEW',
    worker,
    occupation: 'Cortador de café',
    dailyWage: 320.5,
    startDate: start,
    noRecruitmentFeeDeclared: true,
    ...overrides,
  };
}
