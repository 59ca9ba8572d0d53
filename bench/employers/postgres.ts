import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { assertLoopback } from '../lib';

const run = promisify(execFile);

/** FerretDB's PostgreSQL, as `infra/local/servers.sh status` names it. */
export interface PostgresAddress {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** One statement through psql (tuples only, unaligned); the server must be on 127.0.0.1. */
export async function psql(address: PostgresAddress, sql: string, timeoutMs = 120_000): Promise<string> {
  assertLoopback(address.host, 'PostgreSQL');
  const args = ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-h', address.host, '-p', String(address.port)];
  const { stdout } = await run('psql', [...args, '-U', address.user, '-d', address.database, '-c', sql], {
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  return stdout.trim();
}

function identifier(name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`unexpected PostgreSQL identifier '${name}'`);
  return `"${name}"`;
}

/**
 * The PostgreSQL table FerretDB 1.x keeps a collection in: schema = the MongoDB database,
 * table = `<collection>_<8 hex>` (FerretDB's naming; its metadata table maps the two).
 */
export async function ferretTable(
  address: PostgresAddress,
  database: string,
  collection: string,
): Promise<string | undefined> {
  const rows = await psql(
    address,
    `SELECT relname FROM pg_stat_user_tables WHERE schemaname = '${database.replace(/'/g, "''")}' ` +
      `AND relname ~ '^${collection.replace(/[^A-Za-z0-9_]/g, '')}_[0-9a-f]{8}$'`,
  );
  const tables = rows.split('\n').filter((r) => r.length > 0);
  return tables.length === 1 ? tables[0] : undefined;
}

/**
 * VACUUM (ANALYZE) of one FerretDB table: what autovacuum does to it within a minute of a bulk
 * load, done at once so that it does not run in the middle of a measurement. Returns the time it took.
 */
export async function vacuumAnalyze(
  address: PostgresAddress,
  schema: string,
  table: string,
): Promise<number> {
  const started = Date.now();
  await psql(address, `VACUUM (ANALYZE) ${identifier(schema)}.${identifier(table)}`);
  return Date.now() - started;
}
