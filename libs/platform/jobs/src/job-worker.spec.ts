import { correlationIdOfJob } from './job-worker';

describe('correlationIdOfJob', () => {
  it('uses the correlation id the producer stamped', () => {
    expect(correlationIdOfJob({ id: '7', data: { payload: {}, correlationId: 'corr-from-http-1' } })).toBe(
      'corr-from-http-1',
    );
  });

  it('derives a stable id from the job id for scheduler-made jobs', () => {
    const job = { id: 'repeat:audit-plan.e-1:1767225600000', data: { payload: {} } };
    expect(correlationIdOfJob(job)).toBe(job.id);
    expect(correlationIdOfJob(job)).toBe(correlationIdOfJob(job));
  });

  it('replaces a correlation id that is not plain', () => {
    expect(correlationIdOfJob({ id: '7', data: { payload: {}, correlationId: 'bad id\n' } })).not.toContain(
      'bad id',
    );
  });
});
