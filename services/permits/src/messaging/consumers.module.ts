import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { UseCasesModule } from '../wiring/use-cases.module';
import { VerificationBackfill } from '../verification/verification-backfill';
import { PermitsEventConsumers } from './permits-event.consumers';

@Module({
  imports: [UseCasesModule, PersistenceModule],
  providers: [PermitsEventConsumers, VerificationBackfill],
})
export class ConsumersModule {}
