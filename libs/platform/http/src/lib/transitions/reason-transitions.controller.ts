import 'reflect-metadata';
import { Body, Controller, HttpCode, Inject, Param, Post, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CurrentPrincipal, type Principal } from '@frontera/platform-auth';
import { LIMITS } from '@frontera/shared-kernel';

/** The body of every reason-only action. */
export class ReasonRequest {
  @ApiProperty({
    description: `Why (1–${LIMITS.REASON} characters); kept in the history and sent in the event. No personal data.`,
    example: 'Documentos de constitución verificados contra el registro del SAT',
    maxLength: LIMITS.REASON,
  })
  @IsString()
  @MaxLength(LIMITS.REASON)
  reason!: string;
}

/** What a route needs of one row of a reason-transition table (`ReasonTransition` of shared-application). */
export interface ReasonTransitionRoute {
  readonly operation: string;
  readonly resource: string;
  readonly event: string;
  readonly summary: string;
  readonly description: string;
}

export interface ReasonTransitionsControllerOptions<
  Row extends ReasonTransitionRoute,
  Handler,
  Params,
  Response,
> {
  /** Class name (shows in OpenAPI operation ids): `EmployerDecisionsController`. */
  readonly name: string;
  /** The aggregate's path with its id parameter: `employers/:id`. */
  readonly path: string;
  readonly tag: string;
  /** The path parameters' DTO (validated like any other). */
  readonly params: Type<Params>;
  readonly response: Type<Response>;
  readonly transitions: readonly Row[];
  /** Injection token of what runs a row (the context's ReasonTransitionHandler, as provided). */
  readonly handler: Type<Handler> | symbol | string;
  /** Runs a row for the request. */
  readonly execute: (
    handler: Handler,
    row: Row,
    params: Params,
    reason: string,
    principal: Principal,
  ) => Promise<Response>;
  /** More decorators per route: roles from the access policy, documented problems. */
  readonly decorate?: (row: Row) => readonly MethodDecorator[];
}

function methodName(resource: string): string {
  return resource.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * A controller with one `POST /<path>/<resource>` route per row of a reason-transition table,
 * each with its summary, description, response type and the decorators `decorate` adds, taking
 * `{ reason }` and answering 200 with the changed aggregate. A new reason-only action is a row of
 * the table, nothing here.
 *
 * ```ts
 * export const EmployerDecisionsController = reasonTransitionsController({
 *   name: 'EmployerDecisionsController', path: 'employers/:id', tag: 'officer decisions',
 *   params: EmployerParams, response: EmployerResponse, transitions: OFFICER_DECISIONS,
 *   handler: OfficerDecisionsHandler,
 *   execute: async (handler, row, { id }, reason, principal) =>
 *     toEmployerResponse(await handler.execute({ operation: row.operation, key: id, reason, metadata: requestMetadata(principal) })),
 *   decorate: (row) => [RolesFor(row.operation), ApiProblems(400, 403, 404, 409, 413, 415, 422, 503)],
 * });
 * ```
 */
export function reasonTransitionsController<Row extends ReasonTransitionRoute, Handler, Params, Response>(
  options: ReasonTransitionsControllerOptions<Row, Handler, Params, Response>,
): Type<unknown> {
  class ReasonTransitionsController {
    constructor(readonly handler: Handler) {}
  }
  Object.defineProperty(ReasonTransitionsController, 'name', { value: options.name });
  Inject(options.handler)(ReasonTransitionsController, undefined, 0);
  Reflect.defineMetadata('design:paramtypes', [Object], ReasonTransitionsController);

  const prototype = ReasonTransitionsController.prototype as unknown as Record<string, unknown>;
  for (const row of options.transitions) {
    const name = methodName(row.resource);
    if (name in prototype) throw new Error(`reason transition route ${row.resource} appears twice`);
    prototype[name] = async function route(
      this: ReasonTransitionsController,
      params: Params,
      body: ReasonRequest,
      principal: Principal,
    ): Promise<Response> {
      return options.execute(this.handler, row, params, body.reason, principal);
    };
    // Nest and swagger read a handler's metadata (parameters, operation id) by its function name.
    Object.defineProperty(prototype[name], 'name', { value: name });
    Reflect.defineMetadata('design:paramtypes', [options.params, ReasonRequest, Object], prototype, name);
    Reflect.defineMetadata('design:returntype', Promise, prototype, name);
    Param()(prototype, name, 0);
    Body()(prototype, name, 1);
    CurrentPrincipal()(prototype, name, 2);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name) as PropertyDescriptor;
    const decorators: MethodDecorator[] = [
      Post(row.resource),
      HttpCode(200),
      ApiOperation({ summary: row.summary, description: `${row.description} Publishes ${row.event}.` }),
      ApiOkResponse({ type: options.response }),
      ...(options.decorate?.(row) ?? []),
    ];
    for (const decorate of decorators) decorate(prototype, name, descriptor);
  }
  ApiTags(options.tag)(ReasonTransitionsController);
  Controller(options.path)(ReasonTransitionsController);
  return ReasonTransitionsController;
}
