/**
 * Test data builders for the audits domain — a separate entry point (`@frontera/audits-domain/testing`),
 * never exported from the library's main index, so production code never imports them
 * (docs/decisions/0022). Builders use only the domain's public behaviour and no test framework.
 */
export { anInspectorUser, anOfficer, aSupervisor, theSystem } from './actors';
export { at, day, daysAfter, daysAgo, hoursAfter, minutesAfter, T0 } from './clock';
export { nextId, nextNumber } from './ids';
export { aSecretHash, seededRandom } from './random';
export { aRiskProfile, RiskProfileBuilder } from './risk-profile.builder';
export { anAuditTask, aRoster, AuditTaskBuilder } from './audit-task.builder';
export { anInspector, InspectorBuilder } from './inspector.builder';
export { aComplaint, aReceiptCode, ComplaintBuilder } from './complaint.builder';
export { aReferral, ReferralBuilder } from './referral.builder';
export { anAssessment, anAuditPlan, aPlanWorksite, AuditPlanBuilder } from './audit-plan.builder';
