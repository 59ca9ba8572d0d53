import { randomUUID } from 'node:crypto';
import { createEvent } from './event-factory';
import { EventCatalogue } from './event-catalogue';
import { ContractViolationError, validateEnvelope } from './event-validation';
import { Topics } from '../topics/topic-catalogue';

const registered = () =>
  createEvent({
    type: 'frontera.employer.registered',
    subject: 'emp-1',
    correlationId: randomUUID(),
    data: { employerId: 'emp-1', kind: 'COMPANY', sector: 'COFFEE', state: 'CHP', municipality: 'Tapachula' },
  });

describe('event contracts', () => {
  it('builds a CloudEvents 1.0 envelope that passes its own validation', () => {
    const event = registered();
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'frontera.employer.registered',
      source: '/frontera/employers',
      subject: 'emp-1',
      dataschema: 'urn:frontera:event:frontera.employer.registered:v1',
    });
    expect(validateEnvelope(JSON.parse(JSON.stringify(event)))).toEqual([]);
  });

  it('refuses on publish data that breaks the contract, naming the field', () => {
    expect(() =>
      createEvent({
        type: 'frontera.employer.registered',
        subject: 'emp-1',
        correlationId: 'c',
        data: {
          employerId: 'emp-1',
          kind: 'PARTNERSHIP',
          sector: 'COFFEE',
          state: 'CHP',
          municipality: 'X',
        } as never,
      }),
    ).toThrow(ContractViolationError);
  });

  it('treats unknown fields in data as a violation (no personal data can slip in)', () => {
    const event = { ...registered(), data: { ...registered().data, documentNumber: 'G123456' } };
    expect(validateEnvelope(event)).toEqual([
      { path: 'data.documentNumber', problem: 'property documentNumber should not exist' },
    ]);
  });

  it('refuses unknown types, other versions and missing attributes', () => {
    expect(validateEnvelope({ ...registered(), type: 'frontera.nope' })).toEqual([
      { path: 'type', problem: 'unknown event type "frontera.nope"' },
    ]);
    expect(
      validateEnvelope({ ...registered(), dataschema: 'urn:frontera:event:frontera.employer.registered:v9' }),
    ).toEqual([expect.objectContaining({ path: 'dataschema', problem: expect.stringMatching(/version 9/) })]);
    const { correlationid: _c, ...withoutCorrelation } = registered();
    expect(validateEnvelope(withoutCorrelation)).toEqual([
      { path: 'correlationid', problem: 'must be a non-empty string' },
    ]);
  });

  it('validates nested data (findings of an audit outcome)', () => {
    const violations = validateEnvelope(
      createEvent({
        type: 'frontera.audit.outcome.recorded',
        subject: 'task-1',
        correlationId: 'c',
        data: {
          taskId: 'task-1',
          employerId: 'emp-1',
          kind: 'PERIODIC',
          outcome: 'VIOLATIONS',
          findings: [
            {
              code: 'WAGE_BELOW_MINIMUM',
              severity: 'SERIOUS',
              workersAffected: 3,
              forcedLabourIndicator: false,
              permitIds: ['permit-1', 'permit-2'],
            },
          ],
          completedAt: new Date().toISOString(),
        },
      }),
    );
    expect(violations).toEqual([]);
    const broken = registered() as unknown as Record<string, unknown>;
    expect(
      validateEnvelope({
        ...broken,
        type: 'frontera.audit.outcome.recorded',
        dataschema: 'urn:frontera:event:frontera.audit.outcome.recorded:v1',
        data: {
          taskId: 't',
          employerId: 'e',
          kind: 'PERIODIC',
          outcome: 'VIOLATIONS',
          completedAt: new Date().toISOString(),
          findings: [{ code: 'X1', severity: 'HUGE', workersAffected: 1, forcedLabourIndicator: false }],
        },
      }).map((v) => v.path),
    ).toEqual(['data.findings.0.severity']);
    expect(
      validateEnvelope({
        ...broken,
        type: 'frontera.audit.outcome.recorded',
        dataschema: 'urn:frontera:event:frontera.audit.outcome.recorded:v1',
        data: {
          taskId: 't',
          employerId: 'e',
          kind: 'PERIODIC',
          outcome: 'VIOLATIONS',
          completedAt: new Date().toISOString(),
          findings: [
            {
              code: 'MINOR_EMPLOYED',
              severity: 'CRITICAL',
              workersAffected: 1,
              forcedLabourIndicator: false,
              permitIds: ['not an id'],
            },
          ],
        },
      }).map((v) => v.path),
    ).toEqual(['data.findings.0.permitIds']);
  });

  it('maps every event type to a declared topic and a producer', () => {
    for (const [type, def] of Object.entries(EventCatalogue)) {
      expect(Topics[def.topic]).toBeDefined();
      expect(type).toMatch(/^frontera\.[a-z.]+$/);
      expect(def.source).toMatch(/^\/frontera\/(employers|permits|audits)$/);
    }
  });

  it('accepts a referral from a complaint about a place: no task, no employer (optional since the audits service)', () => {
    const referral = createEvent({
      type: 'frontera.audit.referral.created',
      subject: 'ref-1',
      correlationId: 'c',
      data: {
        referralId: 'ref-1',
        agency: 'FEDERAL_PROSECUTOR',
        acknowledgementDue: new Date().toISOString(),
        complaintId: 'cmp-1',
        sourceType: 'COMPLAINT',
        state: 'CHP',
        indicators: ['DEBT_BONDAGE'],
      },
    });
    expect(validateEnvelope(JSON.parse(JSON.stringify(referral)))).toEqual([]);
    const closed = createEvent({
      type: 'frontera.audit.referral.closed',
      subject: 'ref-1',
      correlationId: 'c',
      data: {
        referralId: 'ref-1',
        agency: 'VICTIM_SERVICES',
        outcome: 'VICTIMS_ASSISTED',
        victimsAssisted: 3,
      },
    });
    expect(validateEnvelope(JSON.parse(JSON.stringify(closed)))).toEqual([]);
  });

  it('validates the audits events added for the audits service (started, cancelled, overdue, unassigned, complaint closed, referral overdue, retaliation)', () => {
    const at = new Date().toISOString();
    const events = [
      createEvent({
        type: 'frontera.audit.task.started',
        subject: 't-1',
        correlationId: 'c',
        data: {
          taskId: 't-1',
          employerId: 'e-1',
          worksiteId: 'w-1',
          kind: 'PERIODIC',
          inspectorId: 'i-1',
          startedAt: at,
        },
      }),
      createEvent({
        type: 'frontera.audit.task.cancelled',
        subject: 't-1',
        correlationId: 'c',
        data: {
          taskId: 't-1',
          employerId: 'e-1',
          worksiteId: 'w-1',
          kind: 'COMPLAINT',
          fromStatus: 'ASSIGNED',
          reason: 'EMPLOYER_DEREGISTERED',
          actorId: 'system',
        },
      }),
      createEvent({
        type: 'frontera.audit.task.overdue',
        subject: 't-1',
        correlationId: 'c',
        data: {
          taskId: 't-1',
          employerId: 'e-1',
          worksiteId: 'w-1',
          kind: 'PERIODIC',
          priority: 'HIGH',
          status: 'PENDING_ASSIGNMENT',
          state: 'CHP',
        },
      }),
      createEvent({
        type: 'frontera.audit.task.unassigned',
        subject: 't-1',
        correlationId: 'c',
        data: { taskId: 't-1', employerId: 'e-1', previousInspectorId: 'i-1', reason: 'Baja del inspector' },
      }),
      createEvent({
        type: 'frontera.audit.complaint.closed',
        subject: 'cmp-1',
        correlationId: 'c',
        data: { complaintId: 'cmp-1', resolution: 'DISMISSED', actorId: 'sup-1' },
      }),
      createEvent({
        type: 'frontera.audit.referral.overdue',
        subject: 'ref-1',
        correlationId: 'c',
        data: { referralId: 'ref-1', agency: 'STATE_PROSECUTOR', state: 'TAB', acknowledgementDueAt: at },
      }),
      createEvent({
        type: 'frontera.audit.retaliation.detected',
        subject: 'e-1',
        correlationId: 'c',
        data: {
          employerId: 'e-1',
          patternKey: 'COMPLAINT:cmp-1',
          triggerKind: 'COMPLAINT',
          triggerId: 'cmp-1',
          endedPermits: 3,
          state: 'CHP',
        },
      }),
    ];
    for (const event of events) expect(validateEnvelope(JSON.parse(JSON.stringify(event)))).toEqual([]);
    expect(events.map((e) => e.source)).toEqual(events.map(() => '/frontera/audits'));
  });
});
