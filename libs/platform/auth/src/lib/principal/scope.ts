import { AuthErrors } from '@frontera/platform-errors';
import type { Principal, Role } from './principal';

/*
 * Scope rules as pure functions for application code ("may this principal act
 * on that record?"). The guard only checks the role of a route; whether the
 * record is in the principal's states, employer or assigned tasks is decided
 * here, with the record in hand.
 */

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return roles.includes(principal.role);
}

/** Officers, inspectors and supervisors act within their states; employers act through their employer only. */
export function canActOnState(principal: Principal, state: string): boolean {
  return principal.role !== 'employer' && principal.states.includes(state);
}

/** As {@link canActOnState}, narrowed to an inspector's municipalities when the token lists them. */
export function canActOnMunicipality(principal: Principal, state: string, municipality: string): boolean {
  if (!canActOnState(principal, state)) return false;
  return (
    principal.role !== 'inspector' ||
    !principal.municipalities ||
    principal.municipalities.includes(municipality)
  );
}

/**
 * Employer staff act on their own employer; officers and supervisors on
 * employers in their states. Inspectors act on an employer only through an
 * audit task assigned to them: check {@link isAssignedInspector} on the task.
 */
export function canActOnEmployer(
  principal: Principal,
  employer: { employerId: string; state: string },
): boolean {
  switch (principal.role) {
    case 'employer':
      return principal.employerId === employer.employerId;
    case 'officer':
    case 'supervisor':
      return principal.states.includes(employer.state);
    case 'inspector':
      return false;
  }
}

/** The principal is the inspector a task is assigned to. */
export function isAssignedInspector(principal: Principal, assignedInspectorId: string | undefined): boolean {
  return (
    principal.role === 'inspector' &&
    assignedInspectorId !== undefined &&
    principal.inspectorId === assignedInspectorId
  );
}

/** Throws 403 AUTH.OUT_OF_SCOPE unless `allowed`: `assertInScope(canActOnEmployer(principal, employer))`. */
export function assertInScope(allowed: boolean): asserts allowed {
  if (!allowed) throw AuthErrors.OUT_OF_SCOPE.create();
}
