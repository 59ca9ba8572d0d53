import type { Test } from 'supertest';
import type { EmployerResponse } from '../../src/http/dto/employer.response';
import { anOrganisationId, type EmployersTestApp } from './employers-test-app';

/** Every kind of caller the matrix tries, relative to the target employer. */
export const CALLERS = [
  'employer of this tenant',
  'employer of another tenant',
  'officer in state',
  'officer out of state',
  'inspector',
  'supervisor',
  'anonymous',
] as const;
export type Caller = (typeof CALLERS)[number];

export type Expected = Readonly<Record<Caller, number>>;

export interface Target {
  readonly employer: EmployerResponse;
  /** Extra ids the request needs (a worksite). */
  readonly worksiteId?: string;
}

export interface Endpoint {
  /** `METHOD /path`, as the README lists it. */
  readonly route: string;
  /** A fresh target in a state where the allowed callers' request succeeds. */
  readonly target: (t: EmployersTestApp) => Promise<Target>;
  readonly request: (t: EmployersTestApp, target: Target) => Test;
  readonly expected: Expected;
  /** Extra check of a successful response (e.g. what a list contains). */
  readonly onSuccess?: (body: unknown, target: Target, caller: Caller) => void;
}

const OTHER_STATE: Readonly<Record<string, string>> = { CHP: 'TAB', TAB: 'CHP' };

export async function authorizationFor(
  t: EmployersTestApp,
  caller: Caller,
  target: Target,
): Promise<string | undefined> {
  const state = target.employer.address.state;
  switch (caller) {
    case 'employer of this tenant':
      return t.callers.employer(target.employer.id);
    case 'employer of another tenant':
      return t.callers.employer(anOrganisationId());
    case 'officer in state':
      return t.callers.officer(state);
    case 'officer out of state':
      return t.callers.officer(OTHER_STATE[state] ?? 'YUC');
    case 'inspector':
      return t.callers.inspector(state);
    case 'supervisor':
      return t.callers.supervisor(state);
    case 'anonymous':
      return undefined;
  }
}

/**
 * One test per caller: a fresh target, the request with the caller's token, the expected status;
 * a refused request must be problem details and leave the target as it was (its version: every
 * write, events included, bumps it). Only the combinations marked 2xx may succeed.
 */
export function authorizationMatrix(app: () => EmployersTestApp, endpoint: Endpoint): void {
  describe(endpoint.route, () => {
    it.each(CALLERS.map((caller) => [caller, endpoint.expected[caller]] as const))(
      '%s → %i',
      async (caller, status) => {
        const t = app();
        const target = await endpoint.target(t);
        const before = await t.rawEmployer(target.employer.id);
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
            403: /^(AUTH\.FORBIDDEN|EMPLOYER\.ACCESS_DENIED)$/,
            404: /^EMPLOYER\.NOT_FOUND$/,
          }[status] ?? /./,
        );
        const after = await t.rawEmployer(target.employer.id);
        expect(after?.['version']).toBe(before?.['version']);
      },
    );
  });
}

/** The usual expectations of an employer-staff write on its own employer (`ok` = its success status). */
export function employerStaffOnly(ok: number): Expected {
  return {
    'employer of this tenant': ok,
    'employer of another tenant': 404,
    'officer in state': 403,
    'officer out of state': 403,
    inspector: 403,
    supervisor: 403,
    anonymous: 401,
  };
}

/** An officer's decision on an employer of their states. */
export const OFFICER_IN_STATE_ONLY: Expected = {
  'employer of this tenant': 403,
  'employer of another tenant': 403,
  'officer in state': 200,
  'officer out of state': 404,
  inspector: 403,
  supervisor: 403,
  anonymous: 401,
};

/** Reading one employer's record. */
export const READERS: Expected = {
  'employer of this tenant': 200,
  'employer of another tenant': 404,
  'officer in state': 200,
  'officer out of state': 404,
  inspector: 403,
  supervisor: 200,
  anonymous: 401,
};
