import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { EmployersConfig } from '../config/employers.config';
import { EMPLOYERS_CONFIG } from './tokens';

/** The validated configuration, injectable everywhere as EMPLOYERS_CONFIG. */
@Global()
@Module({})
export class EmployersConfigModule {
  static forRoot(config: Readonly<EmployersConfig>): DynamicModule {
    return {
      module: EmployersConfigModule,
      providers: [{ provide: EMPLOYERS_CONFIG, useValue: config }],
      exports: [EMPLOYERS_CONFIG],
    };
  }
}
