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
  });

  it('maps every event type to a declared topic and a producer', () => {
    for (const [type, def] of Object.entries(EventCatalogue)) {
      expect(Topics[def.topic]).toBeDefined();
      expect(type).toMatch(/^frontera\.[a-z.]+$/);
      expect(def.source).toMatch(/^\/frontera\/(employers|permits|audits)$/);
    }
  });
});
