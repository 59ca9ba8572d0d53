import 'reflect-metadata';
import { runService } from '@frontera/platform-runtime';
import { AppModule, SERVICE_NAME } from './app.module';
import { PermitsConfig } from './config/permits.config';
import { ROSTER_CONTENT_TYPE } from './rosters/roster-file.reader';

runService({
  serviceName: SERVICE_NAME,
  configClass: PermitsConfig,
  module: (config) => AppModule.forRoot(config),
  // Roster uploads are the CSV file itself (read by the rosters module while it arrives).
  extraContentTypes: [ROSTER_CONTENT_TYPE],
  swagger: {
    title: 'Frontera — permits',
    description:
      'Border worker permits (TVTF): workers and their biographical data, applications and harvest rosters, ' +
      'issuance, lifecycle, transfers and the public verification. Errors are RFC 9457 problem details ' +
      '(application/problem+json) with a stable `code`, in Spanish unless Accept-Language asks for English.',
    version: '1',
  },
});
