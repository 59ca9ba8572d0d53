import 'reflect-metadata';
import { runService } from '@frontera/platform-runtime';
import { AppModule, SERVICE_NAME } from './app.module';
import { EmployersConfig } from './config/employers.config';
import { OPENAPI_INFO } from './openapi-info';

runService({
  serviceName: SERVICE_NAME,
  configClass: EmployersConfig,
  module: (config) => AppModule.forRoot(config),
  swagger: OPENAPI_INFO,
});
