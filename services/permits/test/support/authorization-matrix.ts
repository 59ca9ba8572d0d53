import type { Test } from 'supertest';
import type { MexicanState } from '@frontera/shared-kernel';
import { APPLICATIONS_COLLECTION, PERMITS_COLLECTION } from '../../src/persistence/permits.schemas';
import { aNewApplication, type GivenEmployer, type PermitsTestApp } from './permits-test-app';

/** Every kind of caller the matrices try, relative to the target's employer and state. */
export const CALLERS = [
  'its employer',
  'another employer',
  'officer of its state',
  'officer of another state',
  'supervisor of its state',
  'supervisor of another state',
  'inspector',
  'anonymous',
] as const;
export type MatrixCaller = (typeof CALLERS)[number];

export type Expected = Readonly<Record<MatrixCaller, number>>;

/** What a request of the matrix is about: an application of `employer` and, once approved, its permit. */
export interface Target {
  readonly employer: GivenEmployer;
  readonly applicationId: string;
  readonly permitId: string | null;
}

export interface Endpoint {
  /** `METHOD /path`, as the README lists it. */
  readonly route: string;
  /** A target in a state where the allowed callers' request succeeds (fresh for writes). */
  readonly target: (t: PermitsTestApp) => Promise<Target>;
  readonly request: (t: PermitsTestApp, target: Target) => Test;
  readonly expected: Expected;
  /** Extra check of a successful response (what a list shows, the new state). */
  readonly onSuccess?: (body: unknown, target: Target, caller: MatrixCaller) => void;
}

const OTHER_STATE: Partial<Record<MexicanState, MexicanState>> = { CHP: 'TAB', TAB: 'CHP' };

/** An employer that is not the target's (ids are never checked against a registry by the token). */
export const ANOTHER_EMPLOYER_ID = 'org-another-employer';

export async function authorizationFor(
  t: PermitsTestApp,
  caller: MatrixCaller,
  target: Target,
): Promise<string | undefined> {
  const state = target.employer.state;
  const other = OTHER_STATE[state] ?? 'YUC';
  switch (caller) {
    case 'its employer':
      return t.callers.employer(target.employer.employerId);
    case 'another employer':
      return t.callers.employer(ANOTHER_EMPLOYER_ID);
    case 'officer of its state':
      return t.callers.officer(state);
    case 'officer of another state':
      return t.callers.officer(other);
    case 'supervisor of its state':
      return t.callers.supervisor(state);
    case 'supervisor of another state':
      return t.callers.supervisor(other);
    case 'inspector':
      return t.callers.inspector(state);
    case 'anonymous':
      return undefined;
  }
}

/** The target's stored documents (application and permit), to prove a refusal changed nothing. */
async function storedState(t: PermitsTestApp, target: Target): Promise<unknown[]> {
  const application = await t.raw(APPLICATIONS_COLLECTION, target.applicationId);
  const permit = target.permitId ? await t.raw(PERMITS_COLLECTION, target.permitId) : null;
  return [application?.['version'], application?.['status'], permit?.['version'], permit?.['status']];
}

/**
 * One test per caller: the target, the request with the caller's token, the expected status; a
 * refused request is problem details with the code its status stands for, and leaves the target as
 * it was (every write bumps a version). Only the combinations marked 2xx succeed.
 */
export function authorizationMatrix(app: () => PermitsTestApp, endpoint: Endpoint): void {
  describe(endpoint.route, () => {
    it.each(CALLERS.map((caller) => [caller, endpoint.expected[caller]] as const))(
      '%s → %i',
      async (caller, status) => {
        const t = app();
        const target = await endpoint.target(t);
        const before = await storedState(t, target);
        const authorization = await authorizationFor(t, caller, target);
        let request = endpoint.request(t, target);
        if (authorization) request = request.set('Authorization', authorization);

        const response = await request;

        expect(response.status).toBe(status);
        if (status < 300) {
          endpoint.onSuccess?.(response.body, target, caller);
          return;
        }
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body.code).toMatch(
          {
            401: /^AUTH\.UNAUTHENTICATED$/,
            403: /^(AUTH\.FORBIDDEN|PERMIT\.ACCESS_DENIED)$/,
            404: /^(PERMIT|APPLICATION)\.NOT_FOUND$/,
          }[status] ?? /./,
        );
        expect(await storedState(t, target)).toEqual(before);
      },
    );
  });
}

/** Reading one application or permit: its employer, officers and supervisors of its state. */
export const READERS: Expected = {
  'its employer': 200,
  'another employer': 404,
  'officer of its state': 200,
  'officer of another state': 404,
  'supervisor of its state': 200,
  'supervisor of another state': 404,
  inspector: 403,
  anonymous: 401,
};

/** A list: every role that may list gets 200 (what it shows is the onSuccess check). */
export const LISTERS: Expected = {
  'its employer': 200,
  'another employer': 200,
  'officer of its state': 200,
  'officer of another state': 200,
  'supervisor of its state': 200,
  'supervisor of another state': 200,
  inspector: 403,
  anonymous: 401,
};

/** Whether the caller's list must show the target. */
export function listShowsTarget(caller: MatrixCaller): boolean {
  return ['its employer', 'officer of its state', 'supervisor of its state'].includes(caller);
}

/** An officer's decision in the target's state. */
export function officerOfItsStateOnly(ok: number): Expected {
  return {
    'its employer': 403,
    'another employer': 403,
    'officer of its state': ok,
    'officer of another state': 404,
    'supervisor of its state': 403,
    'supervisor of another state': 403,
    inspector: 403,
    anonymous: 401,
  };
}

/** An employer-staff action on its own application or permit. */
export function itsEmployerOnly(ok: number): Expected {
  return {
    'its employer': ok,
    'another employer': 404,
    'officer of its state': 403,
    'officer of another state': 403,
    'supervisor of its state': 403,
    'supervisor of another state': 403,
    inspector: 403,
    anonymous: 401,
  };
}

/** Given: a submitted application of the employer (a new worker). */
export async function aSubmittedApplication(t: PermitsTestApp, employer: GivenEmployer): Promise<Target> {
  const submitted = await t.http
    .post('/applications')
    .set('Authorization', await t.callers.employer(employer.employerId))
    .send(aNewApplication(employer))
    .expect(201);
  return { employer, applicationId: submitted.body.id as string, permitId: null };
}

/** Given: an approved application of the employer and its ACTIVE permit. */
export async function anActivePermitTarget(t: PermitsTestApp, employer: GivenEmployer): Promise<Target> {
  const submitted = await aSubmittedApplication(t, employer);
  const approval = await t.http
    .post(`/applications/${submitted.applicationId}/approval`)
    .set('Authorization', await t.callers.officer(employer.state))
    .send({ reason: 'Documentación completa' })
    .expect(200);
  return { ...submitted, permitId: approval.body.permit.id as string };
}
