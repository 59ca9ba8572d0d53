import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Req, Res, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { correlationIdOf } from '../correlation/correlation.middleware';
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
  instance: string;
  correlationId: string;
  checks: Awaited<ReturnType<ReadinessService['check']>>['checks'];
}

const CHECKS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'One entry per dependency (mongodb, kafka, redis…)',
  additionalProperties: {
    type: 'object',
    required: ['status', 'latencyMs', 'checkedAt'],
    properties: {
      status: { type: 'string', enum: ['up', 'down'] },
      latencyMs: { type: 'number', minimum: 0 },
      error: { type: 'string', description: 'Why it is down' },
      checkedAt: { type: 'string', format: 'date-time' },
    },
  },
};

const LIVENESS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'service', 'version', 'uptimeSeconds'],
  properties: {
    status: { type: 'string', enum: ['up'] },
    service: { type: 'string', example: 'employers' },
    version: { type: 'string', example: '1.0.0' },
    uptimeSeconds: { type: 'integer', minimum: 0 },
  },
};

const READY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'checks'],
  properties: { status: { type: 'string', enum: ['ready'] }, checks: CHECKS_SCHEMA },
};

/** Problem details (the platform's document adds the standard members) with the checks. */
const NOT_READY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'checks'],
  properties: {
    code: { type: 'string', enum: ['HEALTH.NOT_READY', 'HEALTH.SHUTTING_DOWN'] },
    checks: CHECKS_SCHEMA,
  },
};

function send(res: ServerResponse, status: number, contentType: string, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/** GET /health/live and GET /health/ready; public (no authentication). */
@SetMetadata(PUBLIC_ROUTE_METADATA_KEY, true)
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ResolvedObservabilityOptions,
  ) {}

  /** The process is up and serving HTTP; checks no dependency (a restart would not fix them). */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP (checks no dependency)' })
  @ApiOkResponse({ description: 'Up', schema: LIVENESS_SCHEMA })
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
  @ApiOperation({ summary: 'Readiness: every dependency answers and the service is not shutting down' })
  @ApiOkResponse({ description: 'Ready', schema: READY_SCHEMA })
  @ApiResponse({
    status: 503,
    description: 'HEALTH.NOT_READY (a dependency is down) / HEALTH.SHUTTING_DOWN',
    content: { 'application/problem+json': { schema: NOT_READY_SCHEMA } },
  })
  async ready(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
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
      instance: ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/health/ready').split('?')[0],
      correlationId: correlationIdOf(req, res),
      checks: report.checks,
    };
    send(res, 503, 'application/problem+json; charset=utf-8', problem);
  }
}
