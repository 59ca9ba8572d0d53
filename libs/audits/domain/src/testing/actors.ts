import { SYSTEM_CALLER, type CallerIdentity } from '@frontera/shared-kernel';

export function anInspectorUser(id = 'inspector-user-1'): CallerIdentity {
  return { id, role: 'inspector' };
}

export function aSupervisor(id = 'supervisor-1'): CallerIdentity {
  return { id, role: 'supervisor' };
}

export function anOfficer(id = 'officer-1'): CallerIdentity {
  return { id, role: 'officer' };
}

export function theSystem(): CallerIdentity {
  return { id: SYSTEM_CALLER.id, role: SYSTEM_CALLER.role };
}
