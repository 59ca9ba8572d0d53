/**
 * Test data builders for the employers domain — a separate entry point, not exported from the
 * library's main index, so production code never imports them. Import from tests of this and
 * other layers through the path alias `@frontera/employers-domain/testing` (to be added to
 * tsconfig.base.json next to the main alias). Builders use only the domain's public
 * behaviour and no test framework, so any test runner can use them.
 */
export { anEmployerUser, anOfficer, aSupervisor } from './actors';
export {
  aFinding,
  anAuditOutcome,
  aRiskChange,
  AuditOutcomeBuilder,
  FindingBuilder,
  RiskChangeBuilder,
} from './audit.builder';
export { day, daysAfter, minutesAfter, T0 } from './clock';
export { aRegistration, anEmployer, EmployerBuilder, RegistrationBuilder } from './employer.builder';
export { nextId } from './ids';
export { anRfc, RfcBuilder } from './rfc.builder';
export {
  aContact,
  AddressBuilder,
  aLegalRepresentative,
  anAddress,
  aRegistrationNumber,
  ContactBuilder,
  LegalRepresentativeBuilder,
  RegistrationNumberBuilder,
} from './values.builder';
export { aWorksite, POINTS, WorksiteBuilder } from './worksite.builder';
