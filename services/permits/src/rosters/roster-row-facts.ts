import type { EmployerStandingRepository, PermitRepository } from '@frontera/permits-application';

/** How long the roster job reuses the employer's standing and a worksite's headcount. */
export const ROSTER_FACTS_TTL_MS = 1_000;

/** One value per key, kept `ttlMs` (a failed read is not kept). */
function shortLived<K, V>(
  read: (key: K) => Promise<V>,
  ttlMs: number,
  now: () => number,
): (key: K) => Promise<V> {
  const kept = new Map<K, { at: number; value: Promise<V> }>();
  return (key) => {
    const found = kept.get(key);
    if (found && now() - found.at < ttlMs) return found.value;
    const value = read(key);
    kept.set(key, { at: now(), value });
    value.catch(() => kept.delete(key));
    return value;
  };
}

/**
 * The ports of the roster job's submissions with two reads shared by the rows submitted within
 * `ttlMs`: the employer's standing (`standings.find`) and a worksite's headcount
 * (`permits.countHeldAtWorksite`). Every row of an import is for the same employer and worksite,
 * so without it each row reads both again (three of its ten round trips). A second is well within
 * what the facts mean here: the headcount changes only when an officer approves an application,
 * the standing when an employer event arrives, and approval checks eligibility again on the current
 * facts. Everything else is the ports' own.
 */
export function rosterRowFacts(
  ports: { readonly standings: EmployerStandingRepository; readonly permits: PermitRepository },
  ttlMs: number = ROSTER_FACTS_TTL_MS,
  now: () => number = Date.now,
): { standings: EmployerStandingRepository; permits: PermitRepository } {
  const find = shortLived((employerId: string) => ports.standings.find(employerId), ttlMs, now);
  const headcount = shortLived(
    (worksiteId: string) => ports.permits.countHeldAtWorksite(worksiteId),
    ttlMs,
    now,
  );
  const override = <T extends object>(target: T, name: PropertyKey, replacement: unknown): T =>
    new Proxy(target, {
      get: (object, property) => {
        if (property === name) return replacement;
        const value: unknown = Reflect.get(object, property, object);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  return {
    standings: override(ports.standings, 'find', find),
    permits: override(ports.permits, 'countHeldAtWorksite', headcount),
  };
}
