import { Module } from '@nestjs/common';
import { UseCasesModule } from '../wiring/use-cases.module';
import { ReferralsController } from './referrals.controller';

/** Referrals: the supervisors' list and the agencies' acknowledgements and outcomes. */
@Module({
  imports: [UseCasesModule],
  controllers: [ReferralsController],
})
export class ReferralsModule {}
