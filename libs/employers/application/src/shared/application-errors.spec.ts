import { EmployerCommandErrors } from './application-errors';

describe('EmployerCommandErrors', () => {
  it('are the shared command errors under EMPLOYER codes, the concurrency ones retriable', () => {
    expect(EmployerCommandErrors.ACCESS_DENIED).toMatchObject({
      code: 'EMPLOYER.ACCESS_DENIED',
      status: 403,
    });
    expect(EmployerCommandErrors.ACCESS_DENIED.retriable).toBe(false);
    expect(EmployerCommandErrors.BUSY).toMatchObject({ code: 'EMPLOYER.BUSY', status: 503, retriable: true });
    expect(EmployerCommandErrors.CONCURRENT_MODIFICATION).toMatchObject({
      code: 'EMPLOYER.CONCURRENT_MODIFICATION',
      status: 409,
      retriable: true,
    });
  });
});
