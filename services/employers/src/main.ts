import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { bootConfig } from '@frontera/platform-config';
import { createHttpApp } from '@frontera/platform-http';
import { AppModule, SERVICE_NAME } from './app.module';
import { developmentAuthKey } from '@frontera/platform-auth';
import { EmployersConfig } from './config/employers.config';

/**
 * createHttpApp logs through the JSON logger of ObservabilityModule from the first line, and on
 * SIGTERM/SIGINT closes the application and exits 0 (1 after SHUTDOWN_TIMEOUT_MS).
 */
async function bootstrap(): Promise<void> {
  // In development without a key, AUTH_PUBLIC_KEY defaults to the development token issuer's.
  const config = bootConfig(EmployersConfig, { service: SERVICE_NAME });
  await createHttpApp(AppModule.forRoot(config), {
    config,
    serviceName: SERVICE_NAME,
    swagger: {
      title: 'Frontera — employers',
      description:
        'Registration of employers of border workers (TVTF), their worksites, verification, compliance ' +
        'rating and suspension. Errors are RFC 9457 problem details (application/problem+json) with a stable ' +
        '`code`, in Spanish unless Accept-Language asks for English.',
      version: '1',
    },
  });
  const developmentKey = developmentAuthKey(process.env);
  if (developmentKey?.keyFile) {
    new Logger('Auth').log(
      `trusting development tokens signed with ${developmentKey.keyFile} (NODE_ENV=development)`,
    );
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `${SERVICE_NAME} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
