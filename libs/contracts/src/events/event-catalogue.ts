import { Topics, type TopicKey } from '../topics/topic-catalogue';
import * as audits from './audits/audit-events';
import * as employers from './employers/employer-events';
import * as permits from './permits/permit-events';

type DataClass = new () => object;

export interface EventDefinition<C extends DataClass = DataClass> {
  readonly version: number;
  readonly topic: TopicKey;
  /** The service that produces it. */
  readonly source: `/frontera/${'employers' | 'permits' | 'audits'}`;
  readonly data: C;
  readonly description: string;
}

function define<C extends DataClass>(def: EventDefinition<C>): EventDefinition<C> {
  return def;
}

const EMPLOYERS = '/frontera/employers' as const;
const PERMITS = '/frontera/permits' as const;
const AUDITS = '/frontera/audits' as const;

/**
 * Every event Frontera publishes, with its contract version, topic, producer and
 * data class. Within a version only additive changes are allowed; a breaking
 * change is a new version (and a new data class) next to the old one.
 */
export const EventCatalogue = {
  // employers
  'frontera.employer.registered': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerRegisteredV1,
    description: 'An employer registered itself and awaits verification.',
  }),
  'frontera.employer.verified': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerVerifiedV1,
    description: 'An officer verified the employer; it is ACTIVE and rated A.',
  }),
  'frontera.employer.rejected': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerRejectedV1,
    description: 'An officer rejected the registration.',
  }),
  'frontera.employer.updated': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerUpdatedV1,
    description: 'The employer reported a change (address, legal representative, contact).',
  }),
  'frontera.employer.worksite.added': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerWorksiteAddedV1,
    description: 'A worksite was added.',
  }),
  'frontera.employer.worksite.updated': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerWorksiteUpdatedV1,
    description: 'A worksite was edited.',
  }),
  'frontera.employer.worksite.closed': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerWorksiteClosedV1,
    description: 'A worksite was closed.',
  }),
  'frontera.employer.suspended': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerSuspendedV1,
    description: 'The employer was suspended by an officer or for critical audit findings.',
  }),
  'frontera.employer.reinstated': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerReinstatedV1,
    description: 'A suspended employer was reinstated.',
  }),
  'frontera.employer.deregistered': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerDeregisteredV1,
    description: 'The employer was deregistered (final).',
  }),
  'frontera.employer.rating.changed': define({
    version: 1,
    topic: 'employer',
    source: EMPLOYERS,
    data: employers.EmployerRatingChangedV1,
    description: 'The compliance rating changed (A good standing, B action plan).',
  }),
  // permits
  'frontera.worker.registered': define({
    version: 1,
    topic: 'worker',
    source: PERMITS,
    data: permits.WorkerRegisteredV1,
    description: 'A worker record was created.',
  }),
  'frontera.worker.merged': define({
    version: 1,
    topic: 'worker',
    source: PERMITS,
    data: permits.WorkerMergedV1,
    description: 'An officer merged two records of one worker into the surviving one.',
  }),
  'frontera.worker.contact.shared': define({
    version: 1,
    topic: 'worker',
    source: PERMITS,
    data: permits.WorkerContactSharedV1,
    description: 'Several workers share one phone: a sign of control by a third person (ids only).',
  }),
  'frontera.roster.import.completed': define({
    version: 1,
    topic: 'permitApplication',
    source: PERMITS,
    data: permits.RosterImportCompletedV1,
    description: 'A harvest roster file was processed into applications.',
  }),
  'frontera.permit.application.submitted': define({
    version: 1,
    topic: 'permitApplication',
    source: PERMITS,
    data: permits.ApplicationSubmittedV1,
    description: 'An employer applied for a permit for a worker at a worksite.',
  }),
  'frontera.permit.application.approved': define({
    version: 1,
    topic: 'permitApplication',
    source: PERMITS,
    data: permits.ApplicationDecidedV1,
    description: 'An officer approved the application.',
  }),
  'frontera.permit.application.rejected': define({
    version: 1,
    topic: 'permitApplication',
    source: PERMITS,
    data: permits.ApplicationDecidedV1,
    description: 'An officer rejected the application.',
  }),
  'frontera.permit.application.withdrawn': define({
    version: 1,
    topic: 'permitApplication',
    source: PERMITS,
    data: permits.ApplicationDecidedV1,
    description: 'The employer withdrew the application.',
  }),
  'frontera.permit.issued': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitIssuedV1,
    description: 'A permit was issued.',
  }),
  'frontera.permit.suspended': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description: 'A permit was suspended.',
  }),
  'frontera.permit.reinstated': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description: 'A suspended permit is active again.',
  }),
  'frontera.permit.revoked': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description: 'A permit was revoked.',
  }),
  'frontera.permit.renewed': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitRenewedV1,
    description: 'A permit was renewed with a new offer.',
  }),
  'frontera.permit.expiring': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description: 'Notice: the permit expires soon (30 days by default).',
  }),
  'frontera.permit.transferred': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitTransferredV1,
    description: 'The worker moved to another employer; the old permit ended with cause TRANSFERRED.',
  }),
  'frontera.permit.expired': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description: 'A permit reached the end of its validity.',
  }),
  'frontera.permit.ended': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description: 'The employment ended before the permit expired.',
  }),
  'frontera.permit.transferable': define({
    version: 1,
    topic: 'permit',
    source: PERMITS,
    data: permits.PermitStatusChangedV1,
    description:
      'The employer was suspended for abuse; the permit stays valid and may move to another employer.',
  }),
  // audits
  'frontera.audit.task.created': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditTaskCreatedV1,
    description: 'An audit task was created (periodic, complaint, follow-up or random).',
  }),
  'frontera.audit.task.assigned': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditTaskAssignedV1,
    description: 'An audit task was assigned to an inspector.',
  }),
  'frontera.audit.task.unassigned': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditTaskUnassignedV1,
    description: 'An audit task went back to PENDING_ASSIGNMENT (its inspector was released).',
  }),
  'frontera.audit.task.started': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditTaskStartedV1,
    description: 'The inspector started the visit on site.',
  }),
  'frontera.audit.task.cancelled': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditTaskCancelledV1,
    description: 'An audit task was cancelled (supervisor, closed worksite, deregistered employer).',
  }),
  'frontera.audit.task.overdue': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditTaskOverdueV1,
    description: 'An open audit task passed its due date and was escalated to the supervisors.',
  }),
  'frontera.audit.outcome.recorded': define({
    version: 1,
    topic: 'auditTask',
    source: AUDITS,
    data: audits.AuditOutcomeRecordedV1,
    description: 'An audit was completed with its outcome and findings.',
  }),
  'frontera.audit.risk.changed': define({
    version: 1,
    topic: 'risk',
    source: AUDITS,
    data: audits.EmployerRiskChangedV1,
    description: "An employer's risk score was recomputed, with its factors.",
  }),
  'frontera.audit.retaliation.detected': define({
    version: 1,
    topic: 'risk',
    source: AUDITS,
    data: audits.RetaliationDetectedV1,
    description:
      'Permits ended right after a complaint or a visit: a retaliation pattern and a priority audit.',
  }),
  'frontera.audit.complaint.received': define({
    version: 1,
    topic: 'complaint',
    source: AUDITS,
    data: audits.ComplaintReceivedV1,
    description: 'A complaint was filed.',
  }),
  'frontera.audit.complaint.closed': define({
    version: 1,
    topic: 'complaint',
    source: AUDITS,
    data: audits.ComplaintClosedV1,
    description: 'A complaint was closed: dismissed, or audited.',
  }),
  'frontera.audit.referral.created': define({
    version: 1,
    topic: 'referral',
    source: AUDITS,
    data: audits.ReferralCreatedV1,
    description: 'Findings were referred to a prosecutor, victim services or the labour authority.',
  }),
  'frontera.audit.referral.acknowledged': define({
    version: 1,
    topic: 'referral',
    source: AUDITS,
    data: audits.ReferralUpdatedV1,
    description: 'The receiving agency acknowledged a referral.',
  }),
  'frontera.audit.referral.closed': define({
    version: 1,
    topic: 'referral',
    source: AUDITS,
    data: audits.ReferralUpdatedV1,
    description: 'A referral was closed with its outcome.',
  }),
  'frontera.audit.referral.overdue': define({
    version: 1,
    topic: 'referral',
    source: AUDITS,
    data: audits.ReferralOverdueV1,
    description: 'A referral was not acknowledged by its deadline and was escalated.',
  }),
} as const;

export type EventCatalogueType = typeof EventCatalogue;
export type EventType = keyof EventCatalogueType;
export type EventData<T extends EventType> = InstanceType<EventCatalogueType[T]['data']>;

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventCatalogue, type);
}

export function topicOf(type: EventType): string {
  return Topics[EventCatalogue[type].topic].name;
}
