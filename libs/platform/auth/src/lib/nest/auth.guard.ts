import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthErrors } from '@frontera/platform-errors';
import type { Role } from '@frontera/shared-kernel';
import { TokenVerifier, unauthenticated } from '../token/token-verifier';
import { attachPrincipal, PUBLIC_ROUTE_METADATA_KEY, ROLES_METADATA_KEY } from './auth.decorators';

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*) *$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Global guard (registered by AuthModule as APP_GUARD): routes marked
 * `@Public()` pass; every other HTTP route needs a valid bearer token (401
 * otherwise) whose role is in the route's `@Roles(...)`, if any (403 otherwise).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Tokens are an HTTP matter; Kafka consumers and jobs are not behind this guard.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE_METADATA_KEY, targets) === true) return true;

    const request = context.switchToHttp().getRequest<IncomingMessage>();
    const header = request.headers.authorization;
    const token = bearerToken(header);
    // Another scheme (Basic…) is no bearer token at all (RFC 6750 §3.1: no error code then).
    if (!token) throw unauthenticated(/^bearer\b/i.test(header ?? '') ? 'malformed_token' : 'missing_token');
    const principal = await this.verifier.verify(token);
    attachPrincipal(request, principal);

    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_METADATA_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw AuthErrors.FORBIDDEN.create({}, { extensions: { allowedRoles: [...roles] } });
    }
    return true;
  }
}
