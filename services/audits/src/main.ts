import 'reflect-metadata';
import { runService } from '@frontera/platform-runtime';
import { AppModule, SERVICE_NAME } from './app.module';
import { AuditsConfig } from './config/audits.config';

runService({
  serviceName: SERVICE_NAME,
  configClass: AuditsConfig,
  module: (config) => AppModule.forRoot(config),
  swagger: {
    title: 'Frontera — audits',
    description:
      'Audits of employers of border workers: audit plans by risk, inspectors, audit tasks with findings and ' +
      'outcomes, and the outcomes employers may see. Errors are RFC 9457 problem details ' +
      '(application/problem+json) with a stable `code`, in Spanish unless Accept-Language asks for English.',
    version: '1',
  },
});
