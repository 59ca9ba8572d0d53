import { Complaint } from '../complaint/complaint.aggregate';
import { AuditPlan } from '../plan/audit-plan.aggregate';
import { Referral } from '../referral/referral.aggregate';
import { AuditTask } from '../task/audit-task.aggregate';
import {
  aComplaint,
  anAssessment,
  anInspector,
  anInspectorUser,
  aPlanWorksite,
  aRoster,
  aSupervisor,
  day,
  T0,
  theSystem,
} from '../testing';
import {
  AUDITS_DOMAIN_EVENT_TYPES,
  AUDITS_EVENT_CONTRACTS,
  type AuditsDomainEvent,
} from './audits-domain-events';

/** The audit contracts libs/contracts has today (src/events/event-catalogue.ts). */
const IN_CATALOGUE_TODAY = [
  'frontera.audit.task.created',
  'frontera.audit.task.assigned',
  'frontera.audit.outcome.recorded',
  'frontera.audit.risk.changed',
  'frontera.audit.complaint.received',
  'frontera.audit.referral.created',
  'frontera.audit.referral.acknowledged',
  'frontera.audit.referral.closed',
];

describe('domain events → contracts', () => {
  it('maps every domain event exactly once', () => {
    expect(new Set(AUDITS_DOMAIN_EVENT_TYPES).size).toBe(AUDITS_DOMAIN_EVENT_TYPES.length);
    expect(Object.keys(AUDITS_EVENT_CONTRACTS).sort()).toEqual([...AUDITS_DOMAIN_EVENT_TYPES].sort());
  });

  it('names contracts of today’s catalogue as CATALOGUE and new ones as TO_ADD', () => {
    for (const mapping of Object.values(AUDITS_EVENT_CONTRACTS)) {
      if (mapping.kind === 'CATALOGUE') expect(IN_CATALOGUE_TODAY).toContain(mapping.contract);
      if (mapping.kind === 'TO_ADD') {
        expect(IN_CATALOGUE_TODAY).not.toContain(mapping.contract);
        expect(mapping.contract).toMatch(/^frontera\.audit\.[a-z]+\.[a-z]+$/);
      }
    }
  });

  it('never publishes an event that carries a planned date', () => {
    for (const type of ['AuditScheduled', 'AuditPlanRescheduled', 'AuditTaskRescheduled'] as const) {
      expect(AUDITS_EVENT_CONTRACTS[type].kind).toBe('INTERNAL');
    }
  });
});

describe('events carry ids and non-personal attributes only', () => {
  it('Given personal data in every input, Then no event of any aggregate contains it', () => {
    const personal = [
      'Juana Tzul',
      '+50255501234',
      'juana@example.org',
      'golpean a los cortadores',
      'Don Chepe',
      'Finca La Soledad',
      'Pasaporte retenido de Juana',
    ];
    const events: AuditsDomainEvent[] = [];
    const complaint = Complaint.file(
      {
        ...aComplaint()
          .aboutPlace('Finca La Soledad, km 40')
          .withIndicators(['PHYSICAL_AND_SEXUAL_VIOLENCE'])
          .fileCommand(),
        description: 'El encargado Don Chepe golpean a los cortadores.',
        contact: { name: 'Juana Tzul', phone: '+50255501234', email: 'juana@example.org' },
      },
      T0,
    );
    complaint.addInformation('Pasaporte retenido de Juana', day(1));
    const request = complaint.triage(
      { taskId: 'task-1', employerId: 'emp-1', worksiteId: 'ws-1' },
      aSupervisor(),
      day(1),
    );
    events.push(...complaint.pullEvents());
    const task = AuditTask.create({ ...request, municipality: 'Tapachula', roster: aRoster(2) }, day(1));
    task.assign({ inspectorId: 'inspector-1', mode: 'AUTOMATIC' }, theSystem(), day(1));
    task.start(anInspectorUser(), day(2));
    task.recordFinding(
      {
        findingId: 'f-1',
        code: 'PHYSICAL_AND_SEXUAL_VIOLENCE',
        permitIds: ['permit-0001'],
        notes: 'Juana Tzul: golpean a los cortadores',
      },
      anInspectorUser(),
      day(2),
    );
    task.complete({}, anInspectorUser(), day(2));
    events.push(...task.pullEvents());
    const referral = Referral.fromAudit(
      { referralId: 'ref-1', agency: 'FEDERAL_PROSECUTOR' },
      task,
      aSupervisor(),
      day(3),
    );
    referral.escalate(day(30));
    referral.close({ outcome: 'VICTIMS_ASSISTED', victimsAssisted: 1 }, aSupervisor(), day(31));
    events.push(...referral.pullEvents());
    const plan = AuditPlan.start(
      { employerId: 'emp-1', verifiedAt: T0, worksites: [aPlanWorksite()], assessment: anAssessment() },
      T0,
    );
    plan.applyRisk(anAssessment({ tier: 'HIGH', at: day(3) }), day(3));
    events.push(...plan.pullEvents());
    const inspector = anInspector().build();
    inspector.declareConflict('emp-1', aSupervisor(), day(1));
    events.push(...inspector.pullEvents());

    const text = JSON.stringify(events);
    for (const value of personal) expect(text).not.toContain(value);
    expect(text).not.toContain(complaint.receiptCode.compact);
    expect(text).not.toContain(complaint.receiptCode.value);
    for (const event of events) expect(AUDITS_DOMAIN_EVENT_TYPES).toContain(event.type);
  });
});
