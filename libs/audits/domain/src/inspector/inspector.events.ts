import type { MexicanState } from '@frontera/shared-kernel';

/* Domain events of the inspector aggregate: internal to the audits service (no contract). */

interface InspectorEventBase {
  readonly inspectorId: string;
  readonly occurredAt: string;
  readonly actorId: string;
}

export interface InspectorRegistered extends InspectorEventBase {
  readonly type: 'InspectorRegistered';
  readonly states: readonly MexicanState[];
  readonly capacity: number;
}

export interface InspectorAreasChanged extends InspectorEventBase {
  readonly type: 'InspectorAreasChanged';
  readonly states: readonly MexicanState[];
}

export interface InspectorCapacityChanged extends InspectorEventBase {
  readonly type: 'InspectorCapacityChanged';
  readonly capacity: number;
}

export interface InspectorConflictDeclared extends InspectorEventBase {
  readonly type: 'InspectorConflictDeclared';
  readonly employerId: string;
}

export interface InspectorConflictWithdrawn extends InspectorEventBase {
  readonly type: 'InspectorConflictWithdrawn';
  readonly employerId: string;
  readonly reason: string;
}

export interface InspectorDeactivated extends InspectorEventBase {
  readonly type: 'InspectorDeactivated';
  readonly reason: string;
}

export interface InspectorActivated extends InspectorEventBase {
  readonly type: 'InspectorActivated';
  readonly reason: string;
}

export type InspectorDomainEvent =
  | InspectorRegistered
  | InspectorAreasChanged
  | InspectorCapacityChanged
  | InspectorConflictDeclared
  | InspectorConflictWithdrawn
  | InspectorDeactivated
  | InspectorActivated;

export type InspectorDomainEventType = InspectorDomainEvent['type'];

export const INSPECTOR_DOMAIN_EVENT_TYPES = [
  'InspectorRegistered',
  'InspectorAreasChanged',
  'InspectorCapacityChanged',
  'InspectorConflictDeclared',
  'InspectorConflictWithdrawn',
  'InspectorDeactivated',
  'InspectorActivated',
] as const satisfies readonly InspectorDomainEventType[];
