import 'reflect-metadata';
import { runService } from '@frontera/platform-runtime';
import { AppModule, SERVICE_NAME } from './app.module';
import { EmployersConfig } from './config/employers.config';

runService({
  serviceName: SERVICE_NAME,
  configClass: EmployersConfig,
  module: (config) => AppModule.forRoot(config),
  swagger: {
    title: 'Frontera — employers',
    description:
      'Registration of employers of border workers (TVTF), their worksites, verification, compliance ' +
      'rating and suspension. Errors are RFC 9457 problem details (application/problem+json) with a stable ' +
      '`code`, in Spanish unless Accept-Language asks for English.',
    version: '1',
  },
});
