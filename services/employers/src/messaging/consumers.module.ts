import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { UseCasesModule } from '../wiring/use-cases.module';
import { EmployerEventConsumers } from './employer-event.consumers';

@Module({
  imports: [UseCasesModule, PersistenceModule],
  providers: [EmployerEventConsumers],
})
export class ConsumersModule {}
