import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { UseCasesModule } from '../wiring/use-cases.module';
import { PermitsEventConsumers } from './permits-event.consumers';

@Module({
  imports: [UseCasesModule, PersistenceModule],
  providers: [PermitsEventConsumers],
})
export class ConsumersModule {}
