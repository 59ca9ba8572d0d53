import type { WorkerDataDto } from '../../src/http/dto/worker.request';
import {
  aNewApplication,
  aWorker,
  type GivenEmployer,
  type PermitsTestApp,
} from '../support/permits-test-app';

const SURNAMES = [
  'Ramírez',
  'Tzul',
  'Coc',
  'Chávez',
  'Ixcot',
  'Batz',
  'Quiej',
  'Tum',
  'Cux',
  'Sic',
  'Yat',
  'Choc',
];
const GIVEN = ['María', 'Rosa', 'Pedro', 'Juana', 'Santos', 'Lucía', 'Mateo', 'Elena', 'Tomás', 'Olga'];
const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)] as T;

/**
 * A worker unlike the others of the file (a random date of birth, given name and surnames), so that
 * duplicate detection flags only the pairs a test makes on purpose.
 */
export function aDistinctWorker(overrides: Partial<WorkerDataDto> = {}): WorkerDataDto {
  const day = new Date(Date.UTC(1980, 0, 1) + Math.floor(Math.random() * 7000) * 86_400_000);
  return aWorker({
    givenNames: pick(GIVEN),
    surnames: { first: pick(SURNAMES), second: pick(SURNAMES) },
    dateOfBirth: day.toISOString().slice(0, 10),
    ...overrides,
  });
}

export interface Registered {
  readonly applicationId: string;
  readonly workerId: string;
}

/** The employer applies for `worker` (a NEW application): the worker is registered, or found by document. */
export async function applyFor(
  t: PermitsTestApp,
  employer: GivenEmployer,
  worker: WorkerDataDto,
  overrides: Parameters<typeof aNewApplication>[2] = {},
): Promise<Registered> {
  const { body } = await t.http
    .post('/applications')
    .set('Authorization', await t.callers.employer(employer.employerId))
    .send(aNewApplication(employer, worker, overrides))
    .expect(201);
  return { applicationId: body.id as string, workerId: body.workerId as string };
}

/** An officer of the employer's state approves the application: the permit is issued. */
export async function approve(
  t: PermitsTestApp,
  employer: GivenEmployer,
  applicationId: string,
): Promise<string> {
  const { body } = await t.http
    .post(`/applications/${applicationId}/approval`)
    .set('Authorization', await t.callers.officer(employer.state))
    .send({ reason: 'Documentación completa y verificada' })
    .expect(200);
  return body.permit.id as string;
}
