import { Module } from '@nestjs/common';
import { PermitCardHandler } from '@frontera/permits-application';
import type { PermitsConfig } from '../config/permits.config';
import { PERMITS_CONFIG } from '../wiring/tokens';
import { ALL_DEPS, UseCasesModule, type AllDeps } from '../wiring/use-cases.module';
import { PermitCardController } from './permit-card.controller';
import { PermitCardRenderer } from './permit-card.renderer';

/** `GET /permits/{id}/card.pdf`: the card's data from PermitCardHandler, drawn by PermitCardRenderer. */
@Module({
  imports: [UseCasesModule],
  providers: [
    {
      provide: PermitCardHandler,
      inject: [ALL_DEPS],
      useFactory: (deps: AllDeps) => new PermitCardHandler(deps),
    },
    {
      provide: PermitCardRenderer,
      inject: [PERMITS_CONFIG],
      useFactory: (config: PermitsConfig) => new PermitCardRenderer(config.PUBLIC_BASE_URL),
    },
  ],
  controllers: [PermitCardController],
})
export class CardModule {}
