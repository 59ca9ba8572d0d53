import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { isEmployersDomainError, toProblemError } from './domain-error.mapping';

/**
 * Hands the employers DomainError to the platform's ProblemDetailsFilter in the form it knows.
 * @frontera/platform-errors has no hook for another error type, so the conversion happens here,
 * around every controller handler (the only place these errors come from on HTTP).
 */
@Injectable()
export class DomainErrorInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() => (isEmployersDomainError(error) ? toProblemError(error) : error)),
        ),
      );
  }
}
