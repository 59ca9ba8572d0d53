import { randomBytes, randomUUID } from 'node:crypto';
import { createEvent, type EventData, type EventEnvelope } from '@frontera/contracts';

type Registered = EventEnvelope<'frontera.employer.registered', EventData<'frontera.employer.registered'>>;
type Updated = EventEnvelope<'frontera.employer.updated', EventData<'frontera.employer.updated'>>;

/** Builds valid employer events (createEvent validates them); each builder has its own employer. */
export class EmployerEventBuilder {
  private employerId = `emp-${randomBytes(4).toString('hex')}`;
  private correlationId: string = randomUUID();
  private sequence?: number;

  forEmployer(employerId: string): this {
    this.employerId = employerId;
    return this;
  }

  withCorrelationId(correlationId: string): this {
    this.correlationId = correlationId;
    return this;
  }

  withSequence(sequence: number): this {
    this.sequence = sequence;
    return this;
  }

  get id(): string {
    return this.employerId;
  }

  registered(): Registered {
    return createEvent({
      type: 'frontera.employer.registered',
      subject: this.employerId,
      correlationId: this.correlationId,
      sequence: this.sequence,
      data: {
        employerId: this.employerId,
        kind: 'COMPANY',
        sector: 'COFFEE',
        state: 'CHP',
        municipality: 'Tapachula',
      },
    });
  }

  updated(changedFields: string[] = ['address']): Updated {
    return createEvent({
      type: 'frontera.employer.updated',
      subject: this.employerId,
      correlationId: this.correlationId,
      sequence: this.sequence,
      data: { employerId: this.employerId, changedFields, state: 'CHP', municipality: 'Tapachula' },
    });
  }
}

export function anEmployerEvent(): EmployerEventBuilder {
  return new EmployerEventBuilder();
}

/**
 * A "registered" envelope that breaks its contract (unknown state, an extra
 * field), as a raw object: what a buggy producer might write.
 */
export function aContractBreakingEnvelope(
  employerId = `emp-${randomBytes(4).toString('hex')}`,
): EventEnvelope {
  const valid = anEmployerEvent().forEmployer(employerId).registered();
  return { ...valid, id: randomUUID(), data: { ...valid.data, state: 'XX', workerName: 'not allowed' } };
}
