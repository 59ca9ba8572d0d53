import type { Caller, Role } from './caller';

/**
 * Why a caller was refused:
 * - ROLE_NOT_ALLOWED: the role never may do this (→ 403 `<CONTEXT>.ACCESS_DENIED`, decided before
 *   anything is read);
 * - any other reason: the role may, but not on this record — another employer, a state or
 *   municipality outside the caller's, a task assigned to someone else (→ the context's 404
 *   NOT_FOUND, exactly like a record that does not exist, so nobody learns what exists outside
 *   their scope: docs/decisions/0002).
 */
export type DenialReason =
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_OWN_EMPLOYER'
  | 'STATE_OUT_OF_SCOPE'
  | 'MUNICIPALITY_OUT_OF_SCOPE'
  | 'NOT_ASSIGNED';

export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: DenialReason };

export const ALLOW: AccessDecision = Object.freeze({ allowed: true });

export function deny(reason: DenialReason): AccessDecision {
  return Object.freeze({ allowed: false, reason });
}

/** The first refusal among several checks, or ALLOW. */
export function allOf(...decisions: readonly AccessDecision[]): AccessDecision {
  return decisions.find((decision) => !decision.allowed) ?? ALLOW;
}

/** Whether a refusal is about scope (answered as "not found") rather than role (answered 403). */
export function isScopeDenial(decision: AccessDecision): boolean {
  return !decision.allowed && decision.reason !== 'ROLE_NOT_ALLOWED';
}

/** The caller's role is one of `roles`. */
export function roleIsOneOf(caller: Caller, roles: readonly Role[]): AccessDecision {
  return roles.includes(caller.role) ? ALLOW : deny('ROLE_NOT_ALLOWED');
}

/** Officers, inspectors and supervisors act within their states; employer staff never by state. */
export function worksInState(caller: Caller, state: string): AccessDecision {
  return caller.role !== 'employer' && caller.role !== 'system' && caller.states.includes(state)
    ? ALLOW
    : deny('STATE_OUT_OF_SCOPE');
}

/** As {@link worksInState}, narrowed to an inspector's municipalities when the token lists them. */
export function worksInMunicipality(caller: Caller, state: string, municipality: string): AccessDecision {
  const inState = worksInState(caller, state);
  if (!inState.allowed) return inState;
  return caller.role !== 'inspector' ||
    caller.municipalities === undefined ||
    caller.municipalities.includes(municipality)
    ? ALLOW
    : deny('MUNICIPALITY_OUT_OF_SCOPE');
}

/** Employer staff act on their own employer only. */
export function belongsToEmployer(caller: Caller, employerId: string): AccessDecision {
  return caller.role === 'employer' && caller.employerId !== undefined && caller.employerId === employerId
    ? ALLOW
    : deny('NOT_OWN_EMPLOYER');
}

/** The caller is the inspector a task is assigned to. */
export function isAssignedInspector(
  caller: Caller,
  assignedInspectorId: string | null | undefined,
): AccessDecision {
  return caller.role === 'inspector' &&
    assignedInspectorId !== undefined &&
    assignedInspectorId !== null &&
    caller.inspectorId === assignedInspectorId
    ? ALLOW
    : deny('NOT_ASSIGNED');
}
