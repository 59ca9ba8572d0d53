import { T0 } from '@frontera/employers-domain/testing';
import { ApplyAuditOutcomeHandler } from '../use-cases/apply-audit-outcome/apply-audit-outcome.handler';
import { AddWorksiteHandler } from '../use-cases/add-worksite/add-worksite.handler';
import { CloseWorksiteHandler } from '../use-cases/close-worksite/close-worksite.handler';
import { DeregisterEmployerHandler } from '../use-cases/deregister-employer/deregister-employer.handler';
import { GetEmployerHandler } from '../use-cases/get-employer/get-employer.handler';
import { GetEmployerHistoryHandler } from '../use-cases/get-employer-history/get-employer-history.handler';
import { ListEmployersHandler } from '../use-cases/list-employers/list-employers.handler';
import { RecordPermitHeadcountHandler } from '../use-cases/record-permit-headcount/record-permit-headcount.handler';
import { RecordRiskChangeHandler } from '../use-cases/record-risk-change/record-risk-change.handler';
import { RegisterEmployerHandler } from '../use-cases/register-employer/register-employer.handler';
import { ReinstateEmployerHandler } from '../use-cases/reinstate-employer/reinstate-employer.handler';
import { RejectEmployerHandler } from '../use-cases/reject-employer/reject-employer.handler';
import { ReportEmployerChangeHandler } from '../use-cases/report-employer-change/report-employer-change.handler';
import { SuspendEmployerHandler } from '../use-cases/suspend-employer/suspend-employer.handler';
import { UpdateWorksiteHandler } from '../use-cases/update-worksite/update-worksite.handler';
import { VerifyEmployerHandler } from '../use-cases/verify-employer/verify-employer.handler';
import { InMemoryAggregateLock } from './in-memory-aggregate-lock';
import { InMemoryEmployerRepository } from './in-memory-employer.repository';
import { FixedClock, InMemoryRegistrationNumberSequence, SequentialIds } from './simple-ports';

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
  return {
    employers,
    lock,
    clock,
    registrationNumbers,
    register: new RegisterEmployerHandler({ ...deps, eligibleStates }),
    verify: new VerifyEmployerHandler({ ...deps, registrationNumbers }),
    reject: new RejectEmployerHandler(deps),
    suspend: new SuspendEmployerHandler(deps),
    reinstate: new ReinstateEmployerHandler(deps),
    deregister: new DeregisterEmployerHandler(deps),
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
