import type { CallerIdentity } from '@frontera/shared-kernel';

export function anOfficer(id = 'officer-1'): CallerIdentity {
  return { id, role: 'officer' };
}

export function anEmployerUser(id = 'employer-user-1'): CallerIdentity {
  return { id, role: 'employer' };
}

export function aSupervisor(id = 'supervisor-1'): CallerIdentity {
  return { id, role: 'supervisor' };
}
