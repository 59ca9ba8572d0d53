import { AuditErrors, type AuditPlan, type RiskAssessment } from '@frontera/audits-domain';
import type { Caller } from '@frontera/shared-kernel';
import {
  mayAttempt,
  mayOperateOnEmployer,
  type AuditsOperation,
} from '../../authorization/audits-access.policy';
import { AuditsCommandErrors } from '../../shared/audits-command.runners';
import type { AuditsDeps } from '../../shared/audits-deps';

/** The employer's plan, for a caller who may do `operation` on it (its worksites' states); else AUDIT_PLAN.NOT_FOUND. */
async function planFor(
  deps: AuditsDeps,
  employerId: string,
  caller: Caller,
  operation: AuditsOperation,
): Promise<AuditPlan> {
  const role = mayAttempt(caller, operation);
  if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
  const plan = await deps.plans.findById(employerId);
  const states = plan?.worksites.map((w) => w.state) ?? [];
  if (!plan || !mayOperateOnEmployer(caller, operation, { employerId, states }).allowed) {
    throw AuditErrors.PLAN_NOT_FOUND.create({ employerId });
  }
  return plan;
}

/**
 * The employer's latest risk assessment, explained: score, tier (and the floor that raised it), every
 * factor with its weight, intensity, points, evidence and explanation. Supervisors and officers of one
 * of its worksites' states (never employer staff: the score says how likely a visit is).
 */
export class GetEmployerRiskHandler {
  constructor(private readonly deps: AuditsDeps) {}

  async execute(employerId: string, caller: Caller): Promise<RiskAssessment> {
    return (await planFor(this.deps, employerId, caller, 'VIEW_RISK')).assessment;
  }
}

/** The employer's audit plan with its schedule (planned dates: supervisors of its states only). */
export class GetAuditPlanHandler {
  constructor(private readonly deps: AuditsDeps) {}

  execute(employerId: string, caller: Caller): Promise<AuditPlan> {
    return planFor(this.deps, employerId, caller, 'VIEW_PLAN');
  }
}
