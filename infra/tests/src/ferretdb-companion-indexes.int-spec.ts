import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient, type Collection, type Db } from 'mongodb';
import { endpointsFromEnv, uniqueName } from '@frontera/platform-testing';

/**
 * FerretDB equality lookups are served by an index (infra/ferretdb/companion-indexes.sql,
 * docs/decisions/0026-ferretdb-companion-gin-indexes.md). Through the MongoDB driver, as the
 * services use FerretDB, and read back from PostgreSQL's own statistics:
 *
 * - the event trigger gave the collection's table a GIN jsonb_path_ops companion (fastupdate off)
 *   for _id and one per field of every index the driver created, compound ones included;
 * - findOne({_id}) and findOne({field}) use them — idx_scan grows, seq_scan does not — also after
 *   far more than five executions of FerretDB's prepared statement (plan_cache_mode), on a
 *   collection that grew after its first lookups;
 * - dropIndex takes the field's companion along; the start-up backfill restores a missing one.
 *
 * PostgreSQL's statistics of other sessions arrive late (a backend flushes them at most once a
 * second, and up to 10 s after its last statement when idle), hence the waits.
 */
const endpoints = endpointsFromEnv();
const mongoUrl = new URL(endpoints.mongodbUri);
const localFerretDb =
  ['127.0.0.1', 'localhost'].includes(mongoUrl.hostname) &&
  mongoUrl.port === (process.env['FRONTERA_MONGO_PORT'] ?? '17017');
const PG_PORT = process.env['FRONTERA_POSTGRES_PORT'] ?? '15432';
const STATS_FLUSH_MS = 10_500;
const run = promisify(execFile);

/** psql of the local cluster (as infra/local/lib/postgres.sh finds it). */
function psqlBinary(): string {
  if (process.env['FRONTERA_PG_BINDIR']) return join(process.env['FRONTERA_PG_BINDIR'], 'psql');
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin/psql')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? join(root, versions[0], 'bin/psql') : 'psql';
}
const PSQL = psqlBinary();

