import { callerOf, type Principal } from '@frontera/platform-auth';
import { CorrelationContext } from '@frontera/platform-observability';
import type { Caller } from '@frontera/shared-kernel';

/**
 * Who asks and the request's correlation id, for the events a command causes: the
 * `CommandMetadata` of @frontera/shared-application (same shape) for a verified principal.
 */
export function requestMetadata(principal: Principal): {
  readonly caller: Caller;
  readonly correlationId: string;
} {
  return { caller: callerOf(principal), correlationId: CorrelationContext.correlationId() };
}
