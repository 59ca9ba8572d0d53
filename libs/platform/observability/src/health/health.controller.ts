import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Res, SetMetadata } from '@nestjs/common';
import { OBSERVABILITY_OPTIONS, type ResolvedObservabilityOptions } from '../observability.options';
import { PUBLIC_ROUTE_METADATA_KEY } from '../routes';
import { ReadinessService } from './readiness.service';

export interface LivenessReport {
  status: 'up';
  service: string;
  version: string;
  uptimeSeconds: number;
}

/** RFC 9457 problem details of a failed readiness check, with the per-dependency results. */
export interface NotReadyProblem {
  type: 'about:blank';
  title: 'Service Unavailable';
  status: 503;
  code: 'HEALTH.NOT_READY' | 'HEALTH.SHUTTING_DOWN';
  detail: string;
  checks: Awaited<ReturnType<ReadinessService['check']>>['checks'];
}

function send(res: ServerResponse, status: number, contentType: string, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/** GET /health/live and GET /health/ready; public (no authentication). */
@SetMetadata(PUBLIC_ROUTE_METADATA_KEY, true)
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
  ) {}

  /** The process is up and serving HTTP; checks no dependency (a restart would not fix them). */
  @Get('live')
  live(): LivenessReport {
    return {
      status: 'up',
      service: this.options.serviceName,
      version: this.options.serviceVersion,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  /** 200 when every dependency answers, 503 problem details otherwise or once shutdown began. */
  @Get('ready')
  async ready(@Res() res: ServerResponse): Promise<void> {
    const report = await this.readiness.check();
    if (report.status === 'ready') {
      send(res, 200, 'application/json; charset=utf-8', report);
      return;
    }
    const down = Object.entries(report.checks)
      .filter(([, check]) => check.status === 'down')
      .map(([name, check]) => `${name}: ${check.error ?? 'down'}`);
    const shuttingDown = report.status === 'shutting_down';
    const problem: NotReadyProblem = {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: shuttingDown ? 'HEALTH.SHUTTING_DOWN' : 'HEALTH.NOT_READY',
      detail: shuttingDown
        ? 'The service is shutting down; send requests to another instance.'
        : `Dependencies not available: ${down.join('; ')}`,
      checks: report.checks,
    };
    send(res, 503, 'application/problem+json; charset=utf-8', problem);
  }
}
