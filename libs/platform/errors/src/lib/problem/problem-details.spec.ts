import {
  BadRequestException,
  HttpException,
  NotFoundException,
  UnauthorizedException,
  type ArgumentMetadata,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { MongoServerError, ObjectId } from 'mongodb';
import mongoose from 'mongoose';
import { defineErrors } from '@frontera/shared-kernel';
import type { Language } from '@frontera/shared-kernel';
import { createValidationPipe } from '../validation/validation.pipe';
import { PROBLEM_TYPE_BASE, problemFor, type ProblemResponse } from './problem-details';

const context = (language: Language = 'es') => ({
  language,
  instance: '/employers',
  correlationId: 'corr-12345',
});

class AddressDto {
  @IsIn(['CHP', 'CAM', 'TAB', 'ROO'])
  state!: string;

  @IsString()
  municipality!: string;
}

class WorkerDto {
  @IsString()
  name!: string;
}

class EmployerDto {
  @IsString()
  @MaxLength(120)
  legalName!: string;

  @IsInt()
  @Min(1)
  headcount!: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WorkerDto)
  workers!: WorkerDto[];
}

const valid = {
  legalName: 'Finca La Esperanza SA de CV',
  headcount: 12,
  address: { state: 'CHP', municipality: 'Tapachula' },
  workers: [{ name: 'Ana' }],
};

/** What the validation pipe throws for `body`, mapped to a problem. */
async function validationProblem(body: unknown, language: Language = 'es'): Promise<ProblemResponse> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: EmployerDto };
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    return problemFor(error, context(language));
  }
  throw new Error('expected validation to fail');
}

/**
 * An error as body-parser 2 (express.json) hands it to `next`: http-errors
 * properties on the underlying error. The real ones are exercised end to end in
 * libs/platform/http/test/http-app.int-spec.ts.
 */
function bodyParserError<E extends Error>(error: E, status: number, type: string, extra: object = {}): E {
  return Object.assign(error, { status, statusCode: status, expose: true, type, ...extra });
}

