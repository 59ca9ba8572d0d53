import { Global, Module, type DynamicModule } from '@nestjs/common';
import { eligibilityRules, type PermitOptions } from '@frontera/permits-domain';
import { eligibleStatesOf } from '@frontera/platform-config';
import { minimumDailyWageOf, permitValidityOf, type PermitsConfig } from '../config/permits.config';
import { ELIGIBILITY_RULES, PERMIT_OPTIONS, PERMITS_CONFIG } from './tokens';

/** The validated configuration, and the domain policies built from it once (refused at boot when invalid). */
@Global()
@Module({})
export class PermitsConfigModule {
  static forRoot(config: Readonly<PermitsConfig>): DynamicModule {
    const permitOptions: PermitOptions = {
      validity: permitValidityOf(config),
      noticeDays: config.EXPIRY_NOTICE_DAYS,
    };
    const rules = eligibilityRules({
      minimumDailyWage: minimumDailyWageOf(config),
      eligibleStates: eligibleStatesOf(config),
    });
    return {
      module: PermitsConfigModule,
      providers: [
        { provide: PERMITS_CONFIG, useValue: config },
        { provide: PERMIT_OPTIONS, useValue: permitOptions },
        { provide: ELIGIBILITY_RULES, useValue: rules },
      ],
      exports: [PERMITS_CONFIG, PERMIT_OPTIONS, ELIGIBILITY_RULES],
    };
  }
}
