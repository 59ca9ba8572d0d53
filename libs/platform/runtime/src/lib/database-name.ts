/**
 * The database a service uses: the one MONGODB_URI names, or the service's own name when it names
 * none (e.g. `mongodb://127.0.0.1:17017/` from infra/local/servers.sh env), never the driver's
 * `test`. Undefined when the URI names one (the driver takes it from there).
 */
export function databaseNameFor(uri: string, serviceName: string): string | undefined {
  return namedDatabase(uri) === undefined ? serviceName : undefined;
}

/** The database the service's data lives in, named by the URI or else the service's name. */
export function serviceDatabaseOf(uri: string, serviceName: string): string {
  return namedDatabase(uri) ?? serviceName;
}

function namedDatabase(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  return match && match[1] !== '' ? decodeURIComponent(match[1]) : undefined;
}
