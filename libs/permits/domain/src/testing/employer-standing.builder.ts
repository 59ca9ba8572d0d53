import type { ComplianceRating, EmployerStatus, MexicanState } from '@frontera/shared-kernel';
import {
  applyEmployerFact,
  type EmployerFact,
  type EmployerStanding,
  type EmployerSuspensionCause,
  type WorksiteFact,
} from '../employer-standing/employer-standing.read-model';
import { minutesAfter, T0 } from './clock';
import { nextId } from './ids';

/** A worksite as the employer events carry it: coffee in Tapachula, Chiapas, capacity 50. */
export class StandingWorksiteBuilder {
  private props: { -readonly [K in keyof WorksiteFact]: WorksiteFact[K] } = {
    worksiteId: '',
    state: 'CHP',
    municipality: 'Tapachula',
    capacity: 50,
    eligibleForPermits: true,
  };
  private id: string | null = null;
  closedAfterwards = false;

  withId(worksiteId: string): this {
    this.id = worksiteId;
    return this;
  }

  inState(state: MexicanState, municipality = this.props.municipality): this {
    this.props.state = state;
    this.props.municipality = municipality;
    this.props.eligibleForPermits = ['CHP', 'CAM', 'TAB', 'ROO'].includes(state);
    return this;
  }

  withCapacity(capacity: number): this {
    this.props.capacity = capacity;
    return this;
  }

  closed(): this {
    this.closedAfterwards = true;
    return this;
  }

  build(): WorksiteFact {
    if (this.id === null) this.id = nextId('ws');
    return { ...this.props, worksiteId: this.id };
  }
}

export const aStandingWorksite = (): StandingWorksiteBuilder => new StandingWorksiteBuilder();

/**
 * An employer's standing in the permits read model, reached by applying the employer facts the
 * service would consume, in order: `anEmployerStanding().active().withWorksite(aStandingWorksite())`.
 * Default: ACTIVE, rated A, one open worksite in Chiapas.
 */
export class EmployerStandingBuilder {
  private employerId: string | null = null;
  private target: EmployerStatus = 'ACTIVE';
  private cause: EmployerSuspensionCause = 'OFFICER_DECISION';
  private rating: ComplianceRating = 'A';
  private publicName: string | null = 'Finca La Esperanza S.A. de C.V.';
  private worksites: StandingWorksiteBuilder[] = [];
  private withoutWorksites = false;

  withId(employerId: string): this {
    this.employerId = employerId;
    return this;
  }

  get id(): string {
    if (this.employerId === null) this.employerId = nextId('emp');
    return this.employerId;
  }

  named(publicName: string | null): this {
    this.publicName = publicName;
    return this;
  }

  inStatus(status: EmployerStatus): this {
    this.target = status;
    return this;
  }

  pendingVerification(): this {
    return this.inStatus('PENDING_VERIFICATION');
  }

  active(): this {
    return this.inStatus('ACTIVE');
  }

  suspended(cause: EmployerSuspensionCause = 'OFFICER_DECISION'): this {
    this.cause = cause;
    return this.inStatus('SUSPENDED');
  }

  rejected(): this {
    return this.inStatus('REJECTED');
  }

  deregistered(): this {
    return this.inStatus('DEREGISTERED');
  }

  ratedB(): this {
    this.rating = 'B';
    return this;
  }

  withWorksite(worksite: StandingWorksiteBuilder): this {
    this.worksites.push(worksite);
    return this;
  }

  noWorksites(): this {
    this.withoutWorksites = true;
    return this;
  }

  /** The facts that lead to the standing, in order. */
  facts(): EmployerFact[] {
    let minute = 0;
    const occurredAt = () => minutesAfter(T0, minute++).toISOString();
    const employerId = this.id;
    const worksites =
      this.worksites.length === 0 && !this.withoutWorksites ? [aStandingWorksite()] : this.worksites;
    const facts: EmployerFact[] = [
      { type: 'EmployerRegistered', employerId, occurredAt: occurredAt(), publicName: this.publicName },
    ];
    for (const worksite of worksites) {
      facts.push({ type: 'WorksiteAdded', employerId, occurredAt: occurredAt(), worksite: worksite.build() });
    }
    if (this.target === 'REJECTED') {
      facts.push({ type: 'EmployerRejected', employerId, occurredAt: occurredAt() });
    } else if (this.target !== 'PENDING_VERIFICATION') {
      facts.push({
        type: 'EmployerVerified',
        employerId,
        occurredAt: occurredAt(),
        registrationNumber: 'TVTF-EMP-CHP-2026-000001',
        rating: 'A',
      });
      if (this.rating === 'B') {
        facts.push({ type: 'EmployerRatingChanged', employerId, occurredAt: occurredAt(), to: 'B' });
      }
      if (this.target === 'SUSPENDED') {
        facts.push({ type: 'EmployerSuspended', employerId, occurredAt: occurredAt(), cause: this.cause });
      } else if (this.target === 'DEREGISTERED') {
        facts.push({ type: 'EmployerDeregistered', employerId, occurredAt: occurredAt() });
      }
    }
    for (const worksite of worksites) {
      if (worksite.closedAfterwards) {
        facts.push({
          type: 'WorksiteClosed',
          employerId,
          occurredAt: occurredAt(),
          worksiteId: worksite.build().worksiteId,
        });
      }
    }
    return facts;
  }

  build(): EmployerStanding {
    let standing: EmployerStanding | null = null;
    for (const fact of this.facts()) standing = applyEmployerFact(standing, fact).standing;
    return standing as EmployerStanding;
  }
}

export const anEmployerStanding = (): EmployerStandingBuilder => new EmployerStandingBuilder();
