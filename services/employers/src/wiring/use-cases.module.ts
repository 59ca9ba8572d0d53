import { randomUUID } from 'node:crypto';
import { Module, type Provider } from '@nestjs/common';
import {
  AddWorksiteHandler,
  ApplyAuditOutcomeHandler,
  CloseWorksiteHandler,
  GetEmployerHandler,
  GetEmployerHistoryHandler,
  ListEmployersHandler,
  OfficerDecisionsHandler,
  RecordPermitHeadcountHandler,
  RecordRiskChangeHandler,
  RegisterEmployerHandler,
  ReportEmployerChangeHandler,
  UpdateWorksiteHandler,
  VerifyEmployerHandler,
  type EmployerCommandDeps,
  type EmployerRepository,
  type RegistrationNumberSequence,
} from '@frontera/employers-application';
import { AGGREGATE_LOCK } from '@frontera/platform-locking';
import { clockOffsetMs, type ServiceConfig } from '@frontera/platform-config';
import { offsetClock, type AggregateLock, type Clock, type IdGenerator } from '@frontera/shared-application';
import { eligibleStatesOf, type EmployersConfig } from '../config/employers.config';
import { PersistenceModule } from '../persistence/persistence.module';
import { CLOCK, EMPLOYER_REPOSITORY, EMPLOYERS_CONFIG, ID_GENERATOR, REGISTRATION_NUMBERS } from './tokens';

/** Worksite ids: `ws_` + a UUID without dashes (35 characters, within the contracts' id pattern). */
const uuidIds: IdGenerator = { newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}` };

/** The ports every command handler needs: the repository, the aggregate lock (platform-locking) and the clock. */
const COMMAND_DEPS = [EMPLOYER_REPOSITORY, AGGREGATE_LOCK, CLOCK] as const;
const commandDeps = (
  employers: EmployerRepository,
  lock: AggregateLock,
  clock: Clock,
): EmployerCommandDeps => ({
  employers,
  lock,
  clock,
});

/** A handler built from the command ports, plus what `extra` (injected after them) adds. */
function commandHandler<D extends EmployerCommandDeps, T, X extends unknown[] = []>(
  handler: new (deps: D) => T,
  extra: {
    inject: readonly (symbol | string)[];
    deps: (...values: X) => Omit<D, keyof EmployerCommandDeps>;
  } = {
    inject: [],
    deps: () => ({}) as Omit<D, keyof EmployerCommandDeps>,
  },
): Provider {
  return {
    provide: handler,
    inject: [...COMMAND_DEPS, ...extra.inject],
    useFactory: (employers: EmployerRepository, lock: AggregateLock, clock: Clock, ...values: X) =>
      new handler({ ...commandDeps(employers, lock, clock), ...extra.deps(...values) } as D),
  };
}

function queryHandler<T>(handler: new (deps: { employers: EmployerRepository }) => T): Provider {
  return {
    provide: handler,
    inject: [EMPLOYER_REPOSITORY],
    useFactory: (employers: EmployerRepository) => new handler({ employers }),
  };
}

const HANDLERS = [
  RegisterEmployerHandler,
  VerifyEmployerHandler,
  OfficerDecisionsHandler,
  ReportEmployerChangeHandler,
  AddWorksiteHandler,
  UpdateWorksiteHandler,
  CloseWorksiteHandler,
  ApplyAuditOutcomeHandler,
  RecordRiskChangeHandler,
  RecordPermitHeadcountHandler,
  GetEmployerHandler,
  ListEmployersHandler,
  GetEmployerHistoryHandler,
];

/**
 * The application's use cases, wired to the service's adapters. The handlers are plain classes
 * of @frontera/employers-application (no Nest in that library): they are built here by factory.
 * The officer's reason-only decisions (reject, suspend, reinstate, deregister) are one handler
 * running the rows of OFFICER_DECISIONS.
 */
@Module({
  imports: [PersistenceModule],
  providers: [
    // The real time, shifted by CLOCK_OFFSET in development and tests (decision 0045).
    {
      provide: CLOCK,
      inject: [EMPLOYERS_CONFIG],
      useFactory: (config: Pick<ServiceConfig, 'CLOCK_OFFSET'>): Clock => offsetClock(clockOffsetMs(config)),
    },
    { provide: ID_GENERATOR, useValue: uuidIds },
    commandHandler(RegisterEmployerHandler, {
      inject: [EMPLOYERS_CONFIG],
      deps: (config: EmployersConfig) => ({ eligibleStates: eligibleStatesOf(config) }),
    }),
    commandHandler(VerifyEmployerHandler, {
      inject: [REGISTRATION_NUMBERS],
      deps: (registrationNumbers: RegistrationNumberSequence) => ({ registrationNumbers }),
    }),
    commandHandler(AddWorksiteHandler, {
      inject: [ID_GENERATOR],
      deps: (ids: IdGenerator) => ({ ids }),
    }),
    commandHandler(OfficerDecisionsHandler),
    commandHandler(ReportEmployerChangeHandler),
    commandHandler(UpdateWorksiteHandler),
    commandHandler(CloseWorksiteHandler),
    commandHandler(ApplyAuditOutcomeHandler),
    commandHandler(RecordRiskChangeHandler),
    commandHandler(RecordPermitHeadcountHandler),
    queryHandler(GetEmployerHandler),
    queryHandler(ListEmployersHandler),
    queryHandler(GetEmployerHistoryHandler),
  ],
  exports: HANDLERS,
})
export class UseCasesModule {}
