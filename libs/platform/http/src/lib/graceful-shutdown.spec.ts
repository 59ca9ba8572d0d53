import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ReadinessService } from '@frontera/platform-observability';
import { exitOnShutdownSignals, type ShutdownTarget } from './graceful-shutdown';

class FakeProcess extends EventEmitter {
  readonly exit = jest.fn();
}

function anApp(close: () => Promise<void>, readiness?: { beginShutdown: jest.Mock }) {
  const calls: string[] = [];
  const app: ShutdownTarget = {
    get: ((token: unknown) => {
      if (token !== ModuleRef) throw new Error('only the ModuleRef is asked for');
      return {
        get: (wanted: unknown) => {
          if (wanted === ReadinessService && readiness) return [readiness];
          throw new Error('unknown element');
        },
      };
    }) as ShutdownTarget['get'],
    close: jest.fn(async (signal?: string) => {
      calls.push(`close ${signal ?? ''}`);
      await close();
    }),
  };
  return { app, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('exitOnShutdownSignals', () => {
  let logs: jest.SpyInstance[];
  beforeEach(() => {
    logs = [
      jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined),
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined),
    ];
  });
  afterEach(() => {
    logs.forEach((spy) => spy.mockRestore());
    jest.useRealTimers();
  });

  it('on SIGTERM marks readiness down first, closes the app once and exits 0', async () => {
    const proc = new FakeProcess();
    const order: string[] = [];
    const readiness = { beginShutdown: jest.fn(() => order.push('readiness down')) };
    const { app, calls } = anApp(async () => {
      order.push('closed');
    }, readiness);
    exitOnShutdownSignals(app, { process: proc as unknown as NodeJS.Process, timeoutMs: 1000 });

    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGTERM', 'SIGTERM'); // repeated: ignored
    proc.emit('SIGINT', 'SIGINT');
    await settle();

    expect(order).toEqual(['readiness down', 'closed']);
    expect(calls).toEqual(['close SIGTERM']);
    expect(proc.exit.mock.calls).toEqual([[0]]);
  });

  it('works without ReadinessService (an app without ObservabilityModule)', async () => {
    const proc = new FakeProcess();
    const { app } = anApp(async () => undefined);
    exitOnShutdownSignals(app, { process: proc as unknown as NodeJS.Process });
    proc.emit('SIGINT', 'SIGINT');
    await settle();
    expect(proc.exit.mock.calls).toEqual([[0]]);
  });

  it('exits 1 when closing takes longer than the timeout', async () => {
    jest.useFakeTimers();
    const proc = new FakeProcess();
    const { app } = anApp(() => new Promise<void>(() => undefined)); // never closes
    exitOnShutdownSignals(app, { process: proc as unknown as NodeJS.Process, timeoutMs: 500 });
    proc.emit('SIGTERM', 'SIGTERM');
    jest.advanceTimersByTime(499);
    expect(proc.exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(proc.exit.mock.calls).toEqual([[1]]);
  });

  it('exits 1 when closing fails', async () => {
    const proc = new FakeProcess();
    const { app } = anApp(() => Promise.reject(new Error('mongo would not close')));
    exitOnShutdownSignals(app, { process: proc as unknown as NodeJS.Process });
    proc.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(proc.exit.mock.calls).toEqual([[1]]);
  });

  it('removes its listeners when asked', () => {
    const proc = new FakeProcess();
    const uninstall = exitOnShutdownSignals(anApp(async () => undefined).app, {
      process: proc as unknown as NodeJS.Process,
    });
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    uninstall();
    expect(proc.listenerCount('SIGTERM') + proc.listenerCount('SIGINT')).toBe(0);
  });
});