/** Rows of a query against FerretDB's PostgreSQL database, as arrays of column strings. */
async function sql(query: string): Promise<string[][]> {
  const { stdout } = await run(
    PSQL,
    [
      '-X',
      '-q',
      '-tA',
      '-F',
      '\t',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      '127.0.0.1',
      '-p',
      PG_PORT,
      '-U',
      'frontera',
      '-d',
      'ferretdb',
      '-c',
      query,
    ],
    { timeout: 30_000 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}

const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Companion {
  name: string;
  field: string;
  options: string;
}

interface ScanCounts {
  seq: number;
  idx: number;
  byIndex: Map<string, number>;
}

const maybe = localFerretDb ? describe : describe.skip;

maybe('FerretDB lookups through companion GIN indexes', () => {
  jest.setTimeout(120_000);
  const dbName = uniqueName('infra_gin').replace(/-/g, '_');
  let client: MongoClient;
  let db: Db;
  let permits: Collection<{ _id: string; number: string; state: string; employerId: string }>;
  let table: string; // "schema"."table" of the collection

  const doc = (i: number) => ({
    _id: `permit-${i}`,
    number: `TVTF-${String(i).padStart(6, '0')}`,
    state: ['CHIS', 'TAB', 'CAM', 'QROO'][i % 4],
    employerId: `employer-${i % 97}`,
  });

  async function companions(): Promise<Companion[]> {
    const rows = await sql(`
      SELECT c.relname, frontera_companion.column_field(i.indexrelid, 1), array_to_string(c.reloptions, ',')
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_am am ON am.oid = c.relam AND am.amname = 'gin'
      JOIN pg_opclass oc ON oc.oid = i.indclass[0] AND oc.opcname = 'jsonb_path_ops'
      WHERE i.indrelid = ${literal(table)}::regclass
      ORDER BY 2`);
    return rows.map(([name, field, options]) => ({ name, field, options: options ?? '' }));
  }

  async function scans(): Promise<ScanCounts> {
    const [[seq, idx]] = await sql(
      `SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relid = ${literal(table)}::regclass`,
    );
    const rows = await sql(
      `SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE relid = ${literal(table)}::regclass`,
    );
    return { seq: Number(seq), idx: Number(idx), byIndex: new Map(rows.map(([n, c]) => [n, Number(c)])) };
  }

  /** Scan counts once PostgreSQL has received at least `expected` more scans than `before`. */
  async function scansAfter(before: ScanCounts, expected: number): Promise<ScanCounts> {
    const deadline = Date.now() + 3 * STATS_FLUSH_MS;
    for (;;) {
      const now = await scans();
      if (now.seq + now.idx - before.seq - before.idx >= expected || Date.now() > deadline) return now;
      await sleep(500);
    }
  }

  beforeAll(async () => {
    client = await MongoClient.connect(endpoints.mongodbUri, { maxPoolSize: 2 });
    db = client.db(dbName);
    permits = db.collection('permits');
    await db.createCollection('permits');
    const [[tableName]] = await sql(
      `SELECT _jsonb->>'table' FROM ${ident(dbName)}._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'permits'`,
    );
    table = `${ident(dbName)}.${ident(tableName)}`;
    // No ANALYZE by autovacuum while the test runs: it would re-plan FerretDB's cached statements
    // and hide what happens between a collection's growth and autovacuum's next visit.
    await sql(`ALTER TABLE ${table} SET (autovacuum_enabled = off)`);
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
  });

  it('gives the collection companions for _id and for each field of the driver-created indexes', async () => {
    await permits.insertMany(Array.from({ length: 20 }, (_, i) => doc(i)));
    await permits.createIndex({ number: 1 }, { unique: true });
    await permits.createIndex({ state: 1, employerId: -1 });

    const found = await companions();
    expect(found.map((c) => c.field)).toEqual(['_id', 'employerId', 'number', 'state']);
    for (const c of found) {
      expect(c.options).toBe('fastupdate=off');
      expect(c.name).toMatch(/_gin$/);
    }
    // New sessions of the database get custom plans.
    expect(await sql('SHOW plan_cache_mode')).toEqual([['force_custom_plan']]);
  });

  it('serves findOne by _id and by an indexed field from the companions, after many executions', async () => {
    // First lookups while the collection is small: far more than five executions of FerretDB's
    // prepared statement, after which PostgreSQL would otherwise keep a generic plan (seq scan).
    for (let i = 0; i < 20; i++) {
      expect(await permits.findOne({ _id: `permit-${i}` })).not.toBeNull();
      expect(await permits.findOne({ number: doc(i).number })).not.toBeNull();
    }
    // The collection grows to 3,000 documents.
    for (let from = 20; from < 3_000; from += 500) {
      await permits.insertMany(Array.from({ length: Math.min(500, 3_000 - from) }, (_, i) => doc(from + i)));
    }
    const started = Date.now();
    await sleep(STATS_FLUSH_MS); // every earlier scan counted before the baseline is read
    const before = await scans();
    const byField = new Map((await companions()).map((c) => [c.field, c.name]));

    const lookups = 150;
    for (let i = 0; i < lookups; i++) {
      const n = (i * 7919) % 3_000;
      expect(await permits.findOne({ _id: `permit-${n}` })).toMatchObject({ number: doc(n).number });
      expect(await permits.findOne({ number: doc(n).number })).toMatchObject({ _id: `permit-${n}` });
    }
    const after = await scansAfter(before, 2 * lookups);

    expect(after.seq - before.seq).toBe(0); // not one lookup read the whole table
    expect(after.idx - before.idx).toBeGreaterThanOrEqual(2 * lookups);
    const used = (field: string): number =>
      (after.byIndex.get(byField.get(field) ?? '') ?? 0) -
      (before.byIndex.get(byField.get(field) ?? '') ?? 0);
    expect({ _id: used('_id'), number: used('number') }).toEqual({ _id: lookups, number: lookups });
    expect(after.idx - before.idx).toBe(2 * lookups); // and by these two indexes only
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('drops a field companion with its index, and the start-up backfill restores a missing one', async () => {
    await permits.dropIndex('state_1_employerId_-1');
    expect((await companions()).map((c) => c.field)).toEqual(['_id', 'number']);

    // As if the trigger had been missing when the index was made: the companion is gone.
    const numberCompanion = (await companions()).find((c) => c.field === 'number');
    await sql(`DROP INDEX ${ident(dbName)}.${ident(numberCompanion?.name ?? '')}`);
    expect((await companions()).map((c) => c.field)).toEqual(['_id']);

    // servers.sh applies companion-indexes.sql on every start; its last step is this backfill.
    const [[created]] = await sql('SELECT created FROM frontera_companion.sync_all()');
    expect(Number(created)).toBeGreaterThanOrEqual(1);
    const restored = await companions();
    expect(restored.map((c) => c.field)).toEqual(['_id', 'number']);
    expect(restored.find((c) => c.field === 'number')?.name).toBe(numberCompanion?.name); // deterministic
  });
});
