import type { Actor } from '../shared/actor';

export function anOfficer(id = 'officer-1'): Actor {
  return { id, role: 'officer' };
}

export function anEmployerUser(id = 'employer-user-1'): Actor {
  return { id, role: 'employer' };
}

export function aSupervisor(id = 'supervisor-1'): Actor {
  return { id, role: 'supervisor' };
}
