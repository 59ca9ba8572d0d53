import type { CallerIdentity, MexicanState } from '@frontera/shared-kernel';
import {
  employerFactsOf,
  worksiteFactsOf,
  type EmployerStanding,
} from '../employer-standing/employer-standing.read-model';
import type { EligibilityRules } from '../eligibility/eligibility-rules';
import type { EligibilityContext } from '../eligibility/eligibility.policy';
import {
  PermitApplication,
  type ApprovedApplication,
  type SubmitApplication,
} from '../permit-application/permit-application.aggregate';
import type { ApplicationStatus } from '../permit-application/permit-application.types';
import type { Permit } from '../permit/permit.aggregate';
import type { Worker } from '../worker/worker.aggregate';
import { anEmployerUser, anOfficer } from './actors';
import { minutesAfter, T0 } from './clock';
import { testEligibilityRules } from './eligibility.builder';
import { nextId } from './ids';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A PermitApplication, submitted (and decided) through its own methods with eligible facts by
 * default: `aPermitApplication().forEmployer(standing).forWorker(worker).approved().build()`.
 * Default: NEW, for employer emp-1 at its worksite ws-1 in Chiapas, a Guatemalan worker aged 30,
 * occupation "Cortador de café", 350.00 MXN a day, starting 16 March 2026.
 */
export class PermitApplicationBuilder {
  private command: Mutable<SubmitApplication> = {
    applicationId: '',
    employerId: 'emp-1',
    worksiteId: 'ws-1',
    workerId: 'worker-1',
    kind: 'NEW',
    transferFromPermitId: null,
    renewsPermitId: null,
    occupation: 'Cortador de café',
    dailyWage: 350,
    startDate: '2026-03-16',
    noRecruitmentFeeDeclared: true,
  };
  private applicationId: string | null = null;
  private state: MexicanState = 'CHP';
  private standing: EmployerStanding | null = null;
  private worker: Worker | null = null;
  private replaced: Permit | null = null;
  private contextOverrides: Partial<EligibilityContext> = {};
  private rules: EligibilityRules = testEligibilityRules();
  private target: ApplicationStatus = 'SUBMITTED';
  private officer: CallerIdentity = anOfficer();

  withId(applicationId: string): this {
    this.applicationId = applicationId;
    return this;
  }

  /** An employer id, or its standing (then its first worksite, status and rating are the facts). */
  forEmployer(employer: string | EmployerStanding): this {
    if (typeof employer === 'string') {
      this.command.employerId = employer;
    } else {
      this.standing = employer;
      this.command.employerId = employer.employerId;
      const first = employer.worksites[0];
      if (first) {
        this.command.worksiteId = first.worksiteId;
        this.state = first.state;
      }
    }
    return this;
  }

  atWorksite(worksiteId: string, state: MexicanState = this.state): this {
    this.command.worksiteId = worksiteId;
    this.state = state;
    return this;
  }

  inState(state: MexicanState): this {
    this.state = state;
    return this;
  }

  forWorker(worker: string | Worker): this {
    if (typeof worker === 'string') {
      this.command.workerId = worker;
    } else {
      this.worker = worker;
      this.command.workerId = worker.id;
    }
    return this;
  }

  /** A TRANSFER of `permit` (its worker becomes this application's). */
  transferFrom(permit: Permit): this {
    this.command.kind = 'TRANSFER';
    this.command.transferFromPermitId = permit.id;
    this.command.renewsPermitId = null;
    this.command.workerId = permit.workerId;
    this.replaced = permit;
    return this;
  }

  /** A RENEWAL of `permit` (same employer, worksite and worker). */
  renewing(permit: Permit): this {
    this.command.kind = 'RENEWAL';
    this.command.renewsPermitId = permit.id;
    this.command.transferFromPermitId = null;
    this.command.employerId = permit.employerId;
    this.command.worksiteId = permit.worksiteId;
    this.command.workerId = permit.workerId;
    this.state = permit.state;
    this.replaced = permit;
    return this;
  }

  withOccupation(occupation: string): this {
    this.command.occupation = occupation;
    return this;
  }

  offering(dailyWage: number): this {
    this.command.dailyWage = dailyWage;
    return this;
  }

  startingOn(startDate: string): this {
    this.command.startDate = startDate;
    return this;
  }

  with(overrides: Partial<SubmitApplication>): this {
    Object.assign(this.command, overrides);
    return this;
  }

  withContext(overrides: Partial<EligibilityContext>): this {
    Object.assign(this.contextOverrides, overrides);
    return this;
  }

  withRules(rules: EligibilityRules): this {
    this.rules = rules;
    return this;
  }

  decidedBy(officer: CallerIdentity): this {
    this.officer = officer;
    return this;
  }

  submitted(): this {
    this.target = 'SUBMITTED';
    return this;
  }

  approved(): this {
    this.target = 'APPROVED';
    return this;
  }

  rejected(): this {
    this.target = 'REJECTED';
    return this;
  }

  withdrawn(): this {
    this.target = 'WITHDRAWN';
    return this;
  }

  inStatus(status: ApplicationStatus): this {
    this.target = status;
    return this;
  }

  get eligibilityRules(): EligibilityRules {
    return this.rules;
  }

  buildCommand(): SubmitApplication {
    if (this.applicationId === null) this.applicationId = nextId('app');
    return { ...this.command, applicationId: this.applicationId };
  }

  /** The eligibility context the application is submitted (and approved) with. */
  context(): EligibilityContext {
    const c = this.command;
    const replaced = this.replaced?.replacedPermitFacts() ?? null;
    return {
      worker: {
        nationality: this.worker?.nationality ?? 'GTM',
        dateOfBirth: this.worker?.dateOfBirth.toString() ?? '1995-08-14',
        heldPermits: replaced ? [{ permitId: replaced.permitId, status: replaced.status }] : [],
      },
      employer: this.standing
        ? employerFactsOf(this.standing)
        : { employerId: c.employerId, status: 'ACTIVE', rating: 'A' },
      worksite: this.standing
        ? worksiteFactsOf(this.standing, c.worksiteId, 0)
        : {
            worksiteId: c.worksiteId,
            state: this.state,
            open: true,
            capacity: 50,
            activePermits: replaced ? 1 : 0,
          },
      replacedPermit: replaced,
      ...this.contextOverrides,
    };
  }

  build(): PermitApplication {
    let minute = 0;
    const tick = () => minutesAfter(T0, minute++);
    const context = this.context();
    const application = PermitApplication.submit(
      this.buildCommand(),
      context,
      this.rules,
      anEmployerUser(),
      tick(),
    );
    if (this.target === 'APPROVED') {
      application.approve(this.officer, 'Documents verified in person', tick(), context, this.rules);
    } else if (this.target === 'REJECTED') {
      application.reject(this.officer, 'The worker did not appear for the interview', tick());
    } else if (this.target === 'WITHDRAWN') {
      application.withdraw(anEmployerUser(), 'The harvest was postponed', tick());
    }
    application.pullEvents();
    return application;
  }

  /** An APPROVED application and the terms it hands to issuance. */
  buildApproved(): { application: PermitApplication; approved: ApprovedApplication } {
    const application = this.approved().build();
    return { application, approved: application.approvedApplication() };
  }
}

export const aPermitApplication = (): PermitApplicationBuilder => new PermitApplicationBuilder();
