import type {
  AppError,
  ComplianceRating,
  EmployerStatus,
  ErrorParams,
  Localized,
} from '@frontera/shared-kernel';
import { PermitErrors } from '../errors/permit-errors';
import type { ApplicationKind } from '../permit-application/permit-application.types';
import { HELD_PERMIT_STATUSES, type PermitStatus } from '../permit/permit.types';
import { CalendarDate } from '../shared/calendar-date.value-object';
import { DailyWage } from '../shared/daily-wage.value-object';
import { EligibilityFailures, type EligibilityCode } from './eligibility-failures';
import type { EligibilityRules } from './eligibility-rules';

/** What the permits context knows of the employer (its read model, kept from employer events). */
export interface EmployerFacts {
  readonly employerId: string;
  readonly status: EmployerStatus;
  readonly rating: ComplianceRating | null;
}

/** One of the employer's worksites, from the read model, with the permits the service holds there. */
export interface WorksiteFacts {
  readonly worksiteId: string;
  readonly state: string;
  readonly open: boolean;
  /** Declared headcount capacity. */
  readonly capacity: number;
  /** Permits at this worksite that are ACTIVE or SUSPENDED (the service's own permits). */
  readonly activePermits: number;
}

/** A permit the worker holds (ACTIVE or SUSPENDED; others are ignored). */
export interface HeldPermitFacts {
  readonly permitId: string;
  readonly status: PermitStatus;
}

/** The permit a TRANSFER or RENEWAL replaces (permit.replacedPermitFacts()). */
export interface ReplacedPermitFacts {
  readonly permitId: string;
  readonly workerId: string;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly status: PermitStatus;
  /** ISO-8601 instant until which it may be transferred; null when not transferable. */
  readonly transferableUntil: string | null;
}

/** The application being decided (PermitApplication builds it from itself). */
export interface ApplicationFacts {
  readonly kind: ApplicationKind;
  readonly employerId: string;
  readonly worksiteId: string;
  readonly workerId: string;
  /** `YYYY-MM-DD`. */
  readonly startDate: string;
  readonly dailyWage: number;
  readonly noRecruitmentFeeDeclared: boolean;
  /** TRANSFER: `transferFromPermitId`; RENEWAL: `renewsPermitId`; NEW: null. */
  readonly replacesPermitId: string | null;
}

/**
 * The facts the application layer gathers; everything {@link checkEligibility} decides on. `employer`
 * and `worksite` come from the employer standing read model (null when it does not know them),
 * `worker.heldPermits` and `replacedPermit` from the service's own permits.
 */
export interface EligibilityFacts {
  readonly application: ApplicationFacts;
  readonly worker: {
    readonly nationality: string;
    /** `YYYY-MM-DD`. */
    readonly dateOfBirth: string;
    readonly heldPermits: readonly HeldPermitFacts[];
  };
  readonly employer: EmployerFacts | null;
  readonly worksite: WorksiteFacts | null;
  /** TRANSFER / RENEWAL: the replaced permit; null when there is none (or it is another worker's). */
  readonly replacedPermit: ReplacedPermitFacts | null;
  readonly now: Date;
}

/** What the aggregate's commands take: the facts without the application itself and the clock. */
export type EligibilityContext = Omit<EligibilityFacts, 'application' | 'now'>;

