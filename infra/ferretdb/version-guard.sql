-- A version guard for FerretDB 1.x on PostgreSQL: a document's `version` never goes backwards.
-- See docs/decisions/0027-ferretdb-version-guard.md.
--
-- FerretDB 1.x applies an update as an unlocked read-modify-write: it SELECTs the document, applies
-- the update in Go (the filter, a `version` condition included, is checked on what it read) and
-- writes the whole document back with UPDATE ... WHERE _id. A write decided on a version that was
-- current at the SELECT can therefore land after a newer write and undo it. For the writes that
-- keep or raise `version` (the outbox's prune keeps it, a command raises it), PostgreSQL can refuse
-- the stale one at the UPDATE itself, where the row is locked: this file gives every FerretDB
-- table a BEFORE UPDATE row trigger that skips an update whose new `version` is lower than the
-- stored one (the statement succeeds; the row keeps the newer document). Documents without a
-- numeric `version` are not affected. MongoDB needs none of this: its updates are atomic.
--
-- Idempotent: apply on every start, as a superuser, to FerretDB's database, after
-- companion-indexes.sql (it uses that file's frontera_companion.is_ferretdb_table).

SET client_min_messages = warning;

BEGIN;

CREATE OR REPLACE FUNCTION frontera_companion.version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_typeof(OLD._jsonb -> 'version') = 'number'
     AND jsonb_typeof(NEW._jsonb -> 'version') = 'number'
     AND (NEW._jsonb ->> 'version')::numeric < (OLD._jsonb ->> 'version')::numeric THEN
    RETURN NULL; -- a write decided on an older version: keep the newer document
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION frontera_companion.ensure_version_guard(tbl oid) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT frontera_companion.is_ferretdb_table(tbl)
     OR EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = tbl AND tgname = 'frontera_version_guard') THEN
    RETURN false;
  END IF;
  EXECUTE format(
    'CREATE TRIGGER frontera_version_guard BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION frontera_companion.version_guard()',
    tbl::regclass);
  RETURN true;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'frontera_companion: cannot add the version guard to %: % (SQLSTATE %)', tbl::regclass, SQLERRM, SQLSTATE;
  RETURN false;
END
$$;

CREATE OR REPLACE FUNCTION frontera_companion.on_create_table_guard() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    IF cmd.command_tag = 'CREATE TABLE' AND cmd.object_type = 'table' THEN
      PERFORM frontera_companion.ensure_version_guard(cmd.objid);
    END IF;
  END LOOP;
END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'frontera_version_guard') THEN
    CREATE EVENT TRIGGER frontera_version_guard ON ddl_command_end
      WHEN TAG IN ('CREATE TABLE')
      EXECUTE FUNCTION frontera_companion.on_create_table_guard();
  END IF;
END
$$;
ALTER EVENT TRIGGER frontera_version_guard ENABLE;

-- Tables from before the event trigger.
SELECT count(*) FILTER (WHERE frontera_companion.ensure_version_guard(c.oid)) AS version_guards_created
FROM pg_class c
WHERE c.relkind IN ('r', 'p') AND frontera_companion.is_ferretdb_table(c.oid);

COMMIT;
