import { correlationIdOfJob } from './job-worker';
import { isJobData } from './job-data';

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

describe('job data trace context', () => {
  it('accepts a traceparent string and refuses any other type', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(isJobData({ payload: {}, traceparent })).toBe(true);
    expect(isJobData({ payload: {}, traceparent: { traceId: 'x' } })).toBe(false);
  });
});
