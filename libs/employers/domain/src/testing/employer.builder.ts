import { Employer, type EmployerOptions, type RegisterEmployer } from '../employer/employer.aggregate';
import type { EmployerKind, EmployerStatus, Sector } from '@frontera/shared-kernel';
import type { SuspensionCause } from '../employer/employer.types';
import type { EmployerSnapshot } from '../employer/employer.snapshot';
import type { MexicanState } from '@frontera/shared-kernel';
import { anEmployerUser, anOfficer } from './actors';
import { anAuditOutcome } from './audit.builder';
import { minutesAfter, T0 } from './clock';
import { nextId } from './ids';
import { anRfc, type RfcBuilder } from './rfc.builder';
import {
  aContact,
  aLegalRepresentative,
  anAddress,
  aRegistrationNumber,
  type AddressBuilder,
} from './values.builder';
import type { WorksiteBuilder } from './worksite.builder';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The registration an employer submits, with valid defaults: a company in Tapachula, Chiapas,
 * growing coffee. `aRegistration().individual().build()` for a persona física.
 */
export class RegistrationBuilder {
  private kind: EmployerKind = 'COMPANY';
  private rfc: RfcBuilder | string | null = null;
  private address: AddressBuilder = anAddress();
  private overrides: Partial<Mutable<RegisterEmployer>> = {};

  company(): this {
    this.kind = 'COMPANY';
    return this;
  }

  individual(): this {
    this.kind = 'INDIVIDUAL';
    return this;
  }

  withId(employerId: string): this {
    this.overrides.employerId = employerId;
    return this;
  }

  withRfc(rfc: RfcBuilder | string): this {
    this.rfc = rfc;
    return this;
  }

  /** Declares a kind regardless of the RFC (to test the mismatch). */
  declaringKind(kind: EmployerKind): this {
    this.overrides.kind = kind;
    return this;
  }

  inState(state: MexicanState, municipality?: string): this {
    this.address.inState(state, municipality);
    return this;
  }

  withAddress(address: AddressBuilder): this {
    this.address = address;
    return this;
  }

  withSector(sector: Sector): this {
    this.overrides.sector = sector;
    return this;
  }

  with(overrides: Partial<RegisterEmployer>): this {
    Object.assign(this.overrides, overrides);
    return this;
  }

  get state(): MexicanState {
    return this.address.build().state;
  }

  build(): RegisterEmployer {
    const rfc =
      typeof this.rfc === 'string'
        ? this.rfc
        : (this.rfc ?? (this.kind === 'COMPANY' ? anRfc().forCompany() : anRfc().forIndividual())).build();
    return {
      employerId: nextId('emp'),
      rfc,
      legalName: this.kind === 'COMPANY' ? 'Finca La Esperanza S.A. de C.V.' : 'Rosa Martínez Cruz',
      kind: this.kind,
      sector: 'COFFEE',
      contact: aContact().build(),
      address: this.address.build(),
      legalRepresentative: this.kind === 'COMPANY' ? aLegalRepresentative().build() : null,
      ...this.overrides,
    };
  }
}

export const aRegistration = (): RegistrationBuilder => new RegistrationBuilder();

/**
 * An Employer aggregate in a given state, reached through its own methods (so every invariant
 * holds), with its events already pulled: a test's `pullEvents()` sees only what its When step
 * raised. Setup happens in the minutes after T0; use `day(n)` for the When step.
 *
 *   anEmployer().active().inState('CHP').withWorksite(aWorksite().withCapacity(2)).build()
 */
export class EmployerBuilder {
  private registration = aRegistration();
  private target: EmployerStatus = 'PENDING_VERIFICATION';
  private suspensionCause: SuspensionCause = 'OFFICER_DECISION';
  private rating: 'A' | 'B' = 'A';
  private worksites: WorksiteBuilder[] = [];
  private options: EmployerOptions = {};
  private sequence = 1;

  company(): this {
    this.registration.company();
    return this;
  }

  individual(): this {
    this.registration.individual();
    return this;
  }

  withId(employerId: string): this {
    this.registration.withId(employerId);
    return this;
  }

  withRfc(rfc: RfcBuilder | string): this {
    this.registration.withRfc(rfc);
    return this;
  }

  withSector(sector: Sector): this {
    this.registration.withSector(sector);
    return this;
  }

  /** The employer's registered address state (and the registration number's). */
  inState(state: MexicanState, municipality?: string): this {
    this.registration.inState(state, municipality);
    return this;
  }

  withRegistration(registration: RegistrationBuilder): this {
    this.registration = registration;
    return this;
  }

  /** Worksites are added while pending verification; without a state they take the employer's. */
  withWorksite(worksite: WorksiteBuilder): this {
    this.worksites.push(worksite);
    return this;
  }

  withEligibleStates(states: readonly string[]): this {
    this.options = { eligibleStates: states };
    return this;
  }

  withRegistrationSequence(sequence: number): this {
    this.sequence = sequence;
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

  suspended(cause: SuspensionCause = 'OFFICER_DECISION'): this {
    this.suspensionCause = cause;
    return this.inStatus('SUSPENDED');
  }

  rejected(): this {
    return this.inStatus('REJECTED');
  }

  deregistered(): this {
    return this.inStatus('DEREGISTERED');
  }

  /** Rated B through a SERIOUS audit finding (only meaningful once verified). */
  ratedB(): this {
    this.rating = 'B';
    return this;
  }

  build(): Employer {
    let minute = 0;
    const tick = () => minutesAfter(T0, minute++);
    const registration = this.registration.build();
    const state = registration.address.state;
    const employer = Employer.register(registration, anEmployerUser(), tick(), this.options);
    for (const worksite of this.worksites)
      employer.addWorksite(anEmployerUser(), worksite.build(state), tick());

    if (this.target === 'REJECTED') {
      employer.reject(anOfficer(), 'Documents do not match the SAT registry', tick());
    } else if (this.target !== 'PENDING_VERIFICATION') {
      employer.verify(
        anOfficer(),
        aRegistrationNumber().inState(state).withSequence(this.sequence).build(),
        tick(),
      );
      this.worksites.forEach((worksite, i) => {
        const worksiteId = employer.worksites[i].id;
        for (let p = 0; p < worksite.activePermits; p++)
          employer.recordPermitIssued(worksiteId, nextId('permit'));
      });
      if (this.rating === 'B') {
        employer.applyAuditOutcome(anAuditOutcome().withSeriousFinding().completedAt(tick()).build(), tick());
      }
      if (this.target === 'SUSPENDED' && this.suspensionCause === 'CRITICAL_FINDINGS') {
        employer.applyAuditOutcome(
          anAuditOutcome().withCriticalFinding().completedAt(tick()).build(),
          tick(),
        );
      } else if (this.target === 'SUSPENDED') {
        employer.suspend(anOfficer(), 'Inconsistencies in the worker roster', tick());
      } else if (this.target === 'DEREGISTERED') {
        employer.deregister(anEmployerUser(), 'The business closed', tick());
      }
    }
    employer.pullEvents();
    return employer;
  }

  buildSnapshot(): EmployerSnapshot {
    return this.build().toSnapshot();
  }
}

export const anEmployer = (): EmployerBuilder => new EmployerBuilder();
