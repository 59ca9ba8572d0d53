/**
 * Routes served by ObservabilityModule. They take no authentication: the auth
 * guard skips handlers whose class or method carries {@link PUBLIC_ROUTE_METADATA_KEY}.
 * Keep them out of a global prefix: `app.setGlobalPrefix('api', { exclude: [...OBSERVABILITY_ROUTES] })`.
 */
export const HEALTH_LIVE_PATH = '/health/live';
export const HEALTH_READY_PATH = '/health/ready';
export const METRICS_PATH = '/metrics';

export const OBSERVABILITY_ROUTES: readonly string[] = [HEALTH_LIVE_PATH, HEALTH_READY_PATH, METRICS_PATH];

/** Metadata key (value `true`) that marks a controller or handler as public. */
export const PUBLIC_ROUTE_METADATA_KEY = 'frontera:public';

/** True for the probe and scrape routes (path without query string). */
export function isObservabilityRoute(url: string | undefined): boolean {
  if (url === undefined) return false;
  const query = url.indexOf('?');
  return OBSERVABILITY_ROUTES.includes(query === -1 ? url : url.slice(0, query));
}
