import type { InspectorCandidate } from '../inspector/assignment.policy';
import type { InspectorAreaInput } from '../inspector/inspector-area.value-object';
import { Inspector } from '../inspector/inspector.aggregate';
import { aSupervisor } from './actors';
import { minutesAfter, T0 } from './clock';
import { nextId } from './ids';

/**
 * An Inspector registered by a supervisor and brought to the requested state, events pulled:
 * `anInspector().covering('CHP', ['Tapachula']).withCapacity(5).withConflict('emp-9').inactive()`.
 * Default: ACTIVE, the whole of Chiapas, capacity 10, no conflicts.
 */
export class InspectorBuilder {
  private inspectorId: string | null = null;
  private areas: InspectorAreaInput[] = [{ state: 'CHP' }];
  private capacity = 10;
  private readonly conflicts: string[] = [];
  private active = true;

  withId(inspectorId: string): this {
    this.inspectorId = inspectorId;
    return this;
  }

  /** Replaces the areas with one state, whole or limited to municipalities. */
  covering(state: string, municipalities?: string[]): this {
    this.areas = [{ state, municipalities: municipalities ?? null }];
    return this;
  }

  alsoCovering(state: string, municipalities?: string[]): this {
    this.areas = [...this.areas, { state, municipalities: municipalities ?? null }];
    return this;
  }

  withCapacity(capacity: number): this {
    this.capacity = capacity;
    return this;
  }

  withConflict(employerId: string): this {
    this.conflicts.push(employerId);
    return this;
  }

  inactive(): this {
    this.active = false;
    return this;
  }

  build(): Inspector {
    let minute = 0;
    const tick = () => minutesAfter(T0, minute++);
    const inspector = Inspector.register(
      { inspectorId: this.inspectorId ?? nextId('inspector'), areas: this.areas, capacity: this.capacity },
      aSupervisor(),
      tick(),
    );
    for (const employerId of this.conflicts) inspector.declareConflict(employerId, aSupervisor(), tick());
    if (!this.active) inspector.deactivate(aSupervisor(), 'On leave', tick());
    inspector.pullEvents();
    return inspector;
  }

  /** The inspector with its load, as the assignment policy takes it. */
  candidate(openTasks = 0): InspectorCandidate {
    return { ...this.build().assignmentFacts(), openTasks };
  }
}

export function anInspector(): InspectorBuilder {
  return new InspectorBuilder();
}
