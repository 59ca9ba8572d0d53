import { Module } from '@nestjs/common';
import { LockingModule } from '../locking/locking.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { UseCasesModule } from '../wiring/use-cases.module';
import { EmployerEventConsumers } from './employer-event.consumers';

@Module({
  imports: [UseCasesModule, PersistenceModule, LockingModule],
  providers: [EmployerEventConsumers],
})
export class ConsumersModule {}
