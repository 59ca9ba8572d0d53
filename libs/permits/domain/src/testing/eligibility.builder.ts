import type { ComplianceRating, EmployerStatus } from '@frontera/shared-kernel';
import {
  eligibilityRules,
  type EligibilityConfig,
  type EligibilityRules,
} from '../eligibility/eligibility-rules';
import type {
  ApplicationFacts,
  EligibilityContext,
  EligibilityFacts,
  EmployerFacts,
  HeldPermitFacts,
  ReplacedPermitFacts,
  WorksiteFacts,
} from '../eligibility/eligibility.policy';
import type { PermitStatus } from '../permit/permit.types';
import { T0 } from './clock';

/** The minimum daily wage the tests configure (MXN). */
export const TEST_MINIMUM_DAILY_WAGE = 315.04;

/** Eligibility rules as a service would configure them, with the test minimum wage. */
export function testEligibilityRules(overrides: Partial<EligibilityConfig> = {}): EligibilityRules {
  return eligibilityRules({ minimumDailyWage: TEST_MINIMUM_DAILY_WAGE, ...overrides });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Eligibility facts that pass every rule — a Guatemalan aged 30, a NEW application for an ACTIVE
 * employer rated A at an open Chiapas worksite with room, no fee, a wage above the minimum — and
 * one method per way to break a rule, so tables can break them alone or together.
 */
export class EligibilityFactsBuilder {
  private application: Mutable<ApplicationFacts> = {
    kind: 'NEW',
    employerId: 'emp-1',
    worksiteId: 'ws-1',
    workerId: 'worker-1',
    startDate: '2026-03-16',
    dailyWage: 350,
    noRecruitmentFeeDeclared: true,
    replacesPermitId: null,
  };
  private nationality = 'GTM';
  private dateOfBirth = '1995-08-14';
  private heldPermits: HeldPermitFacts[] = [];
  private employer: Mutable<EmployerFacts> | null = { employerId: 'emp-1', status: 'ACTIVE', rating: 'A' };
  private worksite: Mutable<WorksiteFacts> | null = {
    worksiteId: 'ws-1',
    state: 'CHP',
    open: true,
    capacity: 50,
    activePermits: 10,
  };
  private replacedPermit: ReplacedPermitFacts | null = null;
  private now = T0;

  ofNationality(nationality: string): this {
    this.nationality = nationality;
    return this;
  }

  bornOn(dateOfBirth: string): this {
    this.dateOfBirth = dateOfBirth;
    return this;
  }

  startingOn(startDate: string): this {
    this.application.startDate = startDate;
    return this;
  }

  employerIn(status: EmployerStatus): this {
    if (this.employer) this.employer.status = status;
    return this;
  }

  employerRated(rating: ComplianceRating | null): this {
    if (this.employer) this.employer.rating = rating;
    return this;
  }

  unknownEmployer(): this {
    this.employer = null;
    return this;
  }

  unknownWorksite(): this {
    this.worksite = null;
    return this;
  }

  closedWorksite(): this {
    if (this.worksite) this.worksite.open = false;
    return this;
  }

  worksiteInState(state: string): this {
    if (this.worksite) this.worksite.state = state;
    return this;
  }

  withActivePermits(activePermits: number, capacity = this.worksite?.capacity ?? 50): this {
    if (this.worksite) Object.assign(this.worksite, { activePermits, capacity });
    return this;
  }

  atCapacity(): this {
    return this.withActivePermits(this.worksite?.capacity ?? 50);
  }

  holdingPermit(status: PermitStatus = 'ACTIVE', permitId = 'permit-held'): this {
    this.heldPermits.push({ permitId, status });
    return this;
  }

  withoutFeeDeclaration(): this {
    this.application.noRecruitmentFeeDeclared = false;
    return this;
  }

  offering(dailyWage: number): this {
    this.application.dailyWage = dailyWage;
    return this;
  }

  /**
   * A TRANSFER of the worker's permit `permit-old` from another employer, transferable for 60 more
   * days (override any of its facts). The worker holds it, as they would.
   */
  transfer(permit: Partial<ReplacedPermitFacts> = {}): this {
    const replaced: ReplacedPermitFacts = {
      permitId: 'permit-old',
      workerId: this.application.workerId,
      employerId: 'emp-sanctioned',
      worksiteId: 'ws-old',
      status: 'ACTIVE',
      transferableUntil: new Date(T0.getTime() + 60 * 86_400_000).toISOString(),
      ...permit,
    };
    this.application.kind = 'TRANSFER';
    this.application.replacesPermitId = 'permit-old';
    this.replacedPermit = replaced;
    this.heldPermits.push({ permitId: replaced.permitId, status: replaced.status });
    return this;
  }

  /** A RENEWAL of the worker's permit `permit-own` at this employer and worksite (override any of its facts). */
  renewal(permit: Partial<ReplacedPermitFacts> = {}): this {
    const replaced: ReplacedPermitFacts = {
      permitId: 'permit-own',
      workerId: this.application.workerId,
      employerId: this.application.employerId,
      worksiteId: this.application.worksiteId,
      status: 'ACTIVE',
      transferableUntil: null,
      ...permit,
    };
    this.application.kind = 'RENEWAL';
    this.application.replacesPermitId = 'permit-own';
    this.replacedPermit = replaced;
    this.heldPermits.push({ permitId: replaced.permitId, status: replaced.status });
    return this;
  }

  /** No replaced permit found (for a TRANSFER or RENEWAL). */
  withoutReplacedPermit(): this {
    this.replacedPermit = null;
    return this;
  }

  at(now: Date): this {
    this.now = now;
    return this;
  }

  context(): EligibilityContext {
    return {
      worker: {
        nationality: this.nationality,
        dateOfBirth: this.dateOfBirth,
        heldPermits: [...this.heldPermits],
      },
      employer: this.employer && { ...this.employer },
      worksite: this.worksite && { ...this.worksite },
      replacedPermit: this.replacedPermit && { ...this.replacedPermit },
    };
  }

  build(): EligibilityFacts {
    return { ...this.context(), application: { ...this.application }, now: this.now };
  }
}

export const eligibilityFacts = (): EligibilityFactsBuilder => new EligibilityFactsBuilder();
