import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { UseCasesModule } from '../wiring/use-cases.module';
import { AuditsEventConsumers } from './audits-event.consumers';

@Module({
  imports: [UseCasesModule, PersistenceModule],
  providers: [AuditsEventConsumers],
})
export class ConsumersModule {}
