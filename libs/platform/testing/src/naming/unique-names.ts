import { randomBytes } from 'node:crypto';

/** A name no other test run uses: prefix, worker id and random suffix. */
export function uniqueName(prefix: string): string {
  const worker = process.env['JEST_WORKER_ID'] ?? '0';
  const safe = prefix.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 24);
  return `${safe}-w${worker}-${randomBytes(4).toString('hex')}`;
}

/** The server URI with a database of the test's own (FerretDB: ≤ 63 chars, no dots). */
export function databaseUri(serverUri: string, database: string): string {
  const url = new URL(serverUri);
  url.pathname = `/${database.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 63)}`;
  return url.toString();
}
