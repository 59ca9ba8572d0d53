import type { HttpAdapterHost } from '@nestjs/core';
import type { TokenVerifier } from '@frontera/platform-auth';
import type { JobsService } from '@frontera/platform-jobs';
import { QueueBoard, type QueueBoardOptions } from './queue-board.module';

describe('QueueBoard (OPS_QUEUE_BOARD)', () => {
  function boardWith(options: Partial<QueueBoardOptions>) {
    const mounted: unknown[][] = [];
    const app = { use: (...args: unknown[]) => mounted.push(args) };
    const host = { httpAdapter: { getInstance: () => app } } as unknown as HttpAdapterHost;
    const jobs = {
      queue: () => {
        throw new Error('no queue may be opened');
      },
    } as unknown as JobsService;
    const board = new QueueBoard(
      { serviceName: 'permits', queues: [], enabled: true, ...options },
      host,
      jobs,
      {} as TokenVerifier,
    );
    return { board, mounted };
  }

  it('Given OPS_QUEUE_BOARD=disabled, Then nothing is mounted and no queue is opened', () => {
    const { board, mounted } = boardWith({ enabled: false });
    board.onModuleInit();
    expect(mounted).toEqual([]);
  });

  it('Given it is enabled, Then the guard and the board are mounted at /ops/queues/<service>', () => {
    const { board, mounted } = boardWith({ enabled: true });
    board.onModuleInit();
    expect(mounted).toHaveLength(1);
    expect(mounted[0]?.[0]).toBe('/ops/queues/permits');
    expect(mounted[0]).toHaveLength(3);
    expect(mounted[0]?.slice(1).every((handler) => typeof handler === 'function')).toBe(true);
  });
});
