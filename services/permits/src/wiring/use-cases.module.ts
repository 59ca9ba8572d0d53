import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Module, type Provider } from '@nestjs/common';
import {
  ApplicationDecisionsHandler,
  ApplyEmployerFactHandler,
  ApproveApplicationHandler,
  CompleteApprovedApplicationHandler,
  GetApplicationHandler,
  GetPermitHandler,
  GetPermitHistoryHandler,
  ListApplicationsHandler,
  ListPermitsHandler,
  PermitDecisionsHandler,
  ProjectPermitVerificationHandler,
  RecordAuditOutcomeHandler,
  SubmitApplicationHandler,
  type PermitVerificationReadModel,
  type ApplicationRepository,
  type EmployerStandingRepository,
  type PermitRepository,
  type PermitsCommandDeps,
  type SecureRandom,
  type WorkerRepository,
} from '@frontera/permits-application';
import type { EligibilityRules, PermitOptions } from '@frontera/permits-domain';
import { AGGREGATE_LOCK } from '@frontera/platform-locking';
import { clockOffsetMs, type ServiceConfig } from '@frontera/platform-config';
import { offsetClock, type AggregateLock, type Clock, type IdGenerator } from '@frontera/shared-application';
import type { PermitsConfig } from '../config/permits.config';
import { PersistenceModule } from '../persistence/persistence.module';
import {
  APPLICATION_REPOSITORY,
  CLOCK,
  ELIGIBILITY_RULES,
  ID_GENERATOR,
  PERMIT_OPTIONS,
  PERMIT_REPOSITORY,
  PERMITS_CONFIG,
  SECURE_RANDOM,
  STANDING_REPOSITORY,
  VERIFICATION_READ_MODEL,
  WORKER_REPOSITORY,
} from './tokens';

/** Ids: `<prefix>_` + a UUID without dashes (within the contracts' id pattern). */
const uuidIds: IdGenerator = { newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}` };

/** Node's CSPRNG: permit numbers' random part, 128-bit verification tokens. */
const cryptoRandom: SecureRandom = {
  int: (max) => randomInt(max),
  token: () => randomBytes(16).toString('base64url'),
};

/** Everything a handler may need, injected once; each handler takes what it uses. */
interface AllDeps extends PermitsCommandDeps {
  readonly standings: EmployerStandingRepository;
  readonly verifications: PermitVerificationReadModel;
  readonly ids: IdGenerator;
  readonly random: SecureRandom;
  readonly rules: EligibilityRules;
  readonly permitOptions: PermitOptions;
  readonly transferWindowDays: number;
}

const ALL_DEPS = Symbol('PERMITS_ALL_DEPS');

function handler<T>(type: new (deps: AllDeps) => T): Provider {
  return { provide: type, inject: [ALL_DEPS], useFactory: (deps: AllDeps) => new type(deps) };
}

const HANDLERS = [
  SubmitApplicationHandler,
  ApproveApplicationHandler,
  CompleteApprovedApplicationHandler,
  ApplicationDecisionsHandler,
  PermitDecisionsHandler,
  ApplyEmployerFactHandler,
  GetApplicationHandler,
  ListApplicationsHandler,
  GetPermitHandler,
  ListPermitsHandler,
  GetPermitHistoryHandler,
  ProjectPermitVerificationHandler,
  RecordAuditOutcomeHandler,
];

/**
 * The application's use cases wired to the service's adapters. The handlers are plain classes of
 * @frontera/permits-application (no Nest there): built here by factory from one set of ports.
 */
@Module({
  imports: [PersistenceModule],
  providers: [
    // The real time, shifted by CLOCK_OFFSET in development and tests (decision 0045).
    {
      provide: CLOCK,
      inject: [PERMITS_CONFIG],
      useFactory: (config: Pick<ServiceConfig, 'CLOCK_OFFSET'>): Clock => offsetClock(clockOffsetMs(config)),
    },
    { provide: ID_GENERATOR, useValue: uuidIds },
    { provide: SECURE_RANDOM, useValue: cryptoRandom },
    {
      provide: ALL_DEPS,
      inject: [
        WORKER_REPOSITORY,
        APPLICATION_REPOSITORY,
        PERMIT_REPOSITORY,
        STANDING_REPOSITORY,
        VERIFICATION_READ_MODEL,
        AGGREGATE_LOCK,
        CLOCK,
        ID_GENERATOR,
        SECURE_RANDOM,
        ELIGIBILITY_RULES,
        PERMIT_OPTIONS,
        PERMITS_CONFIG,
      ],
      useFactory: (
        workers: WorkerRepository,
        applications: ApplicationRepository,
        permits: PermitRepository,
        standings: EmployerStandingRepository,
        verifications: PermitVerificationReadModel,
        lock: AggregateLock,
        clock: Clock,
        ids: IdGenerator,
        random: SecureRandom,
        rules: EligibilityRules,
        permitOptions: PermitOptions,
        config: PermitsConfig,
      ): AllDeps => ({
        workers,
        applications,
        permits,
        standings,
        verifications,
        lock,
        clock,
        ids,
        random,
        rules,
        permitOptions,
        transferWindowDays: config.TRANSFER_WINDOW_DAYS,
      }),
    },
    ...HANDLERS.map((type) => handler(type as new (deps: AllDeps) => unknown)),
  ],
  exports: [...HANDLERS, ALL_DEPS, CLOCK, ID_GENERATOR, SECURE_RANDOM],
})
export class UseCasesModule {}

export { ALL_DEPS, type AllDeps };
