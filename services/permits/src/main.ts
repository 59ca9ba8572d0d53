import 'reflect-metadata';
import { runService } from '@frontera/platform-runtime';
import { AppModule, SERVICE_NAME } from './app.module';
import { PermitsConfig } from './config/permits.config';
import { ROSTER_CONTENT_TYPE } from './rosters/roster-file.reader';
import { OPENAPI_INFO } from './openapi-info';

runService({
  serviceName: SERVICE_NAME,
  configClass: PermitsConfig,
  module: (config) => AppModule.forRoot(config),
  // Roster uploads are the CSV file itself (read by the rosters module while it arrives).
  extraContentTypes: [ROSTER_CONTENT_TYPE],
  swagger: OPENAPI_INFO,
});
