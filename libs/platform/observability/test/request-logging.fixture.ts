import { Writable } from 'node:stream';
import {
  Controller,
  Get,
  HttpException,
  Logger as NestLogger,
  Module,
  NotFoundException,
  Param,
  Query,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectPinoLogger, Logger, PinoLogger } from 'nestjs-pino';
import { pino, type LevelWithSilent, type Logger as Pino } from 'pino';
import { freePort } from '@frontera/platform-testing';
import { ObservabilityModule } from '../src';

export type LogLine = Record<string, unknown>;

/** The destination the app logs to: every JSON line, parsed. */
export class CapturedLogs extends Writable {
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.raw.push(chunk.toString());
    callback();
  }

  lines(): LogLine[] {
    return this.raw
      .join('')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as LogLine);
  }

  requestLines(): LogLine[] {
    return this.lines().filter((line) => typeof line['responseTime'] === 'number');
  }
}

/** pino's shared prototype: every logger's `child` ends up here, whoever calls it. */
export const pinoPrototype = Object.getPrototypeOf(Object.getPrototypeOf(pino({ enabled: false }))) as Pino;

@Controller('test/workers')
class WorkersController {
  private readonly nestLogger = new NestLogger('WorkersNest');

  constructor(@InjectPinoLogger('Workers') private readonly logger: PinoLogger) {}

  @Get('missing')
  missing(): never {
    throw new NotFoundException();
  }

  @Get('broken')
  broken(): never {
    throw new HttpException('unavailable', 503);
  }

  @Get(':id')
  lookup(@Param('id') id: string, @Query('note') note?: string): { id: string } {
    if (note === 'log') {
      // What a careless handler might log: the worker's personal data, through both loggers.
      this.logger.info(
        { workerId: id, worker: { documentNumber: 'GT-7654321', phone: '+502 4444 9876' } },
        'worker looked up',
      );
      this.nestLogger.log({ workerId: id, contact: { email: 'careless@example.com' } });
    }
    return { id };
  }
}

/** A Nest app with ObservabilityModule at `logLevel`, listening on 127.0.0.1, logging to `logs`. */
export async function startApp(logLevel: LevelWithSilent, logs: CapturedLogs): Promise<INestApplication> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({
        serviceName: 'request-logging-int',
        serviceVersion: '1.0.0',
        logLevel,
        destination: logs,
        metrics: { defaultMetrics: false },
      }),
    ],
    controllers: [WorkersController],
  })
  class AppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(await freePort(), '127.0.0.1');
  return app;
}

export async function get(
  app: INestApplication,
  path: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const res = await fetch(`${base}${path}`, { headers });
  await res.arrayBuffer();
  return res;
}

/** Resolves once the response's 'close' has been handled (the line is written after it). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
