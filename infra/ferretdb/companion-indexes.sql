-- Companion GIN indexes for FerretDB 1.x on PostgreSQL, so that equality lookups use an index.
-- See docs/decisions/0026-ferretdb-companion-gin-indexes.md for the measurements.
--
-- FerretDB turns {field: value} into  WHERE _jsonb->$1 @> $2  (jsonb containment), but the indexes
-- it creates are btrees on (_jsonb->'field'), which cannot serve @>: every lookup reads the
-- whole table. This file installs, in the database FerretDB stores its data in:
--
--   1. an event trigger on ddl_command_end that gives every new FerretDB table (one table per
--      collection, one schema per database, its metadata table too) a GIN jsonb_path_ops index on
--      (_jsonb->'_id'), and every new btree index FerretDB creates on top-level fields
--      (_jsonb->'field') a GIN jsonb_path_ops companion per field, all WITH (fastupdate = off)
--      (with the pending list, lookups of recently inserted rows scan the list until a vacuum);
--   2. an event trigger on sql_drop that drops a companion once no btree on its field is left
--      (dropIndex); the _id companion lives as long as its table;
--   3. companions for tables and indexes that already exist (data kept from earlier runs), and
--      removal of orphaned ones: cheap when nothing is missing (one catalogue query);
--   4. plan_cache_mode = force_custom_plan for this database: FerretDB prepares its statements,
--      and after five executions PostgreSQL would switch to a generic plan, in which _jsonb->$1 is
--      no longer the index expression. FerretDB must (re)connect after this is set.
--
-- Idempotent: apply on every start, as a superuser, to FerretDB's database:
--   psql -v ON_ERROR_STOP=1 -d ferretdb -f infra/ferretdb/companion-indexes.sql
-- Nothing here changes what FerretDB stores or returns; a companion that cannot be built is
-- reported as a WARNING and never fails FerretDB's own statement.
-- Companion names: <table, 28>_<field, 16>_<12 hex of md5(schema.table.field)>_gin (deterministic,
-- unique per table and field; FerretDB's own index names end in _idx).

SET client_min_messages = warning;

BEGIN;

CREATE SCHEMA IF NOT EXISTS frontera_companion;
GRANT USAGE ON SCHEMA frontera_companion TO PUBLIC; -- FerretDB may connect as a non-superuser
COMMENT ON SCHEMA frontera_companion IS
  'Companion GIN indexes for FerretDB lookups (infra/ferretdb/companion-indexes.sql); not a FerretDB database';

-- A FerretDB table: an ordinary table with a jsonb column _jsonb, outside public and the system schemas.
CREATE OR REPLACE FUNCTION frontera_companion.is_ferretdb_table(tbl oid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = '_jsonb' AND NOT a.attisdropped
    WHERE c.oid = tbl
      AND c.relkind IN ('r', 'p')
      AND a.atttypid = 'jsonb'::regtype
      AND n.nspname NOT IN ('public', 'information_schema', 'frontera_companion')
      AND n.nspname NOT LIKE 'pg\_%'
  )
$$;

-- The top-level field of an index column (_jsonb -> 'field'), or NULL for anything else
-- (plain columns, nested paths, other expressions).
CREATE OR REPLACE FUNCTION frontera_companion.column_field(idx oid, col integer) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT replace(m[1], '''''', '''')
  FROM regexp_match(pg_get_indexdef(idx, col, false), '^\({1,2}_jsonb -> ''((?:[^'']|'''')*)''::text\){1,2}$') AS m
$$;

CREATE OR REPLACE FUNCTION frontera_companion.index_name(tbl oid, field text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT left(c.relname, 28) || '_' || left(regexp_replace(lower(field), '[^a-z0-9_]', '_', 'g'), 16) || '_'
         || left(md5(n.nspname || '.' || c.relname || '.' || field), 12) || '_gin'
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = tbl
$$;

-- Companions of a table: GIN jsonb_path_ops indexes on (_jsonb -> 'field'), with their field.
CREATE OR REPLACE FUNCTION frontera_companion.companions(tbl oid)
RETURNS TABLE (index_oid oid, field text)
LANGUAGE sql STABLE AS $$
  SELECT i.indexrelid, frontera_companion.column_field(i.indexrelid, 1)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'gin'
  JOIN pg_opclass oc ON oc.oid = i.indclass[0] AND oc.opcname = 'jsonb_path_ops'
  WHERE i.indrelid = tbl AND i.indnatts = 1 AND i.indpred IS NULL
    AND frontera_companion.column_field(i.indexrelid, 1) IS NOT NULL
$$;

-- Fields of the table's btree indexes (FerretDB's), one row per top-level field column.
CREATE OR REPLACE FUNCTION frontera_companion.btree_fields(tbl oid) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT frontera_companion.column_field(i.indexrelid, k)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
  CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) AS k
  WHERE i.indrelid = tbl AND i.indpred IS NULL
    AND frontera_companion.column_field(i.indexrelid, k) IS NOT NULL
