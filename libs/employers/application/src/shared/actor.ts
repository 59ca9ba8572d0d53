import type { Actor as DomainActor } from '@frontera/employers-domain';

/** The roles of people who call the employers service (docs/architecture.md, Who uses it). */
export const ACTOR_ROLES = ['employer', 'officer', 'inspector', 'supervisor'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * Who asks, as the application sees it: a role and its scope. The service builds it from the
 * verified access token; handlers and the authorization policy decide with it, never with the
 * token itself.
 */
export interface Actor {
  /** Stable id of the person, recorded in the change history (never a name or an e-mail). */
  readonly id: string;
  readonly role: ActorRole;
  /** State codes an officer, inspector or supervisor works in; empty for employer staff. */
  readonly states: readonly string[];
  /** The employer an employer-role user belongs to (assigned by the identity provider). */
  readonly employerId?: string;
  /** Inspectors only. */
  readonly inspectorId?: string;
}

/** The `{ id, role }` the domain records in its history. */
export function domainActorOf(actor: Actor): DomainActor {
  return { id: actor.id, role: actor.role };
}
