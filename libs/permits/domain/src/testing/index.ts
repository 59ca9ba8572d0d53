/**
 * Test data builders for the permits domain — a separate entry point (`@frontera/permits-domain/testing`),
 * never exported from the library's main index, so production code never imports them
 * (docs/decisions/0022). Builders use only the domain's public behaviour and no test framework.
 */
export { anEmployerUser, anOfficer, aSupervisor, theSystem } from './actors';
export { aPermitApplication, PermitApplicationBuilder } from './application.builder';
export { at, day, daysAfter, minutesAfter, T0 } from './clock';
export {
  eligibilityFacts,
  EligibilityFactsBuilder,
  TEST_MINIMUM_DAILY_WAGE,
  testEligibilityRules,
} from './eligibility.builder';
export {
  aStandingWorksite,
  anEmployerStanding,
  EmployerStandingBuilder,
  StandingWorksiteBuilder,
} from './employer-standing.builder';
export { nextId, nextNumber } from './ids';
export { aPermit, PermitBuilder } from './permit.builder';
export { aRandomPart, aVerificationToken, seededRandom } from './random';
export { aWorker, aWorkerRegistration, WorkerBuilder, WorkerRegistrationBuilder } from './worker.builder';
