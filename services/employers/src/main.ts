import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: false });
  app.enableShutdownHooks();
  const port = Number(process.env['PORT'] ?? 3000);
  await app.listen(port, process.env['HOST'] ?? '0.0.0.0');
  Logger.log(`employers listening on port ${port}`, 'Bootstrap');
}

void bootstrap();