$$;

-- Creates the companion of (table, field) unless one exists. Returns true when it created one.
-- The nested CREATE INDEX fires the event trigger again; the guard setting makes that a no-op.
CREATE OR REPLACE FUNCTION frontera_companion.ensure(tbl oid, field text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  idx text;
BEGIN
  IF EXISTS (SELECT 1 FROM frontera_companion.companions(tbl) c WHERE c.field = ensure.field) THEN
    RETURN false;
  END IF;
  idx := frontera_companion.index_name(tbl, field);
  PERFORM set_config('frontera_companion.busy', 'on', true);
  BEGIN
    EXECUTE format(
      'CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops) WITH (fastupdate = off)',
      idx, tbl::regclass, field);
  EXCEPTION WHEN OTHERS THEN
    PERFORM set_config('frontera_companion.busy', 'off', true);
    RAISE WARNING 'frontera_companion: cannot create index % on % (field %): % (SQLSTATE %)',
      idx, tbl::regclass, field, SQLERRM, SQLSTATE;
    RETURN false;
  END;
  PERFORM set_config('frontera_companion.busy', 'off', true);
  RETURN true;
END
$$;

-- Drops the table's companions whose field no btree covers any more (the _id one is kept).
CREATE OR REPLACE FUNCTION frontera_companion.prune(tbl oid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  c record;
  dropped integer := 0;
BEGIN
  FOR c IN
    SELECT x.index_oid, x.field FROM frontera_companion.companions(tbl) x
    WHERE x.field <> '_id' AND x.field NOT IN (SELECT frontera_companion.btree_fields(tbl))
      AND (SELECT relname FROM pg_class WHERE oid = x.index_oid) LIKE '%\_gin'
  LOOP
    PERFORM set_config('frontera_companion.busy', 'on', true);
    BEGIN
      EXECUTE format('DROP INDEX IF EXISTS %s', c.index_oid::regclass);
      dropped := dropped + 1;
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'frontera_companion: cannot drop index %: % (SQLSTATE %)', c.index_oid::regclass, SQLERRM, SQLSTATE;
    END;
    PERFORM set_config('frontera_companion.busy', 'off', true);
  END LOOP;
  RETURN dropped;
END
$$;

-- Companions for _id and for every btree field of one table; returns how many it created.
CREATE OR REPLACE FUNCTION frontera_companion.ensure_table(tbl oid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  f text;
  created integer := 0;
BEGIN
  IF NOT frontera_companion.is_ferretdb_table(tbl) THEN
    RETURN 0;
  END IF;
  FOR f IN SELECT '_id' UNION SELECT frontera_companion.btree_fields(tbl) LOOP
    IF frontera_companion.ensure(tbl, f) THEN
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END
$$;

CREATE OR REPLACE FUNCTION frontera_companion.on_ddl_command_end() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
  tbl oid;
  k integer;
  f text;
BEGIN
  IF current_setting('frontera_companion.busy', true) = 'on' THEN
    RETURN; -- our own CREATE INDEX
  END IF;
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    IF cmd.command_tag = 'CREATE TABLE' AND cmd.object_type = 'table' THEN
      IF frontera_companion.is_ferretdb_table(cmd.objid) THEN
        PERFORM frontera_companion.ensure(cmd.objid, '_id');
      END IF;
    ELSIF cmd.command_tag = 'CREATE INDEX' AND cmd.object_type = 'index' THEN
      SELECT i.indrelid INTO tbl
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
      WHERE i.indexrelid = cmd.objid AND i.indpred IS NULL;
      IF tbl IS NOT NULL AND frontera_companion.is_ferretdb_table(tbl) THEN
        FOR k IN 1..(SELECT indnkeyatts FROM pg_index WHERE indexrelid = cmd.objid) LOOP
          f := frontera_companion.column_field(cmd.objid, k);
          IF f IS NOT NULL THEN
            PERFORM frontera_companion.ensure(tbl, f);
          END IF;
        END LOOP;
      END IF;
    END IF;
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION frontera_companion.on_sql_drop() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  tbl oid;
BEGIN
  IF current_setting('frontera_companion.busy', true) = 'on' THEN
    RETURN; -- our own DROP INDEX
  END IF;
  -- The dropped index's table is not reported; look at the FerretDB tables of its schema
  -- (a dropped schema or table has taken its companions with it).
  FOR tbl IN
    SELECT c.oid
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND n.nspname IN (SELECT d.schema_name FROM pg_event_trigger_dropped_objects() d
                        WHERE d.object_type = 'index' AND d.original)
  LOOP
    IF frontera_companion.is_ferretdb_table(tbl) THEN
      PERFORM frontera_companion.prune(tbl);
    END IF;
  END LOOP;
END
$$;

-- Tables and indexes from before the trigger (or from a time it was disabled). Waits at most
-- lock_timeout for a busy table; what cannot be built now is retried on the next start.
CREATE OR REPLACE FUNCTION frontera_companion.sync_all() RETURNS TABLE (created integer, dropped integer)
LANGUAGE plpgsql AS $$
DECLARE
  tbl oid;
BEGIN
  created := 0;
  dropped := 0;
  FOR tbl IN
    SELECT c.oid FROM pg_class c
    WHERE c.relkind IN ('r', 'p') AND frontera_companion.is_ferretdb_table(c.oid)
      AND (
        EXISTS (SELECT 1 FROM (SELECT '_id' AS f UNION SELECT frontera_companion.btree_fields(c.oid)) want
                WHERE want.f NOT IN (SELECT x.field FROM frontera_companion.companions(c.oid) x))
        OR EXISTS (SELECT 1 FROM frontera_companion.companions(c.oid) x
                   WHERE x.field <> '_id' AND x.field NOT IN (SELECT frontera_companion.btree_fields(c.oid)))
      )
  LOOP
    created := created + frontera_companion.ensure_table(tbl);
    dropped := dropped + frontera_companion.prune(tbl);
  END LOOP;
  RETURN NEXT;
END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'frontera_companion_indexes') THEN
    CREATE EVENT TRIGGER frontera_companion_indexes ON ddl_command_end
      WHEN TAG IN ('CREATE TABLE', 'CREATE INDEX')
      EXECUTE FUNCTION frontera_companion.on_ddl_command_end();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'frontera_companion_cleanup') THEN
    CREATE EVENT TRIGGER frontera_companion_cleanup ON sql_drop
      WHEN TAG IN ('DROP INDEX')
      EXECUTE FUNCTION frontera_companion.on_sql_drop();
  END IF;
END
$$;
ALTER EVENT TRIGGER frontera_companion_indexes ENABLE;
ALTER EVENT TRIGGER frontera_companion_cleanup ENABLE;

-- Custom plans for every statement of this database (see 4. above).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
END
$$;

SET LOCAL lock_timeout = '10s';
SELECT created AS companions_created, dropped AS companions_dropped FROM frontera_companion.sync_all();

COMMIT;
