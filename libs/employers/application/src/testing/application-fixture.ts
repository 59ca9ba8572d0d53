import type { CommandMetadata } from '@frontera/shared-application';
import { T0 } from '@frontera/employers-domain/testing';
import { ApplyAuditOutcomeHandler } from '../use-cases/apply-audit-outcome/apply-audit-outcome.handler';
import { AddWorksiteHandler } from '../use-cases/add-worksite/add-worksite.handler';
import { CloseWorksiteHandler } from '../use-cases/close-worksite/close-worksite.handler';
import { GetEmployerHandler } from '../use-cases/get-employer/get-employer.handler';
import { GetEmployerHistoryHandler } from '../use-cases/get-employer-history/get-employer-history.handler';
import {
  OfficerDecisionsHandler,
  type OfficerDecision,
} from '../use-cases/officer-decisions/officer-decisions.transitions';
import { ListEmployersHandler } from '../use-cases/list-employers/list-employers.handler';
import { RecordPermitHeadcountHandler } from '../use-cases/record-permit-headcount/record-permit-headcount.handler';
import { RecordRiskChangeHandler } from '../use-cases/record-risk-change/record-risk-change.handler';
import { RegisterEmployerHandler } from '../use-cases/register-employer/register-employer.handler';
import { ReportEmployerChangeHandler } from '../use-cases/report-employer-change/report-employer-change.handler';
import { UpdateWorksiteHandler } from '../use-cases/update-worksite/update-worksite.handler';
import { VerifyEmployerHandler } from '../use-cases/verify-employer/verify-employer.handler';
import { FixedClock, InMemoryAggregateLock, SequentialIds } from '@frontera/shared-application/testing';
import { InMemoryEmployerRepository } from './in-memory-employer.repository';
import { InMemoryRegistrationNumberSequence } from './in-memory-registration-numbers';

/**
 * Every handler wired to in-memory ports, for Given/When/Then tests of the application:
 *
 *   const app = anApplication();
 *   app.employers.given(anEmployer().active().build());        // Given
 *   await app.suspend.execute({ … });                          // When
 *   expect(app.employers.published.map((e) => e.type))…        // Then
 */
export function anApplication(options: { eligibleStates?: readonly string[]; now?: Date } = {}) {
  const eligibleStates = options.eligibleStates ?? ['CHP', 'CAM', 'TAB', 'ROO'];
  const employers = new InMemoryEmployerRepository(eligibleStates);
  const lock = new InMemoryAggregateLock();
  const clock = new FixedClock(options.now ?? new Date(T0.getTime() + 86_400_000));
  const registrationNumbers = new InMemoryRegistrationNumberSequence();
  const ids = new SequentialIds();
  const deps = { employers, lock, clock };
  const officerDecisions = new OfficerDecisionsHandler(deps);
  /** One row of the officer-decisions table, called like a handler of its own. */
  const decision =
    (operation: OfficerDecision) =>
    ({ employerId, reason, metadata }: { employerId: string; reason: string; metadata: CommandMetadata }) =>
      officerDecisions.execute({ operation, key: employerId, reason, metadata });
  return {
    employers,
    lock,
    clock,
    registrationNumbers,
    register: new RegisterEmployerHandler({ ...deps, eligibleStates }),
    verify: new VerifyEmployerHandler({ ...deps, registrationNumbers }),
    officerDecisions,
    reject: { execute: decision('REJECT') },
    suspend: { execute: decision('SUSPEND') },
    reinstate: { execute: decision('REINSTATE') },
    deregister: { execute: decision('DEREGISTER') },
    reportChange: new ReportEmployerChangeHandler(deps),
    addWorksite: new AddWorksiteHandler({ ...deps, ids }),
    updateWorksite: new UpdateWorksiteHandler(deps),
    closeWorksite: new CloseWorksiteHandler(deps),
    applyAuditOutcome: new ApplyAuditOutcomeHandler(deps),
    recordRiskChange: new RecordRiskChangeHandler(deps),
    recordPermitHeadcount: new RecordPermitHeadcountHandler(deps),
    getEmployer: new GetEmployerHandler(deps),
    listEmployers: new ListEmployersHandler(deps),
    getHistory: new GetEmployerHistoryHandler(deps),
  };
}

export type TestApplication = ReturnType<typeof anApplication>;
