import { IsString } from 'class-validator';
import { DEFAULT_JOB_OPTIONS, defineQueue, defineQueues } from './queue-definition';

class EmployerRef {
  @IsString()
  employerId!: string;
}

class LeakyPayload {
  @IsString()
  workerId!: string;

  @IsString()
  phone!: string;
}

class Undecorated {
  employerId!: string;
}

describe('defineQueue', () => {
  it('fills bounded retention and retry defaults', () => {
    const queue = defineQueue({ name: 'permits.expiry', payload: EmployerRef });
    expect(queue.jobOptions).toEqual(DEFAULT_JOB_OPTIONS);
    expect(queue.jobOptions.removeOnComplete.count).toBeGreaterThan(0);
    expect(queue.jobOptions.removeOnFail.count).toBeGreaterThan(0);
  });

  it('keeps what the service chose', () => {
    const queue = defineQueue({
      name: 'audits.plan',
      payload: EmployerRef,
      attempts: 3,
      backoff: { type: 'fixed', delay: 500 },
      removeOnComplete: { count: 10, age: 60 },
      removeOnFail: { count: 20 },
    });
    expect(queue.jobOptions).toEqual({
      attempts: 3,
      backoff: { type: 'fixed', delay: 500 },
      removeOnComplete: { count: 10, age: 60 },
      removeOnFail: { count: 20 },
    });
  });

  it.each(['Audits', 'audits:plan', '', 'a'.repeat(64)])('refuses the queue name %p', (name) => {
    expect(() => defineQueue({ name, payload: EmployerRef })).toThrow(/Queue name/);
  });

  it('refuses unbounded or nonsensical retention and retries', () => {
    expect(() => defineQueue({ name: 'q', payload: EmployerRef, removeOnComplete: { count: 0 } })).toThrow(
      /removeOnComplete.count must be a positive integer/,
    );
    expect(() => defineQueue({ name: 'q', payload: EmployerRef, attempts: 0 })).toThrow(/attempts/);
  });

  it('refuses a payload class that declares personal data or nothing validated', () => {
    expect(() => defineQueue({ name: 'q', payload: LeakyPayload })).toThrow(
      /LeakyPayload .* personal data: phone/,
    );
    expect(() => defineQueue({ name: 'q', payload: Undecorated })).toThrow(/declares no validated property/);
  });
});

describe('defineQueues', () => {
  it('refuses two queues with the same name', () => {
    expect(() =>
      defineQueues({
        a: defineQueue({ name: 'same', payload: EmployerRef }),
        b: defineQueue({ name: 'same', payload: EmployerRef }),
      }),
    ).toThrow(/Queues "a" and "b" are both named "same"/);
  });
});
