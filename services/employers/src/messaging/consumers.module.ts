import { Module } from '@nestjs/common';
import { PersistenceModule } from '../persistence/persistence.module';
import { UseCasesModule } from '../wiring/use-cases.module';
import { EmployerEventConsumers } from './employer-event.consumers';
import { MessagingShutdown } from './messaging-shutdown';

@Module({
  imports: [UseCasesModule, PersistenceModule],
  providers: [EmployerEventConsumers, MessagingShutdown],
})
export class ConsumersModule {}