/** The rules, in the order they are checked and reported. */
export const ELIGIBILITY_RULES = [
  'NATIONALITY',
  'AGE',
  'EMPLOYER_STATUS',
  'EMPLOYER_RATING',
  'WORKSITE',
  'WORKSITE_CAPACITY',
  'ONE_ACTIVE_PERMIT',
  'NO_RECRUITMENT_FEE',
  'MINIMUM_WAGE',
  'TRANSFER',
  'RENEWAL',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface EligibilityFailure {
  readonly rule: EligibilityRule;
  readonly code: EligibilityCode;
  /** The input to look at (`worker.nationality`, `dailyWage`…): the `errors[]` entry of the problem. */
  readonly field: string;
  readonly params: ErrorParams;
  readonly title: Localized;
  readonly message: Localized;
}

export interface EligibilityResult {
  readonly eligible: boolean;
  /** Every failed rule, in {@link ELIGIBILITY_RULES} order — never only the first. */
  readonly failures: readonly EligibilityFailure[];
}

/** Whole years of age on a day; 29 February birthdays complete a year on 1 March in common years. */
export function ageOn(dateOfBirth: string | CalendarDate, on: string | CalendarDate): number {
  const born = typeof dateOfBirth === 'string' ? CalendarDate.tryParse(dateOfBirth) : dateOfBirth;
  const day = typeof on === 'string' ? CalendarDate.tryParse(on) : on;
  if (!born || !day) throw new TypeError('ageOn takes real calendar dates (YYYY-MM-DD)');
  return born.wholeYearsUntil(day);
}

function failure(rule: EligibilityRule, code: EligibilityCode, field: string, params: ErrorParams = {}) {
  const definition = EligibilityFailures[code] as unknown as { create(params: ErrorParams): AppError };
  const error = definition.create(params);
  return Object.freeze({
    rule,
    code,
    field,
    params: error.params,
    title: error.title,
    message: error.detail,
  });
}

/**
 * Decides whether an application may be granted, checking EVERY rule and reporting every failure
 * (pure, no I/O). When the employer is unknown (or the facts are another employer's),
 * EMPLOYER_NOT_FOUND stands for both employer rules; when the worksite is unknown (or the facts are
 * another worksite's), WORKSITE_NOT_FOUND stands for the worksite and capacity rules.
 *
 * | rule               | fails with                                                                                   |
 * | ------------------ | -------------------------------------------------------------------------------------------- |
 * | NATIONALITY        | NATIONALITY_NOT_ELIGIBLE — not GTM or BLZ                                                    |
 * | AGE                | UNDER_AGE — under 16 (configurable) in whole years on the start date                        |
 * | EMPLOYER_STATUS    | EMPLOYER_NOT_FOUND, EMPLOYER_NOT_ACTIVE                                                      |
 * | EMPLOYER_RATING    | EMPLOYER_NOT_RATED_A                                                                         |
 * | WORKSITE           | WORKSITE_NOT_FOUND, WORKSITE_CLOSED, WORKSITE_STATE_NOT_ELIGIBLE                             |
 * | WORKSITE_CAPACITY  | WORKSITE_AT_CAPACITY — held permits ≥ capacity (a renewal's own permit not counted)          |
 * | ONE_ACTIVE_PERMIT  | WORKER_HAS_ACTIVE_PERMIT — another ACTIVE/SUSPENDED permit than the one replaced             |
 * | NO_RECRUITMENT_FEE | RECRUITMENT_FEE — the no-fee declaration is not `true`                                       |
 * | MINIMUM_WAGE       | WAGE_BELOW_MINIMUM                                                                           |
 * | TRANSFER           | REPLACED_PERMIT_NOT_FOUND, REPLACED_PERMIT_NOT_ACTIVE, PERMIT_NOT_TRANSFERABLE, TRANSFER_WINDOW_CLOSED, TRANSFER_TO_SAME_EMPLOYER |
 * | RENEWAL            | REPLACED_PERMIT_NOT_FOUND, REPLACED_PERMIT_NOT_ACTIVE, RENEWED_PERMIT_OF_ANOTHER_EMPLOYER, RENEWED_PERMIT_OF_ANOTHER_WORKSITE |
 */
export function checkEligibility(facts: EligibilityFacts, rules: EligibilityRules): EligibilityResult {
  const { application, worker, employer, worksite } = facts;
  const failures: EligibilityFailure[] = [];
  const replacedField = application.kind === 'TRANSFER' ? 'transferFromPermitId' : 'renewsPermitId';
  const replaced =
    facts.replacedPermit !== null && facts.replacedPermit.permitId === application.replacesPermitId
      ? facts.replacedPermit
      : null;

  // NATIONALITY
  if (!rules.nationalities.includes(worker.nationality)) {
    failures.push(
      failure('NATIONALITY', 'NATIONALITY_NOT_ELIGIBLE', 'worker.nationality', {
        allowed: rules.nationalities,
      }),
    );
  }

  // AGE
  const start = CalendarDate.tryParse(application.startDate);
  const born = CalendarDate.tryParse(worker.dateOfBirth);
  if (!start || !born) throw new TypeError('eligibility facts need real startDate and dateOfBirth');
  if (ageOn(born, start) < rules.minimumAge) {
    failures.push(failure('AGE', 'UNDER_AGE', 'worker.dateOfBirth', { minimumAge: rules.minimumAge }));
  }

  // EMPLOYER_STATUS, EMPLOYER_RATING
  if (employer === null || employer.employerId !== application.employerId) {
    failures.push(failure('EMPLOYER_STATUS', 'EMPLOYER_NOT_FOUND', 'employerId'));
  } else {
    if (employer.status !== 'ACTIVE') {
      failures.push(
        failure('EMPLOYER_STATUS', 'EMPLOYER_NOT_ACTIVE', 'employerId', { employerStatus: employer.status }),
      );
    }
    if (employer.rating !== 'A') {
      failures.push(
        failure('EMPLOYER_RATING', 'EMPLOYER_NOT_RATED_A', 'employerId', {
          rating: employer.rating ?? 'none',
        }),
      );
    }
  }

  // WORKSITE, WORKSITE_CAPACITY
  const worksiteId = application.worksiteId;
  if (worksite === null || worksite.worksiteId !== worksiteId) {
    failures.push(failure('WORKSITE', 'WORKSITE_NOT_FOUND', 'worksiteId', { worksiteId }));
  } else {
    if (!worksite.open) failures.push(failure('WORKSITE', 'WORKSITE_CLOSED', 'worksiteId', { worksiteId }));
    if (!(rules.eligibleStates as readonly string[]).includes(worksite.state)) {
      failures.push(
        failure('WORKSITE', 'WORKSITE_STATE_NOT_ELIGIBLE', 'worksiteId', {
          state: worksite.state,
          allowed: rules.eligibleStates,
        }),
      );
    }
    const ownPermitCounted =
      application.kind === 'RENEWAL' &&
      replaced !== null &&
      replaced.worksiteId === worksiteId &&
      HELD_PERMIT_STATUSES.includes(replaced.status);
    if (worksite.activePermits - (ownPermitCounted ? 1 : 0) >= worksite.capacity) {
      failures.push(
        failure('WORKSITE_CAPACITY', 'WORKSITE_AT_CAPACITY', 'worksiteId', { capacity: worksite.capacity }),
      );
    }
  }

  // ONE_ACTIVE_PERMIT
  const others = worker.heldPermits.filter(
    (p) =>
      HELD_PERMIT_STATUSES.includes(p.status) &&
      !(application.kind !== 'NEW' && p.permitId === application.replacesPermitId),
  );
  if (others.length > 0) failures.push(failure('ONE_ACTIVE_PERMIT', 'WORKER_HAS_ACTIVE_PERMIT', 'workerId'));

  // NO_RECRUITMENT_FEE
  if (application.noRecruitmentFeeDeclared !== true) {
    failures.push(failure('NO_RECRUITMENT_FEE', 'RECRUITMENT_FEE', 'noRecruitmentFeeDeclared'));
  }

  // MINIMUM_WAGE
  const wage = DailyWage.of(application.dailyWage, 'dailyWage', PermitErrors.APPLICATION_INVALID_DATA);
  if (!wage.isAtLeast(rules.minimumDailyWage)) {
    failures.push(
      failure('MINIMUM_WAGE', 'WAGE_BELOW_MINIMUM', 'dailyWage', {
        minimumDailyWage: rules.minimumDailyWage.amount.toFixed(2),
      }),
    );
  }

  // TRANSFER, RENEWAL
  if (application.kind !== 'NEW') {
    const rule: EligibilityRule = application.kind;
    const permitId = application.replacesPermitId ?? '';
    if (replaced === null || replaced.workerId !== application.workerId) {
      failures.push(failure(rule, 'REPLACED_PERMIT_NOT_FOUND', replacedField, { permitId }));
    } else {
      if (replaced.status !== 'ACTIVE') {
        failures.push(
          failure(rule, 'REPLACED_PERMIT_NOT_ACTIVE', replacedField, {
            permitId,
            permitStatus: replaced.status,
          }),
        );
      }
      if (application.kind === 'TRANSFER') {
        if (replaced.transferableUntil === null) {
          failures.push(failure(rule, 'PERMIT_NOT_TRANSFERABLE', replacedField, { permitId }));
        } else if (facts.now.getTime() >= Date.parse(replaced.transferableUntil)) {
          failures.push(
            failure(rule, 'TRANSFER_WINDOW_CLOSED', replacedField, {
              permitId,
              transferableUntil: replaced.transferableUntil,
            }),
          );
        }
        if (replaced.employerId === application.employerId) {
          failures.push(failure(rule, 'TRANSFER_TO_SAME_EMPLOYER', replacedField, { permitId }));
        }
      } else {
        if (replaced.employerId !== application.employerId) {
          failures.push(failure(rule, 'RENEWED_PERMIT_OF_ANOTHER_EMPLOYER', replacedField, { permitId }));
        } else if (replaced.worksiteId !== worksiteId) {
          failures.push(failure(rule, 'RENEWED_PERMIT_OF_ANOTHER_WORKSITE', replacedField, { permitId }));
        }
      }
    }
  }

  return Object.freeze({ eligible: failures.length === 0, failures: Object.freeze(failures) });
}

/**
 * Throws `APPLICATION.NOT_ELIGIBLE` (422) when the result has failures: parameters `count` and
 * `codes`, extension member `failures` (rule, code, field, params, title and message in both
 * languages) and one `errors[]` entry per failure (field, code, message) — what a roster's per-row
 * error report needs too.
 */
export function assertEligible(result: EligibilityResult): void {
  if (result.eligible) return;
  throw PermitErrors.APPLICATION_NOT_ELIGIBLE.create(
    { count: result.failures.length, codes: result.failures.map((f) => f.code) },
    {
      extensions: {
        failures: result.failures.map((f) => ({
          rule: f.rule,
          code: f.code,
          field: f.field,
          params: f.params,
          title: f.title,
          message: f.message,
        })),
      },
      fieldErrors: result.failures.map((f) => ({ field: f.field, code: f.code, message: f.message })),
    },
  );
}
