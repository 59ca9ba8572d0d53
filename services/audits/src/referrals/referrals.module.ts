import { Module } from '@nestjs/common';
import { UseCasesModule } from '../wiring/use-cases.module';
import { ComplaintReferralsController, ReferralsController } from './referrals.controller';

/** Referrals: the supervisors' list, referrals from complaints, the agencies' answers and the statistics. */
@Module({
  imports: [UseCasesModule],
  controllers: [ReferralsController, ComplaintReferralsController],
})
export class ReferralsModule {}
