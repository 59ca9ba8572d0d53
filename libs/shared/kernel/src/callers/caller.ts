/**
 * Every role in Frontera, in one list. The first four are people (they sign in and their token
 * carries the role, docs/architecture.md, Users); `system` is Frontera itself, for consequences it
 * derives (an audit outcome suspending an employer, an expiry job ending a permit): no person
 * decided them, and the history says which event or job did.
 */
export const ROLES = ['employer', 'officer', 'inspector', 'supervisor', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an access token may carry. The public has no token and no role. */
export const PERSON_ROLES = ['employer', 'officer', 'inspector', 'supervisor'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPersonRole(value: unknown): value is PersonRole {
  return typeof value === 'string' && (PERSON_ROLES as readonly string[]).includes(value);
}

/**
 * Who asks, as use cases and policies see it: a role and its scope. Services build it from the
 * verified access token (platform-auth `callerOf`) or, for derived consequences, use
 * {@link SYSTEM_CALLER}; domain code records `{ id, role }` of it in histories.
 */
export interface Caller {
  /** Stable id of the person (recorded in histories): never a name or an e-mail. */
  readonly id: string;
  readonly role: Role;
  /** State codes an officer, inspector or supervisor works in; empty for employer staff and the system. */
  readonly states: readonly string[];
  /** INEGI municipality codes narrowing an inspector's area; absent means the whole states. */
  readonly municipalities?: readonly string[];
  /** The employer an employer-role user belongs to (assigned by the identity provider). */
  readonly employerId?: string;
  /** Inspectors only: their inspector record. */
  readonly inspectorId?: string;
}

/** What a history records of a caller: who, in which role. Any Caller is one. */
export type CallerIdentity = Pick<Caller, 'id' | 'role'>;

/** Frontera itself, for consequences it derives from events and jobs. */
export const SYSTEM_CALLER: Caller = Object.freeze({
  id: 'system',
  role: 'system',
  states: Object.freeze([]),
});
