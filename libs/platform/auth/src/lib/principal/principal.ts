import { isPersonRole, PERSON_ROLES, type PersonRole } from '@frontera/shared-kernel';

/** Who is calling, from a verified token; what they may touch follows from role and scope. */
export interface Principal {
  /** The token's `sub`. */
  readonly subject: string;
  readonly role: PersonRole;
  /** State codes the principal works in (e.g. CHP, CAM); empty for employers. */
  readonly states: readonly string[];
  /** INEGI municipality codes (5 digits) narrowing an inspector's area; absent means the whole states. */
  readonly municipalities?: readonly string[];
  /** Required for, and only for, employer staff. */
  readonly employerId?: string;
  /** Required for, and only for, inspectors. */
  readonly inspectorId?: string;
}

export type PrincipalResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly problems: readonly string[] };

const STATE = /^[A-Z]{2,3}$/;
const MUNICIPALITY = /^\d{5}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function stringList(
  claims: Readonly<Record<string, unknown>>,
  name: string,
  pattern: RegExp,
  problems: string[],
): string[] | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    !value.every((item): item is string => typeof item === 'string' && pattern.test(item))
  ) {
    problems.push(`${name} must be a list of codes matching ${pattern.source}`);
    return undefined;
  }
  if (new Set(value).size !== value.length) problems.push(`${name} has duplicates`);
  return value;
}

function identifier(
  claims: Readonly<Record<string, unknown>>,
  name: string,
  requiredFor: PersonRole,
  role: PersonRole | undefined,
  problems: string[],
): string | undefined {
  const value = claims[name];
  if (role === requiredFor && value === undefined)
    problems.push(`${name} is required for role ${requiredFor}`);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !ID.test(value))
    problems.push(`${name} must be an id matching ${ID.source}`);
  else if (role !== undefined && role !== requiredFor)
    problems.push(`${name} is only allowed for role ${requiredFor}`);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The principal a token's claims describe, or why they describe none. Claims
 * that do not fit the role (an employer without employerId, an officer without
 * states, an employerId on an officer) are refused, never guessed.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>): PrincipalResult {
  const problems: string[] = [];
  const subject = claims['sub'];
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 255) {
    problems.push('sub must be a non-empty string of at most 255 characters');
  }
  const role = isPersonRole(claims['role']) ? claims['role'] : undefined;
  if (!role) problems.push(`role must be one of ${PERSON_ROLES.join(', ')}`);

  const states = stringList(claims, 'states', STATE, problems) ?? [];
  if (role && role !== 'employer' && states.length === 0)
    problems.push(`states must not be empty for role ${role}`);

  const municipalities = stringList(claims, 'municipalities', MUNICIPALITY, problems);
  if (municipalities && role && role !== 'inspector')
    problems.push('municipalities is only allowed for role inspector');

  const employerId = identifier(claims, 'employerId', 'employer', role, problems);
  const inspectorId = identifier(claims, 'inspectorId', 'inspector', role, problems);

  if (problems.length > 0 || !role || typeof subject !== 'string') return { ok: false, problems };
  const principal: Principal = {
    subject,
    role,
    states: Object.freeze([...states]),
    ...(municipalities ? { municipalities: Object.freeze([...municipalities]) } : {}),
    ...(employerId ? { employerId } : {}),
    ...(inspectorId ? { inspectorId } : {}),
  };
  return { ok: true, principal: Object.freeze(principal) };
}

/** The claims that describe `principal` (inverse of {@link principalFromClaims}), for token issuers. */
export function claimsOf(principal: Principal): Record<string, unknown> {
  return {
    sub: principal.subject,
    role: principal.role,
    states: [...principal.states],
    ...(principal.municipalities ? { municipalities: [...principal.municipalities] } : {}),
    ...(principal.employerId ? { employerId: principal.employerId } : {}),
    ...(principal.inspectorId ? { inspectorId: principal.inspectorId } : {}),
  };
}