describe('problemFor', () => {
  it('answers an AppError with its code, status, texts, parameters and extensions in the chosen language', () => {
    const Errors = defineErrors('EMPLOYER', {
      NOT_ACTIVE: {
        status: 409,
        title: { es: 'El empleador no está activo', en: 'The employer is not active' },
        detail: { es: 'El empleador {id} está suspendido.', en: 'Employer {id} is suspended.' },
      },
    });
    const error = Errors.NOT_ACTIVE.create(
      { id: 'E-1' },
      { extensions: { currentState: 'SUSPENDED', allowedActions: ['REINSTATE'], status: 200, code: 'X' } },
    );
    const es = problemFor(error, context('es'));
    expect(es.status).toBe(409);
    expect(es.body).toEqual({
      type: `${PROBLEM_TYPE_BASE}employer.not-active`,
      title: 'El empleador no está activo',
      status: 409,
      detail: 'El empleador E-1 está suspendido.',
      instance: '/employers',
      code: 'EMPLOYER.NOT_ACTIVE',
      correlationId: 'corr-12345',
      id: 'E-1',
      currentState: 'SUSPENDED',
      allowedActions: ['REINSTATE'],
    });
    expect(es.serverFault).toBe(false);
    const en = problemFor(error, context('en'));
    expect(en.body.title).toBe('The employer is not active');
    expect(en.body.detail).toBe('Employer E-1 is suspended.');
  });

  describe('validation', () => {
    it('accepts a valid body (so the failures below come from the listed fields)', async () => {
      await expect(
        createValidationPipe().transform(valid, { type: 'body', metatype: EmployerDto }),
      ).resolves.toBeInstanceOf(EmployerDto);
    });

    it('lists each bad field with nested paths and a code, in Spanish by default', async () => {
      const problem = await validationProblem({
        ...valid,
        headcount: 0,
        address: { state: 'JAL', municipality: 'Tapachula' },
        workers: [{ name: 'Ana' }, { name: 7 }],
      });
      expect(problem.status).toBe(400);
      expect(problem.body.code).toBe('VALIDATION.FAILED');
      expect(problem.body.title).toBe('La solicitud tiene datos no válidos');
      expect(problem.body.errors).toEqual([
        { field: 'headcount', code: 'OUT_OF_RANGE', message: 'debe ser mayor o igual que 1' },
        { field: 'address.state', code: 'NOT_ONE_OF', message: 'debe ser uno de: CHP, CAM, TAB, ROO' },
        { field: 'workers[1].name', code: 'INVALID_TYPE', message: 'debe ser texto' },
      ]);
    });

    it('writes the same list in English on request', async () => {
      const problem = await validationProblem({ ...valid, headcount: 0 }, 'en');
      expect(problem.body.title).toBe('The request has invalid data');
      expect(problem.body.errors).toEqual([
        { field: 'headcount', code: 'OUT_OF_RANGE', message: 'must be at least 1' },
      ]);
    });

    it('lists unknown fields as not allowed, nested ones too', async () => {
      const problem = await validationProblem({
        ...valid,
        isAdmin: true,
        address: { ...valid.address, $where: '1' },
      });
      expect(problem.body.errors).toEqual([
        { field: 'isAdmin', code: 'NOT_ALLOWED', message: 'no es un campo permitido' },
        { field: 'address.$where', code: 'NOT_ALLOWED', message: 'no es un campo permitido' },
      ]);
    });

    it('refuses an operator object where a string is expected, without echoing it', async () => {
      const problem = await validationProblem({ ...valid, legalName: { $ne: null } });
      expect(problem.body.errors).toEqual([
        { field: 'legalName', code: 'INVALID_TYPE', message: 'debe ser texto' },
      ]);
      expect(JSON.stringify(problem.body)).not.toContain('$ne');
    });

    it('reports a missing field once, as required', async () => {
      const { legalName: _omitted, ...rest } = valid;
      const problem = await validationProblem(rest, 'en');
      expect(problem.body.errors).toEqual([{ field: 'legalName', code: 'REQUIRED', message: 'is required' }]);
    });

    it('uses the code and texts a DTO gives a constraint in its context', async () => {
      class PostalDto {
        @Matches(/^\d{5}$/, {
          context: {
            code: 'POSTAL_CODE',
            message: { es: 'debe ser un código postal', en: 'must be a postal code' },
          },
        })
        postalCode!: string;
      }
      try {
        await createValidationPipe().transform({ postalCode: '3000' }, { type: 'body', metatype: PostalDto });
        throw new Error('expected validation to fail');
      } catch (error) {
        expect(problemFor(error, context('en')).body.errors).toEqual([
          { field: 'postalCode', code: 'POSTAL_CODE', message: 'must be a postal code' },
        ]);
      }
    });

    it('refuses a body that is not an object', async () => {
      const problem = await validationProblem(['not', 'an', 'object']);
      expect(problem.body.code).toBe('VALIDATION.FAILED');
      expect(problem.body.errors?.length).toBeGreaterThan(0);
    });
  });

  describe('request bodies (body-parser errors)', () => {
    it('malformed JSON → 400 REQUEST.MALFORMED_JSON', () => {
      const error = bodyParserError(
        new SyntaxError('Unexpected end of JSON input'),
        400,
        'entity.parse.failed',
      );
      const problem = problemFor(error, context('en'));
      expect(problem.status).toBe(400);
      expect(problem.body.code).toBe('REQUEST.MALFORMED_JSON');
      expect(problem.body.title).toBe('The request body is not valid JSON');
    });

    it('a body over the limit → 413 REQUEST.TOO_LARGE with the limit in bytes', () => {
      const error = bodyParserError(new Error('request entity too large'), 413, 'entity.too.large', {
        limit: 1024,
        length: 2060,
      });
      const problem = problemFor(error, context());
      expect(problem.status).toBe(413);
      expect(problem.body).toMatchObject({ code: 'REQUEST.TOO_LARGE', limitBytes: 1024 });
    });

    it('an unsupported charset or encoding → 415', () => {
      const charset = bodyParserError(
        new Error('unsupported charset "LATIN-9000"'),
        415,
        'charset.unsupported',
      );
      const encoding = bodyParserError(
        new Error('unsupported content encoding "br"'),
        415,
        'encoding.unsupported',
      );
      expect(problemFor(charset, context()).body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
      expect(problemFor(encoding, context()).status).toBe(415);
    });

    it('other errors with a status and a type are not mistaken for body-parser errors', () => {
      const other = Object.assign(new Error('boom'), { status: 503, type: 'entity.parse.failed' });
      expect(problemFor(other, context()).status).toBe(500);
    });
  });

  describe('database errors', () => {
    it('a duplicate key → 409 RESOURCE.DUPLICATE without the duplicate value', () => {
      const error = new MongoServerError({
        message:
          'E11000 duplicate key error collection: employers index: rfc_1 dup key: { rfc: "EMP850101AB3" }',
        code: 11000,
        keyValue: { rfc: 'EMP850101AB3' },
      });
      const problem = problemFor(error, context());
      expect(problem.status).toBe(409);
      expect(problem.body.code).toBe('RESOURCE.DUPLICATE');
      expect(JSON.stringify(problem)).not.toContain('EMP850101AB3');
    });

    it('a cast or BSON error (bad id) → 400 REQUEST.INVALID_VALUE', () => {
      const cast = new mongoose.Error.CastError('ObjectId', 'not-an-id', '_id');
      expect(problemFor(cast, context()).body).toMatchObject({ status: 400, code: 'REQUEST.INVALID_VALUE' });
      let bson: unknown;
      try {
        new ObjectId('not-an-id');
      } catch (error) {
        bson = error;
      }
      expect(problemFor(bson, context()).body).toMatchObject({ status: 400, code: 'REQUEST.INVALID_VALUE' });
      expect(JSON.stringify(problemFor(cast, context()).body)).not.toContain('not-an-id');
    });
  });

  describe('Nest HTTP exceptions', () => {
    it('map by status to platform codes', () => {
      expect(problemFor(new NotFoundException('Cannot GET /nope'), context()).body).toMatchObject({
        status: 404,
        code: 'RESOURCE.NOT_FOUND',
        title: 'Recurso no encontrado',
      });
      expect(problemFor(new BadRequestException(), context()).body.code).toBe('REQUEST.INVALID');
      expect(problemFor(new HttpException('teapot', 418), context()).body).toMatchObject({
        status: 418,
        code: 'REQUEST.REJECTED',
      });
    });

    it('401 carries WWW-Authenticate: Bearer', () => {
      const problem = problemFor(new UnauthorizedException(), context());
      expect(problem.body.code).toBe('AUTH.UNAUTHENTICATED');
      expect(problem.headers['WWW-Authenticate']).toMatch(/^Bearer/);
    });
  });

  it('anything unexpected → 500 INTERNAL with a generic message and no trace of the cause', () => {
    const error = new TypeError(
      "Cannot read properties of undefined (reading 'rfc') at /srv/app/main.js:1:2",
    );
    const problem = problemFor(error, context('en'));
    expect(problem.status).toBe(500);
    expect(problem.serverFault).toBe(true);
    expect(problem.body.code).toBe('INTERNAL');
    expect(problem.body.detail).toBe(
      'An unexpected error occurred. If it persists, give the correlationId to support.',
    );
    const text = JSON.stringify(problem.body);
    for (const leak of ['rfc', 'main.js', 'TypeError', 'stack']) expect(text).not.toContain(leak);
    expect(problemFor('a string', context()).status).toBe(500);
  });
});
