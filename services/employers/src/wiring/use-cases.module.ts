import { randomUUID } from 'node:crypto';
import { Module, type Provider } from '@nestjs/common';
import {
  AddWorksiteHandler,
  ApplyAuditOutcomeHandler,
  CloseWorksiteHandler,
  DeregisterEmployerHandler,
  GetEmployerHandler,
  GetEmployerHistoryHandler,
  ListEmployersHandler,
  RecordPermitHeadcountHandler,
  RecordRiskChangeHandler,
  RegisterEmployerHandler,
  ReinstateEmployerHandler,
  RejectEmployerHandler,
  ReportEmployerChangeHandler,
  SuspendEmployerHandler,
  systemClock,
  UpdateWorksiteHandler,
  VerifyEmployerHandler,
  type AggregateLock,
  type Clock,
  type EmployerCommandDeps,
  type EmployerRepository,
  type IdGenerator,
  type RegistrationNumberSequence,
} from '@frontera/employers-application';
import { eligibleStatesOf, type EmployersConfig } from '../config/employers.config';
import { LockingModule } from '../locking/locking.module';
import { PersistenceModule } from '../persistence/persistence.module';
import {
  AGGREGATE_LOCK,
  CLOCK,
  EMPLOYER_REPOSITORY,
  EMPLOYERS_CONFIG,
  ID_GENERATOR,
  REGISTRATION_NUMBERS,
} from './tokens';

/** Worksite ids: `ws_` + a UUID without dashes (35 characters, within the contracts' id pattern). */
const uuidIds: IdGenerator = { newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}` };

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

/** A handler whose only dependencies are the repository, the lock and the clock. */
function commandHandler<T>(handler: new (deps: EmployerCommandDeps) => T): Provider {
  return {
    provide: handler,
    inject: [...COMMAND_DEPS],
    useFactory: (employers: EmployerRepository, lock: AggregateLock, clock: Clock) =>
      new handler(commandDeps(employers, lock, clock)),
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
  RejectEmployerHandler,
  SuspendEmployerHandler,
  ReinstateEmployerHandler,
  DeregisterEmployerHandler,
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
 */
@Module({
  imports: [PersistenceModule, LockingModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: ID_GENERATOR, useValue: uuidIds },
    {
      provide: RegisterEmployerHandler,
      inject: [...COMMAND_DEPS, EMPLOYERS_CONFIG],
      useFactory: (
        employers: EmployerRepository,
        lock: AggregateLock,
        clock: Clock,
        config: EmployersConfig,
      ) => new RegisterEmployerHandler({ employers, lock, clock, eligibleStates: eligibleStatesOf(config) }),
    },
    {
      provide: VerifyEmployerHandler,
      inject: [...COMMAND_DEPS, REGISTRATION_NUMBERS],
      useFactory: (
        employers: EmployerRepository,
        lock: AggregateLock,
        clock: Clock,
        registrationNumbers: RegistrationNumberSequence,
      ) => new VerifyEmployerHandler({ employers, lock, clock, registrationNumbers }),
    },
    {
      provide: AddWorksiteHandler,
      inject: [...COMMAND_DEPS, ID_GENERATOR],
      useFactory: (employers: EmployerRepository, lock: AggregateLock, clock: Clock, ids: IdGenerator) =>
        new AddWorksiteHandler({ employers, lock, clock, ids }),
    },
    commandHandler(RejectEmployerHandler),
    commandHandler(SuspendEmployerHandler),
    commandHandler(ReinstateEmployerHandler),
    commandHandler(DeregisterEmployerHandler),
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
