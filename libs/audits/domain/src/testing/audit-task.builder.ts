import type { AuditKind, MexicanState, RiskTier } from '@frontera/shared-kernel';
import { auditProgram, type AuditProgram, type AuditProgramOptions } from '../config/audit-program.config';
import { AuditTask, type CreateAuditTask, type RecordFinding } from '../task/audit-task.aggregate';
import type { AuditTaskSnapshot } from '../task/audit-task.snapshot';
import type { AuditTaskStatus, RosterEntry, TaskOrigin } from '../task/audit-task.types';
import { anInspectorUser, aSupervisor } from './actors';
import { minutesAfter, T0 } from './clock';
import { nextId } from './ids';

/** `n` roster entries with permit-number-shaped numbers: TVTF-CHP-26-AAAA-AAAA-<n>. */
export function aRoster(n: number, prefix = 'permit'): RosterEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    permitId: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    permitNumber: `TVTF-CHP-26-K7Q9-M2X${'23456789ABCDEFGHJKLMNPQRSTUVWXYZ'[i % 32]}-${i % 10}`,
  }));
}

/**
 * An AuditTask created and brought to the requested status through its own methods, events pulled:
 * `anAuditTask().periodic().assigned('inspector-7').build()`, `anAuditTask().complaint(['DEBT_BONDAGE'])`,
 * `anAuditTask().inProgress().withFinding({ code: 'WAGE_BELOW_MINIMUM', permitIds: ['permit-0001'] })`,
 * `anAuditTask().inStatus('CANCELLED')`. Default: PERIODIC (MEDIUM tier) for emp-1 at ws-1 in
 * Tapachula, Chiapas, created at T0 due 2026-04-01, a roster of 3 permits, PENDING_ASSIGNMENT.
 */
export class AuditTaskBuilder {
  private command: CreateAuditTask = {
    taskId: '',
    employerId: 'emp-1',
    worksiteId: 'ws-1',
    state: 'CHP',
    municipality: 'Tapachula',
    kind: 'PERIODIC',
    origin: { type: 'PLAN', refId: null },
    tier: 'MEDIUM',
    dueOn: '2026-04-01',
    roster: aRoster(3),
  };
  private programOptions: AuditProgramOptions = {};
  private createdAt: Date = T0;
  private target: AuditTaskStatus = 'PENDING_ASSIGNMENT';
  private inspectorId = 'inspector-1';
  private readonly findings: Omit<RecordFinding, 'findingId'>[] = [];
  private deadline: string | null = null;

  withId(taskId: string): this {
    this.command = { ...this.command, taskId };
    return this;
  }

  forEmployer(employerId: string): this {
    this.command = { ...this.command, employerId };
    return this;
  }

  atWorksite(worksiteId: string, state: MexicanState = 'CHP', municipality = 'Tapachula'): this {
    this.command = { ...this.command, worksiteId, state, municipality };
    return this;
  }

  withRoster(roster: RosterEntry[] | number): this {
    this.command = { ...this.command, roster: typeof roster === 'number' ? aRoster(roster) : roster };
    return this;
  }

  createdOn(instant: Date): this {
    this.createdAt = instant;
    return this;
  }

  withProgram(options: AuditProgramOptions): this {
    this.programOptions = { ...this.programOptions, ...options };
    return this;
  }

  periodic(tier: RiskTier = 'MEDIUM', dueOn = '2026-04-01'): this {
    return this.ofKind('PERIODIC', { type: 'PLAN', refId: null }, { tier, dueOn, indicators: [] });
  }

  complaint(indicators: string[] = [], complaintId = 'complaint-1'): this {
    return this.ofKind('COMPLAINT', { type: 'COMPLAINT', refId: complaintId }, { indicators, dueOn: null });
  }

  followUp(sourceTaskId = 'task-source', dueOn = '2026-04-01'): this {
    return this.ofKind('FOLLOW_UP', { type: 'FOLLOW_UP', refId: sourceTaskId }, { dueOn, indicators: [] });
  }

  random(dueOn = '2026-04-01'): this {
    return this.ofKind('RANDOM', { type: 'RANDOM_SAMPLE', refId: null }, { dueOn, indicators: [] });
  }

  retaliation(triggerId = 'complaint-1'): this {
    return this.ofKind(
      'PERIODIC',
      { type: 'RETALIATION', refId: triggerId },
      { dueOn: null, indicators: [] },
    );
  }

  private ofKind(kind: AuditKind, origin: TaskOrigin, rest: Partial<CreateAuditTask>): this {
    this.command = { ...this.command, kind, origin, ...rest };
    return this;
  }

  inStatus(status: AuditTaskStatus): this {
    this.target = status;
    return this;
  }

  assigned(inspectorId = 'inspector-1'): this {
    this.inspectorId = inspectorId;
    return this.inStatus('ASSIGNED');
  }

  inProgress(inspectorId = 'inspector-1'): this {
    this.inspectorId = inspectorId;
    return this.inStatus('IN_PROGRESS');
  }

  /** Recorded while IN_PROGRESS (the builder goes through IN_PROGRESS for COMPLETED too). */
  withFinding(finding: Omit<RecordFinding, 'findingId'>): this {
    this.findings.push(finding);
    return this;
  }

  completed(correctiveActionDeadline: string | null = null): this {
    this.deadline = correctiveActionDeadline;
    return this.inStatus('COMPLETED');
  }

  cancelled(): this {
    return this.inStatus('CANCELLED');
  }

  program(): AuditProgram {
    return auditProgram(this.programOptions);
  }

  build(): AuditTask {
    let minute = 0;
    const tick = () => minutesAfter(this.createdAt, minute++);
    const task = AuditTask.create(
      { ...this.command, taskId: this.command.taskId || nextId('task') },
      tick(),
      this.program(),
    );
    const inspector = anInspectorUser(`${this.inspectorId}-user`);
    if (this.target !== 'PENDING_ASSIGNMENT' && this.target !== 'CANCELLED') {
      task.assign({ inspectorId: this.inspectorId, mode: 'AUTOMATIC' }, aSupervisor(), tick());
    }
    if (this.target === 'IN_PROGRESS' || this.target === 'COMPLETED') {
      task.start(inspector, tick());
      for (const finding of this.findings)
        task.recordFinding({ ...finding, findingId: nextId('finding') }, inspector, tick());
    }
    if (this.target === 'COMPLETED')
      task.complete({ correctiveActionDeadline: this.deadline }, inspector, tick());
    if (this.target === 'CANCELLED') task.cancel(aSupervisor(), 'Duplicate of another audit', tick());
    task.pullEvents();
    return task;
  }

  buildSnapshot(): AuditTaskSnapshot {
    return this.build().toSnapshot();
  }
}

export function anAuditTask(): AuditTaskBuilder {
  return new AuditTaskBuilder();
}
