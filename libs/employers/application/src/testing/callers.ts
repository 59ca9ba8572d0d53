import type { Caller } from '@frontera/shared-kernel';
import type { CommandMetadata } from '@frontera/shared-application';

/** Application callers for tests: `anOfficerActor('CHP')`, `anEmployerActor('emp-0001')`. */
export function anEmployerActor(employerId: string, id = 'employer-user-1'): Caller {
  return { id, role: 'employer', states: [], employerId };
}

export function anOfficerActor(...states: string[]): Caller {
  return { id: 'officer-1', role: 'officer', states: states.length > 0 ? states : ['CHP'] };
}

export function aSupervisorActor(...states: string[]): Caller {
  return { id: 'supervisor-1', role: 'supervisor', states: states.length > 0 ? states : ['CHP'] };
}

export function anInspectorActor(...states: string[]): Caller {
  return {
    id: 'inspector-1',
    role: 'inspector',
    states: states.length > 0 ? states : ['CHP'],
    inspectorId: 'insp-1',
  };
}

export function metadataFor(caller: Caller, correlationId = 'corr-test-0001'): CommandMetadata {
  return { caller, correlationId };
}
