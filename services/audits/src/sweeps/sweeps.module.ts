import { Module } from '@nestjs/common';
import { UseCasesModule } from '../wiring/use-cases.module';
import { TaskSweeps } from './task-sweeps';

/**
 * Due audits become tasks on a scheduled BullMQ job (never at request time): SweepPlansHandler of
 * @frontera/audits-application over the service's ports, run by TaskSweeps every
 * TASK_SWEEP_EVERY_MS, looking back TASK_SWEEP_CATCH_UP_DAYS (the plans' `taskOn` day buckets).
 */
@Module({
  imports: [UseCasesModule],
  providers: [TaskSweeps],
  exports: [TaskSweeps],
})
export class SweepsModule {}
