import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error';

/**
 * The one validation pipe of every service: DTO classes only (transform), unknown
 * fields refused (whitelist + forbidNonWhitelisted), non-objects refused
 * (forbidUnknownValues), all failures at once. Failures become a
 * {@link RequestValidationError}, which the problem-details filter answers with
 * 400 VALIDATION.FAILED listing each field in the client's language.
 *
 * Every DTO property needs a type validator (`@IsString()`, `@IsInt()`, …): that
 * is what refuses injection-shaped values such as `{"$ne": null}` where a string
 * is expected. Free-form objects need `@NoOperatorKeys()`.
 */
export function createValidationPipe(
  overrides: Omit<ValidationPipeOptions, 'exceptionFactory'> = {},
): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // target: the DTO class is needed to read constraint arguments; value: never echoed.
    validationError: { target: true, value: false },
    stopAtFirstError: false,
    ...overrides,
    exceptionFactory: (errors) => new RequestValidationError(errors),
  });
}
