/**
 * The one place these tests import @frontera/platform-testing.
 *
 * platform-testing's Jest global setup imports ensureTopics from this library,
 * so any import back makes the Nx project graph circular
 * (platform-messaging → platform-testing → platform-messaging) and
 * @nx/enforce-module-boundaries reports it. The import is test-only; the
 * exception stays confined to this line until the global setup stops
 * depending on platform-messaging (e.g. moves under tools/jest).
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- test-only; see above
export { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
