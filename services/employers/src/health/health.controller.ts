import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';

/** Liveness and readiness for process managers and load balancers. */
@Controller('health')
export class HealthController {
  private ready = true;

  /** Called on shutdown so load balancers stop sending traffic first. */
  markShuttingDown(): void {
    this.ready = false;
  }

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  readyCheck(): { status: 'ok' } {
    if (!this.ready) throw new ServiceUnavailableException('shutting down');
    return { status: 'ok' };
  }
}
