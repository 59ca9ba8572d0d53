import { Module } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { AuditProgram } from '@frontera/audits-domain';
import { OutboxPublisher } from '@frontera/platform-messaging';
import type { PiiCipher } from '@frontera/platform-pii';
import { PII_CIPHER } from '@frontera/platform-runtime';
import {
  AUDIT_PROGRAM,
  COMPLAINT_REPOSITORY,
  INSPECTOR_REPOSITORY,
  REFERRAL_REPOSITORY,
  REFERRAL_STATISTICS_REPOSITORY,
  PLAN_REPOSITORY,
  PERMIT_FACTS_REPOSITORY,
  PROFILE_REPOSITORY,
  TASK_REPOSITORY,
} from '../wiring/tokens';
import {
  ComplaintSchema,
  EmployerPermitFactsSchema,
  EmployerProfileSchema,
  HeldPermitSchema,
  ensureSidecarIndexes,
  InspectorSchema,
  InspectorStateSchema,
  PlanSchema,
  ReferralCounterSchema,
  ReferralSchema,
  TaskSchema,
  type ComplaintDocument,
  type EmployerPermitFactsDocument,
  type EmployerProfileDocument,
  type HeldPermitDocument,
  type InspectorDocument,
  type InspectorStateDocument,
  type PlanDocument,
  type ReferralCounterDocument,
  type ReferralDocument,
  type TaskDocument,
} from './audits.schemas';
import { MongoAuditPlanRepository } from './mongo-audit-plan.repository';
import { MongoAuditTaskRepository } from './mongo-audit-task.repository';
import { MongoComplaintRepository } from './mongo-complaint.repository';
import { MongoEmployerProfileRepository } from './mongo-employer-profile.repository';
import { MongoInspectorRepository } from './mongo-inspector.repository';
import { MongoPermitFactsRepository } from './mongo-permit-facts.repository';
import { MongoReferralRepository } from './mongo-referral.repository';
import { MongoReferralStatisticsRepository } from './mongo-referral-statistics.repository';

export const MODELS = {
  plan: 'AuditPlan',
  task: 'AuditTask',
  inspector: 'Inspector',
  inspectorState: 'InspectorState',
  profile: 'EmployerProfile',
  complaint: 'Complaint',
  referral: 'Referral',
  heldPermit: 'HeldPermit',
  permitFacts: 'EmployerPermitFacts',
  referralCounter: 'ReferralCounter',
} as const;

/** The repository ports on MongoDB / FerretDB (finding notes encrypted). Indexes exist before the first write. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MODELS.plan, schema: PlanSchema },
      { name: MODELS.task, schema: TaskSchema },
      { name: MODELS.inspector, schema: InspectorSchema },
      { name: MODELS.inspectorState, schema: InspectorStateSchema },
      { name: MODELS.profile, schema: EmployerProfileSchema },
      { name: MODELS.complaint, schema: ComplaintSchema },
      { name: MODELS.referral, schema: ReferralSchema },
      { name: MODELS.heldPermit, schema: HeldPermitSchema },
      { name: MODELS.permitFacts, schema: EmployerPermitFactsSchema },
      { name: MODELS.referralCounter, schema: ReferralCounterSchema },
    ]),
  ],
  providers: [
    {
      provide: PLAN_REPOSITORY,
      inject: [getModelToken(MODELS.plan), OutboxPublisher, AUDIT_PROGRAM],
      useFactory: async (model: Model<PlanDocument>, publisher: OutboxPublisher, program: AuditProgram) => {
        await model.init();
        return new MongoAuditPlanRepository(model, publisher, program);
      },
    },
    {
      provide: TASK_REPOSITORY,
      inject: [getModelToken(MODELS.task), PII_CIPHER, OutboxPublisher, AUDIT_PROGRAM, getConnectionToken()],
      useFactory: async (
        model: Model<TaskDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
        program: AuditProgram,
        connection: Connection,
      ) => {
        await Promise.all([model.init(), ensureSidecarIndexes(connection)]);
        return new MongoAuditTaskRepository(model, cipher, publisher, program);
      },
    },
    {
      provide: INSPECTOR_REPOSITORY,
      inject: [getModelToken(MODELS.inspector), getModelToken(MODELS.inspectorState), OutboxPublisher],
      useFactory: async (
        model: Model<InspectorDocument>,
        states: Model<InspectorStateDocument>,
        publisher: OutboxPublisher,
      ) => {
        await Promise.all([model.init(), states.init()]);
        return new MongoInspectorRepository(model, states, publisher);
      },
    },
    {
      provide: COMPLAINT_REPOSITORY,
      inject: [getModelToken(MODELS.complaint), PII_CIPHER, OutboxPublisher, AUDIT_PROGRAM],
      useFactory: async (
        model: Model<ComplaintDocument>,
        cipher: PiiCipher,
        publisher: OutboxPublisher,
        program: AuditProgram,
      ) => {
        await model.init();
        return new MongoComplaintRepository(model, cipher, publisher, program);
      },
    },
    {
      provide: REFERRAL_REPOSITORY,
      inject: [getModelToken(MODELS.referral), OutboxPublisher, AUDIT_PROGRAM],
      useFactory: async (
        model: Model<ReferralDocument>,
        publisher: OutboxPublisher,
        program: AuditProgram,
      ) => {
        await model.init();
        return new MongoReferralRepository(model, publisher, program);
      },
    },
    {
      provide: REFERRAL_STATISTICS_REPOSITORY,
      inject: [getModelToken(MODELS.referralCounter)],
      useFactory: async (model: Model<ReferralCounterDocument>) => {
        await model.init();
        return new MongoReferralStatisticsRepository(model);
      },
    },
    {
      provide: PROFILE_REPOSITORY,
      inject: [getModelToken(MODELS.profile)],
      useFactory: (model: Model<EmployerProfileDocument>) => new MongoEmployerProfileRepository(model),
    },
    {
      provide: PERMIT_FACTS_REPOSITORY,
      inject: [getModelToken(MODELS.heldPermit), getModelToken(MODELS.permitFacts)],
      useFactory: async (held: Model<HeldPermitDocument>, employers: Model<EmployerPermitFactsDocument>) => {
        await held.init();
        return new MongoPermitFactsRepository(held, employers);
      },
    },
  ],
  exports: [
    PERMIT_FACTS_REPOSITORY,
    PLAN_REPOSITORY,
    TASK_REPOSITORY,
    INSPECTOR_REPOSITORY,
    PROFILE_REPOSITORY,
    COMPLAINT_REPOSITORY,
    REFERRAL_REPOSITORY,
    REFERRAL_STATISTICS_REPOSITORY,
    MongooseModule,
  ],
})
export class PersistenceModule {}
