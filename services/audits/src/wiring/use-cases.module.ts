import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Module, type Provider } from '@nestjs/common';
import {
  ApplyEmployerFactHandler,
  ApplyPermitFactHandler,
  AssignTaskHandler,
  AuditEndedHandler,
  AcknowledgeReferralHandler,
  CloseReferralHandler,
  GetAuditPlanHandler,
  GetEmployerRiskHandler,
  ListReferralsHandler,
  RecordReferralStatisticsHandler,
  ReferComplaintHandler,
  ReferralStatisticsHandler,
  CompleteAuditHandler,
  AddComplaintInformationHandler,
  ComplaintDecisionsHandler,
  ComplaintStatusHandler,
  FileComplaintHandler,
  ListComplaintsHandler,
  TriageComplaintHandler,
  ComplaintRiskHandler,
  GetInspectorHandler,
  GetTaskHandler,
  InspectorDecisionsHandler,
  ListEmployerOutcomesHandler,
  ListInspectorsHandler,
  ListTasksHandler,
  RecordFindingHandler,
  RegisterInspectorHandler,
  StartAuditHandler,
  SweepPlansHandler,
  type AuditPlanRepository,
  type AuditTaskRepository,
  type ComplaintRepository,
  type ComplaintSecrets,
  type ComplaintsDeps,
  type ReferralRepository,
  type ReferralStatisticsDeps,
  type ReferralStatisticsRepository,
  type EmployerProfileRepository,
  type InspectorRepository,
  type PermitFactsRepository,
  type SweepPlansDeps,
} from '@frontera/audits-application';
import type { AuditProgram, RetaliationPolicy, RiskModel } from '@frontera/audits-domain';
import { AGGREGATE_LOCK } from '@frontera/platform-locking';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import { clockOffsetMs, type ServiceConfig } from '@frontera/platform-config';
import { offsetClock, type AggregateLock, type Clock, type IdGenerator } from '@frontera/shared-application';
import { PersistenceModule } from '../persistence/persistence.module';
import {
  AUDIT_PROGRAM,
  CLOCK,
  AUDITS_CONFIG,
  COMPLAINT_REPOSITORY,
  COMPLAINT_SECRETS,
  ID_GENERATOR,
  REFERRAL_REPOSITORY,
  REFERRAL_STATISTICS_REPOSITORY,
  INSPECTOR_REPOSITORY,
  PERMIT_FACTS_REPOSITORY,
  PLAN_REPOSITORY,
  PROFILE_REPOSITORY,
  RETALIATION_POLICY,
  RANDOM_DRAW,
  RISK_MODEL,
  TASK_REPOSITORY,
} from './tokens';

