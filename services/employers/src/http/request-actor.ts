import { createHash } from 'node:crypto';
import type { Actor, CommandMetadata } from '@frontera/employers-application';
import { ID_PATTERN } from '@frontera/employers-domain';
import type { Principal } from '@frontera/platform-auth';
import { CorrelationContext } from '@frontera/platform-observability';

/**
 * The history's "who" for a token subject. OIDC subjects may hold characters the contracts'
 * id pattern refuses (`auth0|5f…`, e-mail-like subjects): those are recorded as a stable SHA-256
 * digest (`sub_<43 chars>`), the same for every request of the person, never the raw subject
 * (docs/decisions/0006-actor-ids-are-the-subject-or-its-digest.md).
 */
export function actorIdOf(subject: string): string {
  return ID_PATTERN.test(subject)
    ? subject
    : `sub_${createHash('sha256').update(subject, 'utf8').digest('base64url')}`;
}

/** The application's Actor for a verified principal. */
export function actorOf(principal: Principal): Actor {
  return {
    id: actorIdOf(principal.subject),
    role: principal.role,
    states: [...principal.states],
    ...(principal.employerId !== undefined ? { employerId: principal.employerId } : {}),
    ...(principal.inspectorId !== undefined ? { inspectorId: principal.inspectorId } : {}),
  };
}

/** Who asks, and the request's correlation id for the events the command causes. */
export function metadataOf(principal: Principal): CommandMetadata {
  return { actor: actorOf(principal), correlationId: CorrelationContext.correlationId() };
}
