import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { AuthErrors } from '@frontera/platform-errors';
import type { Role } from '@frontera/shared-kernel';
import type { Principal } from '../principal/principal';

/**
 * Metadata key (value `true`) of public routes. The same key as
 * PUBLIC_ROUTE_METADATA_KEY of @frontera/platform-observability, whose health
 * and metrics routes are public without depending on this library.
 */
export const PUBLIC_ROUTE_METADATA_KEY = 'frontera:public';
export const ROLES_METADATA_KEY = 'frontera:roles';

/** No token needed (permit verification by QR, complaints, health). Everything else requires one. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(PUBLIC_ROUTE_METADATA_KEY, true);

/**
 * Roles allowed on a controller or handler (the handler's list wins); others get
 * 403 AUTH.FORBIDDEN. Without it any authenticated role may call: scope checks
 * (states, employer, assigned tasks) still belong in the handler.
 */
export const Roles = (...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator =>
  SetMetadata(ROLES_METADATA_KEY, roles);

const principals = new WeakMap<object, Principal>();

/** Called by the guard once the token is verified. */
export function attachPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The verified principal of a request, if it had a token (undefined on public routes). */
export function principalOf(request: object): Principal | undefined {
  return principals.get(request);
}

/** The verified {@link Principal} of the request; a handler parameter decorator. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (!principal) throw AuthErrors.UNAUTHENTICATED.create();
    return principal;
  },
);