/** Ids: `<prefix>_` + a UUID without dashes (within the contracts' id pattern). */
const uuidIds: IdGenerator = { newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}` };

/** A task id from the plan and the due audit's key (SHA-256, 128 bits): a retried sweep derives the same one. */
export function dueTaskId(planId: string, key: string): string {
  return `tsk_${createHash('sha256').update(`${planId}\n${key}`).digest('hex').slice(0, 32)}`;
}

/** Purpose of the complaint secret's keyed hash (HMAC-SHA-256 with PII_HASH_KEY). */
export const COMPLAINT_SECRET_PURPOSE = 'audits.complaint.secret';

/** The complainant's secret: 128 random bits, stored only as its keyed hash. */
function complaintSecrets(cipher: PiiCipher): ComplaintSecrets {
  return {
    newSecret: () => randomBytes(16).toString('base64url'),
    hash: (secret) => cipher.blindIndex(secret, COMPLAINT_SECRET_PURPOSE),
    randomInt: (max) => randomInt(max),
  };
}

/** A uniform draw in [0, 1) from the CSPRNG (32 bits): the random sample of LOW-tier plans. */
export const cryptoDraw = (): number => randomInt(2 ** 32) / 2 ** 32;

/** Everything a handler may need, injected once; each handler takes what it uses. */
type AllDeps = SweepPlansDeps & ComplaintsDeps & ReferralStatisticsDeps;

const ALL_DEPS = Symbol('AUDITS_ALL_DEPS');

function handler<T>(type: new (deps: AllDeps) => T): Provider {
  return { provide: type, inject: [ALL_DEPS], useFactory: (deps: AllDeps) => new type(deps) };
}

const HANDLERS = [
  ApplyEmployerFactHandler,
  ApplyPermitFactHandler,
  AuditEndedHandler,
  SweepPlansHandler,
  RegisterInspectorHandler,
  GetInspectorHandler,
  ListInspectorsHandler,
  InspectorDecisionsHandler,
  GetTaskHandler,
  ListTasksHandler,
  StartAuditHandler,
  RecordFindingHandler,
  CompleteAuditHandler,
  ComplaintStatusHandler,
  FileComplaintHandler,
  ListComplaintsHandler,
  TriageComplaintHandler,
  AssignTaskHandler,
  ListEmployerOutcomesHandler,
  FileComplaintHandler,
  ComplaintStatusHandler,
  ListComplaintsHandler,
  TriageComplaintHandler,
  ListReferralsHandler,
  AcknowledgeReferralHandler,
  CloseReferralHandler,
  ReferComplaintHandler,
  RecordReferralStatisticsHandler,
  ReferralStatisticsHandler,
  GetEmployerRiskHandler,
  GetAuditPlanHandler,
  AddComplaintInformationHandler,
  ComplaintDecisionsHandler,
  ComplaintRiskHandler,
];

/**
 * The application's use cases wired to the service's adapters. The handlers are plain classes of
 * @frontera/audits-application (no Nest there): built here by factory from one set of ports.
 */
@Module({
  imports: [PersistenceModule],
  providers: [
    // The real time, shifted by CLOCK_OFFSET in development and tests (decision 0045).
    {
      provide: CLOCK,
      inject: [AUDITS_CONFIG],
      useFactory: (config: Pick<ServiceConfig, 'CLOCK_OFFSET'>): Clock => offsetClock(clockOffsetMs(config)),
    },
    { provide: ID_GENERATOR, useValue: uuidIds },
    { provide: RANDOM_DRAW, useValue: cryptoDraw },
    { provide: COMPLAINT_SECRETS, inject: [PII_CIPHER], useFactory: complaintSecrets },
    {
      provide: ALL_DEPS,
      inject: [
        PLAN_REPOSITORY,
        TASK_REPOSITORY,
        INSPECTOR_REPOSITORY,
        PROFILE_REPOSITORY,
        COMPLAINT_REPOSITORY,
        COMPLAINT_SECRETS,
        REFERRAL_REPOSITORY,
        REFERRAL_STATISTICS_REPOSITORY,
        AGGREGATE_LOCK,
        CLOCK,
        ID_GENERATOR,
        AUDIT_PROGRAM,
        RISK_MODEL,
        PERMIT_FACTS_REPOSITORY,
        RETALIATION_POLICY,
        RANDOM_DRAW,
      ],
      useFactory: (
        plans: AuditPlanRepository,
        tasks: AuditTaskRepository,
        inspectors: InspectorRepository,
        profiles: EmployerProfileRepository,
        complaints: ComplaintRepository,
        secrets: ComplaintSecrets,
        referrals: ReferralRepository,
        statistics: ReferralStatisticsRepository,
        lock: AggregateLock,
        clock: Clock,
        ids: IdGenerator,
        program: AuditProgram,
        riskModel: RiskModel,
        permitFacts: PermitFactsRepository,
        retaliation: RetaliationPolicy,
        randomDraw: () => number,
      ): AllDeps => ({
        plans,
        tasks,
        inspectors,
        profiles,
        complaints,
        secrets,
        referrals,
        statistics,
        lock,
        clock,
        ids,
        program,
        riskModel,
        permitFacts,
        retaliation,
        dueTaskId,
        randomDraw,
      }),
    },
    ...HANDLERS.map((type) => handler(type as new (deps: AllDeps) => unknown)),
  ],
  exports: [...HANDLERS, ALL_DEPS, CLOCK, ID_GENERATOR],
})
export class UseCasesModule {}

export { ALL_DEPS, type AllDeps };
