import type { AuditKind, MexicanState, RiskTier } from '@frontera/shared-kernel';
import type { RiskFactorCode } from '../risk/risk-model';
import type { TaskOriginType } from '../task/audit-task.types';

/*
 * Domain events of the audit plan (keyed by employer id). Only EmployerRiskChanged leaves the audits
 * service (frontera.audit.risk.changed, which the employers context keeps for officers): it carries no
 * date but `computedAt`. The others are internal and some carry planned dates (`dueOn`, `createOn`):
 * they must never be published where an employer can read them.
 */

interface PlanEventBase {
  readonly employerId: string;
  readonly occurredAt: string;
}

export interface AuditPlanStarted extends PlanEventBase {
  readonly type: 'AuditPlanStarted';
  readonly tier: RiskTier;
  readonly worksites: number;
}

/** Internal: an audit the plan will turn into a task on `createOn`. */
export interface AuditScheduled extends PlanEventBase {
  readonly type: 'AuditScheduled';
  readonly key: string;
  readonly kind: AuditKind;
  readonly originType: TaskOriginType;
  readonly worksiteId: string;
  readonly createOn: string;
  readonly dueOn: string;
}

/** Internal: a tier change replaced the schedule (the same audits, new days; never a second schedule). */
export interface AuditPlanRescheduled extends PlanEventBase {
  readonly type: 'AuditPlanRescheduled';
  readonly tier: RiskTier;
  readonly previousTier: RiskTier;
  readonly cadenceDays: number;
}

/** The risk score changed tier (or moved by ≥ 5 points): published as frontera.audit.risk.changed. */
export interface EmployerRiskChanged extends PlanEventBase {
  readonly type: 'EmployerRiskChanged';
  readonly score: number;
  readonly tier: RiskTier;
  readonly previousTier: RiskTier | null;
  readonly factors: readonly {
    readonly code: RiskFactorCode;
    readonly weight: number;
    readonly points: number;
    /** Spanish (the contract's `explanation`, ≤ LIMITS.EXPLANATION). */
    readonly explanation: string;
  }[];
  readonly computedAt: string;
}

/** Internal: the employer was deregistered. */
export interface AuditPlanCancelled extends PlanEventBase {
  readonly type: 'AuditPlanCancelled';
  readonly reason: string;
}

/** Internal: this cycle's random draw (whether it selected the employer). */
export interface RandomAuditDrawn extends PlanEventBase {
  readonly type: 'RandomAuditDrawn';
  readonly cycle: string;
  readonly tier: RiskTier;
  readonly selected: boolean;
}

/** A retaliation pattern raised a priority audit (proposal: publish for reports). */
export interface RetaliationDetected extends PlanEventBase {
  readonly type: 'RetaliationDetected';
  readonly patternKey: string;
  readonly triggerKind: 'COMPLAINT' | 'AUDIT_VISIT';
  readonly triggerId: string;
  readonly endedPermits: number;
  readonly state: MexicanState | null;
}

export type AuditPlanDomainEvent =
  | AuditPlanStarted
  | AuditScheduled
  | AuditPlanRescheduled
  | EmployerRiskChanged
  | AuditPlanCancelled
  | RandomAuditDrawn
  | RetaliationDetected;

export type AuditPlanDomainEventType = AuditPlanDomainEvent['type'];

export const AUDIT_PLAN_DOMAIN_EVENT_TYPES = [
  'AuditPlanStarted',
  'AuditScheduled',
  'AuditPlanRescheduled',
  'EmployerRiskChanged',
  'AuditPlanCancelled',
  'RandomAuditDrawn',
  'RetaliationDetected',
] as const satisfies readonly AuditPlanDomainEventType[];
