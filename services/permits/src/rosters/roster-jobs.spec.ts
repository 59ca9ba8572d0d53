import type { ProcessRosterImportHandler } from '@frontera/permits-application';
import type { JobsService } from '@frontera/platform-jobs';
import type { PermitsConfig } from '../config/permits.config';
import { RosterQueue } from './roster-jobs';
import { ROSTER_JOB_ATTEMPTS } from './roster.queue';

function aQueue(outcome: () => Promise<'COMPLETED'>) {
  const calls: { execute: unknown[][]; giveUp: string[] } = { execute: [], giveUp: [] };
  const processor = {
    execute: (...args: unknown[]) => {
      calls.execute.push(args);
      return outcome();
    },
    giveUp: async (importId: string) => {
      calls.giveUp.push(importId);
    },
  } as unknown as ProcessRosterImportHandler;
  const queue = new RosterQueue({} as JobsService, processor, {} as PermitsConfig);
  return { queue, calls };
}

const context = (attempt: number) => ({
  jobId: 'rim_1-v1',
  attempt,
  correlationId: 'corr-1',
  signal: new AbortController().signal,
});

describe('RosterQueue (the roster job)', () => {
  it('runs the import the job names with the job’s correlation id, its id as causation and its abort signal', async () => {
    const { queue, calls } = aQueue(async () => 'COMPLETED');
    const run = context(1);
    expect(await queue.run({ importId: 'rim_1' }, run)).toBe('COMPLETED');
    expect(calls.execute).toEqual([
      ['rim_1', { correlationId: 'corr-1', causationId: 'rim_1-v1', signal: run.signal }],
    ]);
  });

  it('Given a failing run, Then it fails for a retry, and after the last attempt the import is given up (FAILED)', async () => {
    const { queue, calls } = aQueue(async () => {
      throw new Error('store down');
    });
    await expect(queue.run({ importId: 'rim_1' }, context(1))).rejects.toThrow('store down');
    expect(calls.giveUp).toEqual([]);
    await expect(queue.run({ importId: 'rim_1' }, context(ROSTER_JOB_ATTEMPTS))).rejects.toThrow(
      'store down',
    );
    expect(calls.giveUp).toEqual(['rim_1']);
  });
});
