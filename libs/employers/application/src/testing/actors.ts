import type { Actor } from '../shared/actor';
import type { CommandMetadata } from '../shared/command-metadata';

/** Application actors for tests: `anOfficerActor('CHP')`, `anEmployerActor('emp-0001')`. */
export function anEmployerActor(employerId: string, id = 'employer-user-1'): Actor {
  return { id, role: 'employer', states: [], employerId };
}

export function anOfficerActor(...states: string[]): Actor {
  return { id: 'officer-1', role: 'officer', states: states.length > 0 ? states : ['CHP'] };
}

export function aSupervisorActor(...states: string[]): Actor {
  return { id: 'supervisor-1', role: 'supervisor', states: states.length > 0 ? states : ['CHP'] };
}

export function anInspectorActor(...states: string[]): Actor {
  return {
    id: 'inspector-1',
    role: 'inspector',
    states: states.length > 0 ? states : ['CHP'],
    inspectorId: 'insp-1',
  };
}

export function metadataFor(actor: Actor, correlationId = 'corr-test-0001'): CommandMetadata {
  return { actor, correlationId };
}
