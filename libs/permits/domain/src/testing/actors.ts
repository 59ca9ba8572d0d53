import { SYSTEM_CALLER, type CallerIdentity } from '@frontera/shared-kernel';

export function anOfficer(id = 'officer-1'): CallerIdentity {
  return { id, role: 'officer' };
}

export function anEmployerUser(id = 'employer-user-1'): CallerIdentity {
  return { id, role: 'employer' };
}

export function aSupervisor(id = 'supervisor-1'): CallerIdentity {
  return { id, role: 'supervisor' };
}

export function theSystem(): CallerIdentity {
  return { id: SYSTEM_CALLER.id, role: SYSTEM_CALLER.role };
}
