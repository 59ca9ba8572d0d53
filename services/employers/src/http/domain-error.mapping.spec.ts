import { ApplicationErrors } from '@frontera/employers-application';
import { DomainError, EmployerErrors, nextStatus } from '@frontera/employers-domain';
import { problemFor } from '@frontera/platform-errors';
import { mapEmployerDomainError, toProblemError } from './domain-error.mapping';

const context = { language: 'es' as const, instance: '/employers/e-1/suspension', correlationId: 'corr-1' };

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
  }
  throw new Error('expected a DomainError');
}

describe('employers DomainError → problem details', () => {
  it('a refused transition is 409 with the current state and the allowed actions', () => {
    const error = caught(() => nextStatus('SUSPEND', 'PENDING_VERIFICATION'));
    const problem = problemFor(toProblemError(error), context);
    expect(problem.status).toBe(409);
    expect(problem.serverFault).toBe(false);
    expect(problem.body).toMatchObject({
      type: 'https://frontera.example/problems/employer.transition-not-allowed',
      status: 409,
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      title: 'Conflicto con el estado actual',
      detail: error.messageEs,
      currentState: 'PENDING_VERIFICATION',
      allowedActions: [
        'VERIFY',
        'REJECT',
        'REPORT_CHANGE',
        'ADD_WORKSITE',
        'UPDATE_WORKSITE',
        'CLOSE_WORKSITE',
      ],
      action: 'SUSPEND',
      correlationId: 'corr-1',
    });
  });

  it('a broken rule on a field is 422 and names the field in `errors`', () => {
    const error = new DomainError(EmployerErrors.INVALID_CONTACT, {
      field: 'email',
      constraint: 'INVALID_FORMAT',
      format: 'name@domain.mx',
    });
    const problem = problemFor(toProblemError(error), { ...context, language: 'en' });
    expect(problem.status).toBe(422);
    expect(problem.body.errors).toEqual([
      { field: 'email', code: 'EMPLOYER.INVALID_CONTACT', message: error.message },
    ]);
  });

  it('application errors go through the same path (403 access denied, 503 busy)', () => {
    expect(
      problemFor(
        toProblemError(new DomainError(ApplicationErrors.ACCESS_DENIED, { reason: 'ROLE_NOT_ALLOWED' })),
        context,
      ).body,
    ).toMatchObject({
      status: 403,
      code: 'EMPLOYER.ACCESS_DENIED',
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(problemFor(toProblemError(new DomainError(ApplicationErrors.BUSY)), context).status).toBe(503);
  });

  it('unreadable stored data is a server fault whose cause is not shown', () => {
    const problem = problemFor(
      toProblemError(new DomainError(EmployerErrors.SNAPSHOT_INVALID, { problem: 'x' })),
      context,
    );
    expect(problem.status).toBe(500);
    expect(problem.serverFault).toBe(true);
  });
});

describe('mapEmployerDomainError (the PROBLEM_MAPPERS entry)', () => {
  const mappers = [mapEmployerDomainError];

  it('lets ProblemDetailsFilter answer an employers error as is, with the 409 extension members', () => {
    const error = caught(() => nextStatus('SUSPEND', 'PENDING_VERIFICATION'));
    const problem = problemFor(error, { ...context, language: 'en', mappers });
    expect(problem.status).toBe(409);
    expect(problem.body).toMatchObject({
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      title: 'Conflict with the current state',
      detail: error.message,
      currentState: 'PENDING_VERIFICATION',
    });
    expect(problemFor(error, context).status).toBe(500); // without the mapper: unknown to the platform
  });

  it('leaves every other error to the platform', () => {
    expect(mapEmployerDomainError(new Error('x'))).toBeUndefined();
  });
});
