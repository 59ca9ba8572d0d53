import { assertId } from './validation';

/** Who did something: recorded in the change history and, by id only, in events. */
export type ActorRole = 'employer' | 'officer' | 'inspector' | 'supervisor' | 'system';

export const ACTOR_ROLES: readonly ActorRole[] = ['employer', 'officer', 'inspector', 'supervisor', 'system'];

export interface Actor {
  readonly id: string;
  readonly role: ActorRole;
}

/**
 * The actor for consequences the domain derives itself (an audit outcome suspending the
 * employer, a rating change): no person decided them, the audit id says why.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: 'system' });

export function toActor(actor: Actor, field = 'actor.id'): Actor {
  const id = assertId(actor?.id, field);
  if (!ACTOR_ROLES.includes(actor.role)) {
    // A role outside the list is a programming error in the caller, not a user input error.
    throw new TypeError(`Unknown actor role: ${String(actor.role)}`);
  }
  return Object.freeze({ id, role: actor.role });
}
