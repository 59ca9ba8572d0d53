import type { ServerResponse } from 'node:http';
import { Controller, Get, Res, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PUBLIC_ROUTE_METADATA_KEY } from '../routes';
import { metricsSnapshot } from './metrics';

/** GET /metrics: Prometheus text format of the default registry; public (no authentication). */
@SetMetadata(PUBLIC_ROUTE_METADATA_KEY, true)
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiOkResponse({ description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } })
  async scrape(@Res() res: ServerResponse): Promise<void> {
    const { contentType, body } = await metricsSnapshot();
    res.statusCode = 200;
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  }
}
