import { EmployerCommandErrors } from '@frontera/employers-application';
import { EmployerErrors, nextStatus } from '@frontera/employers-domain';
import { problemFor } from '@frontera/platform-errors';
import { AppError } from '@frontera/shared-kernel';

const context = { language: 'es' as const, instance: '/employers/e-1/suspension', correlationId: 'corr-1' };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected an AppError');
}

// Employers errors are the kernel's AppError: the platform answers them as declared, no mapping.
describe('employers errors as problem details', () => {
  it('a refused transition is 409 with its own title, the current state and the allowed actions', () => {
    const error = caught(() => nextStatus('SUSPEND', 'PENDING_VERIFICATION'));
    const problem = problemFor(error, context);
    expect(problem.status).toBe(409);
    expect(problem.serverFault).toBe(false);
    expect(problem.body).toMatchObject({
      type: 'https://frontera.example/problems/employer.transition-not-allowed',
      status: 409,
      code: 'EMPLOYER.TRANSITION_NOT_ALLOWED',
      title: 'Acción no permitida en el estado actual',
      detail: error.detail.es,
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
    expect(problemFor(error, { ...context, language: 'en' }).body.title).toBe(
      'Action not allowed in the current state',
    );
  });

  it('a broken rule on a field is 422 and names the field in `errors`', () => {
    const error = EmployerErrors.INVALID_CONTACT.create({
      field: 'email',
      constraint: 'INVALID_FORMAT',
      format: 'name@domain.mx',
    });
    const problem = problemFor(error, { ...context, language: 'en' });
    expect(problem.status).toBe(422);
    expect(problem.body.errors).toEqual([
      { field: 'email', code: 'EMPLOYER.INVALID_CONTACT', message: error.detail.en },
    ]);
  });

  it('command errors go through the same path (403 access denied, 503 busy)', () => {
    expect(
      problemFor(EmployerCommandErrors.ACCESS_DENIED.create({ reason: 'ROLE_NOT_ALLOWED' }), context).body,
    ).toMatchObject({ status: 403, code: 'EMPLOYER.ACCESS_DENIED', reason: 'ROLE_NOT_ALLOWED' });
    expect(problemFor(EmployerCommandErrors.BUSY.create(), context).status).toBe(503);
  });

  it('unreadable stored data is a server fault', () => {
    const problem = problemFor(EmployerErrors.SNAPSHOT_INVALID.create({ problem: 'x' }), context);
    expect(problem.status).toBe(500);
    expect(problem.serverFault).toBe(true);
  });
});
