import { createHash } from 'node:crypto';
import { ID_PATTERN, type Caller } from '@frontera/shared-kernel';
import type { Principal } from './principal';

/**
 * The id recorded in histories for a token subject. OIDC subjects may hold characters the
 * contracts' id pattern refuses (`auth0|5f…`, e-mail-like subjects): those are recorded as a
 * stable digest (`sub_<43 chars>`), the same for every request of the person, never the raw
 * subject (docs/decisions).
 */
export function callerIdOf(subject: string): string {
  return ID_PATTERN.test(subject)
    ? subject
    : `sub_${createHash('sha256').update(subject, 'utf8').digest('base64url')}`;
}

/** The Caller use cases and policies decide with, for a verified principal. */
export function callerOf(principal: Principal): Caller {
  return {
    id: callerIdOf(principal.subject),
    role: principal.role,
    states: [...principal.states],
    ...(principal.municipalities !== undefined ? { municipalities: [...principal.municipalities] } : {}),
    ...(principal.employerId !== undefined ? { employerId: principal.employerId } : {}),
    ...(principal.inspectorId !== undefined ? { inspectorId: principal.inspectorId } : {}),
  };
}
