import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DEFAULT_RISK_MODEL } from '@frontera/audits-domain';
import { auditProgramOf, retaliationPolicyOf, type AuditsConfig } from '../config/audits.config';
import { AUDIT_PROGRAM, AUDITS_CONFIG, RETALIATION_POLICY, RISK_MODEL } from './tokens';

/** The validated configuration, and the domain policies built from it once (refused at boot when invalid). */
@Global()
@Module({})
export class AuditsConfigModule {
  static forRoot(config: Readonly<AuditsConfig>): DynamicModule {
    const program = auditProgramOf(config);
    return {
      module: AuditsConfigModule,
      providers: [
        { provide: AUDITS_CONFIG, useValue: config },
        { provide: AUDIT_PROGRAM, useValue: program },
        { provide: RISK_MODEL, useValue: DEFAULT_RISK_MODEL },
        { provide: RETALIATION_POLICY, useValue: retaliationPolicyOf(config) },
      ],
      exports: [AUDITS_CONFIG, AUDIT_PROGRAM, RISK_MODEL, RETALIATION_POLICY],
    };
  }
}
