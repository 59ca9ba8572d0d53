import { isRole, type CallerIdentity } from '@frontera/shared-kernel';
import { assertId } from './validation';

/**
 * Who did something, as histories record it: the caller's id and role (the kernel's
 * CallerIdentity; any Caller is one). Consequences the domain derives are recorded as SYSTEM_CALLER.
 */
export function recordedCaller(caller: CallerIdentity, field = 'actor.id'): CallerIdentity {
  const id = assertId(caller?.id, field);
  if (!isRole(caller.role)) {
    // A role outside the list is a programming error in the caller, not a user input error.
    throw new TypeError(`Unknown caller role: ${String(caller.role)}`);
  }
  return Object.freeze({ id, role: caller.role });
}
