-- The central database: the tables (schema ow), the roles, row-level security.
-- The counters' API functions are in 002_api.sql (schema ow_api).
--
-- Who is who:
--   the administrator  runs the migrations and the `central` admin commands;
--                      owns every table (a superuser, or the database owner
--                      with CREATEROLE)
--   ow_api_owner       owns the ow_api functions (SECURITY DEFINER). Not the
--                      table owner, so row-level security applies to it: the
--                      functions themselves cannot touch another site's rows.
--   ow_sites           the group of every site login: EXECUTE on ow_api, nothing else
--   ow_site_<code>     one LOGIN role per site (ow.add_site), member of ow_sites
--
-- A site is identified by session_user, looked up in ow.sites: never by a
-- parameter it sends.

CREATE SCHEMA ow;
CREATE SCHEMA ow_api;

-- Roles are shared by every database of the server: create them once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ow_api_owner') THEN
        CREATE ROLE ow_api_owner NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created at the same moment by the migration of another database
END
$$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ow_sites') THEN
        CREATE ROLE ow_sites NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
-- Both must be powerless; touched only when they are not (migrations of two
-- databases at once would otherwise update the same role concurrently).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles
               WHERE rolname IN ('ow_api_owner', 'ow_sites')
                 AND (rolcanlogin OR rolsuper OR rolcreatedb OR rolcreaterole
                      OR rolreplication OR rolbypassrls)) THEN
        ALTER ROLE ow_api_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
            NOBYPASSRLS;
        ALTER ROLE ow_sites NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
            NOBYPASSRLS;
    END IF;
END
$$;

-- Nobody gets anything by default: no CONNECT or TEMP on this database (each
-- site role gets CONNECT when it is added), nothing in schema public.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA ow, ow_api FROM PUBLIC;
GRANT USAGE ON SCHEMA ow TO ow_api_owner;
GRANT USAGE ON SCHEMA ow_api TO ow_sites;
ALTER DEFAULT PRIVILEGES IN SCHEMA ow, ow_api REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Applied migrations (written by the migration runner, one row per file).
CREATE TABLE ow.schema_version (
    version     integer PRIMARY KEY CHECK (version > 0),
    name        text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    applied_by  text NOT NULL DEFAULT session_user
);

CREATE TABLE ow.sites (
    code           text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9]{1,32}$'),
    name           text NOT NULL CHECK (name <> ''),
    level          text NOT NULL CHECK (level IN ('city', 'town', 'village')),
    role_name      name NOT NULL UNIQUE,
    registered_at  timestamptz NOT NULL DEFAULT now(),
    first_contact  timestamptz,
    last_contact   timestamptz,
    active         boolean NOT NULL DEFAULT true
);

-- The counter PCs of a site (one site role, several PCs).
CREATE TABLE ow.counters (
    counter_id      uuid PRIMARY KEY,
    site_code       text NOT NULL REFERENCES ow.sites (code),
    name            text NOT NULL DEFAULT '',
    app_version     text NOT NULL DEFAULT '',
    registered_at   timestamptz NOT NULL DEFAULT now(),
    last_contact    timestamptz NOT NULL DEFAULT now(),
    acked_xid       xid8 NOT NULL DEFAULT '0',
    acked_id        bigint NOT NULL DEFAULT 0,
    outbox_pending  integer NOT NULL DEFAULT 0 CHECK (outbox_pending >= 0),
    quarantined     integer NOT NULL DEFAULT 0 CHECK (quarantined >= 0)
);
CREATE INDEX counters_site ON ow.counters (site_code);

-- Case statuses and who may move a case from one to another. Before a case
-- is forwarded its status belongs to the counter; after, to the back office.
CREATE TABLE ow.case_statuses (
    status  text PRIMARY KEY,
    owner   text NOT NULL CHECK (owner IN ('counter', 'back_office')),
    final   boolean NOT NULL DEFAULT false
);
INSERT INTO ow.case_statuses (status, owner, final) VALUES
    ('correction_requested', 'counter', false),
    ('accepted', 'counter', false),
    ('first_review', 'counter', false),
    ('not_accepted', 'counter', true),
    ('forwarded', 'back_office', false),
    ('approved', 'back_office', false),
    ('refused', 'back_office', false),
    ('completed', 'back_office', false),
    ('awaiting_pickup', 'back_office', false),
    ('mailed', 'back_office', false),
    ('delivered', 'back_office', true),
    ('withdrawn', 'back_office', true);

CREATE TABLE ow.status_transitions (
    from_status  text NOT NULL REFERENCES ow.case_statuses (status),
    to_status    text NOT NULL REFERENCES ow.case_statuses (status),
    actor_kind   text NOT NULL CHECK (actor_kind IN ('counter', 'back_office')),
    PRIMARY KEY (from_status, to_status, actor_kind)
);
INSERT INTO ow.status_transitions (from_status, to_status, actor_kind) VALUES
    ('correction_requested', 'accepted', 'counter'),
    ('correction_requested', 'not_accepted', 'counter'),
    ('correction_requested', 'withdrawn', 'counter'),
    ('accepted', 'first_review', 'counter'),
    ('accepted', 'forwarded', 'counter'),
    ('accepted', 'completed', 'counter'),       -- immediate items (即办件)
    ('accepted', 'withdrawn', 'counter'),
    ('first_review', 'forwarded', 'counter'),
    ('first_review', 'completed', 'counter'),
    ('first_review', 'withdrawn', 'counter'),
    ('forwarded', 'withdrawn', 'counter'),      -- the applicant withdraws
    ('forwarded', 'approved', 'back_office'),
    ('forwarded', 'refused', 'back_office'),
    ('forwarded', 'completed', 'back_office'),
    ('approved', 'completed', 'back_office'),
    ('refused', 'completed', 'back_office'),
    ('completed', 'awaiting_pickup', 'counter'),
    ('completed', 'awaiting_pickup', 'back_office'),
    ('completed', 'mailed', 'counter'),
    ('completed', 'mailed', 'back_office'),
    ('completed', 'delivered', 'counter'),
    ('awaiting_pickup', 'delivered', 'counter'),
    ('mailed', 'delivered', 'counter'),
    ('mailed', 'delivered', 'back_office');

CREATE TABLE ow.cases (
    case_uuid        uuid PRIMARY KEY,
    case_number      text UNIQUE CHECK (case_number <> ''), -- none before acceptance
    site_code        text NOT NULL REFERENCES ow.sites (code),
    applicant_kind   text NOT NULL CHECK (applicant_kind IN ('natural', 'legal')),
    applicant_name   text NOT NULL,
    applicant_id     text NOT NULL DEFAULT '',       -- resident ID or unified social credit code
    applicant        jsonb NOT NULL DEFAULT '{}',    -- the whole applicant and agent as sent
    items            jsonb NOT NULL                  -- [{"code": ..., "version": n}, ...]
                     CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) > 0),
    status           text NOT NULL REFERENCES ow.case_statuses (status),
    status_version   integer NOT NULL CHECK (status_version > 0),
    payload          jsonb NOT NULL DEFAULT '{}',    -- form values, delivery, channel, window, clerk
    received_at      timestamptz NOT NULL,           -- the counter's clock: shown, never compared
    first_pushed_at  timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (case_uuid, site_code)
);
CREATE INDEX cases_site ON ow.cases (site_code, case_number);
CREATE INDEX cases_applicant ON ow.cases (applicant_id);

CREATE TABLE ow.case_materials (
    case_uuid    uuid NOT NULL,
    material_id  text NOT NULL CHECK (material_id <> ''),
    site_code    text NOT NULL,
    name         text NOT NULL,
    form         text NOT NULL DEFAULT '',
    copies       integer NOT NULL DEFAULT 1 CHECK (copies >= 0),
    received     boolean NOT NULL DEFAULT true,
    reused_from  text,
    detail       jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (case_uuid, material_id),
    FOREIGN KEY (case_uuid, site_code) REFERENCES ow.cases (case_uuid, site_code)
        ON DELETE CASCADE
);

CREATE TABLE ow.case_status_history (
    id              bigserial PRIMARY KEY,
    case_uuid       uuid NOT NULL,
    site_code       text NOT NULL,
    status_version  integer NOT NULL CHECK (status_version > 0),
    from_status     text REFERENCES ow.case_statuses (status),
    to_status       text NOT NULL REFERENCES ow.case_statuses (status),
    actor           text NOT NULL,
    actor_kind      text NOT NULL CHECK (actor_kind IN ('counter', 'back_office')),
    recorded_at     timestamptz NOT NULL DEFAULT now(), -- the server's clock
    counter_time    timestamptz,                        -- the counter's clock, shown only
    operation_id    uuid,
    note            text NOT NULL DEFAULT '',
    UNIQUE (case_uuid, status_version),
    FOREIGN KEY (case_uuid, site_code) REFERENCES ow.cases (case_uuid, site_code)
        ON DELETE CASCADE
);

-- Every operation a site pushed, with the answer it got: a replay gets the
-- same answer and changes nothing.
CREATE TABLE ow.applied_operations (
    operation_id  uuid PRIMARY KEY,
    site_code     text NOT NULL REFERENCES ow.sites (code),
    kind          text NOT NULL,
    result        text NOT NULL CHECK (result IN ('applied', 'rejected')),
    answer        jsonb NOT NULL,
    applied_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applied_operations_site ON ow.applied_operations (site_code, applied_at);

-- Operations refused for a business reason, kept for an operator to see.
CREATE TABLE ow.quarantine (
    operation_id  uuid PRIMARY KEY REFERENCES ow.applied_operations (operation_id),
    site_code     text NOT NULL REFERENCES ow.sites (code),
    kind          text NOT NULL,
    operation     jsonb NOT NULL,
    reason        text NOT NULL,   -- stale_version, case_number_taken, ...
    message       text NOT NULL,   -- an English sentence for the operator
    rejected_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz,
    resolved_by   text,
    resolution    text
);
CREATE INDEX quarantine_open ON ow.quarantine (site_code) WHERE resolved_at IS NULL;

-- Shared reference data, published by the centre.
CREATE TABLE ow.catalogue_items (
    kind          text NOT NULL CHECK (kind IN ('item', 'joint', 'rules')),
    code          text NOT NULL CHECK (code <> ''),
    version       integer NOT NULL CHECK (version > 0),
    doc           jsonb NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    published_by  text NOT NULL DEFAULT session_user,
    PRIMARY KEY (kind, code, version)
);

CREATE TABLE ow.calendars (
    year          integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    days          jsonb NOT NULL CHECK (jsonb_typeof(days) = 'array'),
    version       integer NOT NULL DEFAULT 1,
    published_at  timestamptz NOT NULL DEFAULT now(),
    published_by  text NOT NULL DEFAULT session_user
);

CREATE TABLE ow.credit_grades (
    credit_code  text PRIMARY KEY CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    grade        text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'blacklist')),
    version      integer NOT NULL DEFAULT 1,
    note         text NOT NULL DEFAULT '',
    set_at       timestamptz NOT NULL DEFAULT now(),
    set_by       text NOT NULL DEFAULT session_user
);

-- What the counters pull, in (xid, id) order. site_code NULL: every site.
CREATE TABLE ow.change_log (
    id         bigserial PRIMARY KEY,
    xid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    kind       text NOT NULL,
    key        text NOT NULL,
    payload    jsonb NOT NULL,
    site_code  text REFERENCES ow.sites (code),
    logged_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_order ON ow.change_log (xid, id);
CREATE INDEX change_log_site ON ow.change_log (site_code, xid, id);

-- The newest change removed by ow.prune_change_log(): a counter whose
-- cursor is older needs a snapshot.
CREATE TABLE ow.change_log_horizon (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    pruned_xid  xid8 NOT NULL DEFAULT '0',
    pruned_id   bigint NOT NULL DEFAULT 0
);
INSERT INTO ow.change_log_horizon DEFAULT VALUES;

-- The site of the current login (NULL for the administrator).
CREATE FUNCTION ow.current_site() RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.code FROM ow.sites s WHERE s.role_name = session_user AND s.active
$$;

-- Change-log triggers. They run with the rights of whoever writes: a site's
-- own writes (through ow_api) can only log for that site (policy below).
CREATE FUNCTION ow.log_catalogue() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO ow.change_log (kind, key, payload, site_code)
    VALUES ('catalogue.' || NEW.kind, NEW.code,
            jsonb_build_object('kind', NEW.kind, 'code', NEW.code, 'version', NEW.version,
                               'doc', NEW.doc),
            NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER catalogue_items_log AFTER INSERT ON ow.catalogue_items
    FOR EACH ROW EXECUTE FUNCTION ow.log_catalogue();

-- A published version never changes: publish a new version instead.
CREATE FUNCTION ow.refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'a published % cannot be changed or removed; publish a new version',
        TG_TABLE_NAME;
END
$$;
CREATE TRIGGER catalogue_items_immutable BEFORE UPDATE OR DELETE ON ow.catalogue_items
    FOR EACH ROW EXECUTE FUNCTION ow.refuse_change();

-- Calendars and credit grades: each change raises the row's version.
CREATE FUNCTION ow.bump_version() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER calendars_version BEFORE UPDATE ON ow.calendars
    FOR EACH ROW EXECUTE FUNCTION ow.bump_version();
CREATE TRIGGER credit_grades_version BEFORE UPDATE ON ow.credit_grades
    FOR EACH ROW EXECUTE FUNCTION ow.bump_version();

CREATE FUNCTION ow.log_calendar() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO ow.change_log (kind, key, payload, site_code)
    VALUES ('calendar.year', NEW.year::text,
            jsonb_build_object('year', NEW.year, 'version', NEW.version, 'days', NEW.days),
            NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER calendars_log AFTER INSERT OR UPDATE ON ow.calendars
    FOR EACH ROW EXECUTE FUNCTION ow.log_calendar();

CREATE FUNCTION ow.log_credit_grade() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO ow.change_log (kind, key, payload, site_code)
        VALUES ('credit.grade', OLD.credit_code,
                jsonb_build_object('credit_code', OLD.credit_code, 'grade', NULL,
                                   'version', OLD.version + 1),
                NULL);
        RETURN NULL;
    END IF;
    INSERT INTO ow.change_log (kind, key, payload, site_code)
    VALUES ('credit.grade', NEW.credit_code,
            jsonb_build_object('credit_code', NEW.credit_code, 'grade', NEW.grade,
                               'version', NEW.version, 'note', NEW.note),
            NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER credit_grades_log AFTER INSERT OR UPDATE OR DELETE ON ow.credit_grades
    FOR EACH ROW EXECUTE FUNCTION ow.log_credit_grade();

-- A case's status as the server holds it, for every counter of its site.
CREATE FUNCTION ow.log_case_status() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status = OLD.status
       AND NEW.status_version = OLD.status_version THEN
        RETURN NULL;
    END IF;
    INSERT INTO ow.change_log (kind, key, payload, site_code)
    VALUES ('case.status', NEW.case_uuid::text,
            jsonb_build_object('case_uuid', NEW.case_uuid, 'case_number', NEW.case_number,
                               'status', NEW.status, 'status_version', NEW.status_version),
            NEW.site_code);
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_log AFTER INSERT OR UPDATE ON ow.cases
    FOR EACH ROW EXECUTE FUNCTION ow.log_case_status();

-- Row-level security on every table. The administrator (table owner or
-- superuser) is not subject to it; ow_api_owner, running the API for a site,
-- is: it sees that site's rows and the shared reference data, nothing else.
ALTER TABLE ow.schema_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.case_statuses ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.status_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.case_materials ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.case_status_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.applied_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.quarantine ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.catalogue_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.calendars ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.credit_grades ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.change_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.change_log_horizon ENABLE ROW LEVEL SECURITY;

CREATE POLICY own_site ON ow.sites FOR ALL
    USING (role_name = session_user) WITH CHECK (role_name = session_user);
CREATE POLICY own_rows ON ow.counters FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.cases FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.case_materials FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.case_status_history FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.applied_operations FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.quarantine FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY shared_read ON ow.schema_version FOR SELECT USING (true);
CREATE POLICY shared_read ON ow.case_statuses FOR SELECT USING (true);
CREATE POLICY shared_read ON ow.status_transitions FOR SELECT USING (true);
CREATE POLICY shared_read ON ow.catalogue_items FOR SELECT USING (true);
CREATE POLICY shared_read ON ow.calendars FOR SELECT USING (true);
CREATE POLICY shared_read ON ow.credit_grades FOR SELECT USING (true);
CREATE POLICY shared_read ON ow.change_log_horizon FOR SELECT USING (true);
CREATE POLICY shared_or_own ON ow.change_log FOR SELECT
    USING (site_code IS NULL OR site_code = (SELECT ow.current_site()));
CREATE POLICY own_insert ON ow.change_log FOR INSERT
    WITH CHECK (site_code = (SELECT ow.current_site()));

-- What the API functions may do; sites themselves get no table rights at all.
REVOKE ALL ON ALL TABLES IN SCHEMA ow FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA ow FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ow FROM PUBLIC;
GRANT SELECT, UPDATE ON ow.sites TO ow_api_owner;
GRANT SELECT, INSERT, UPDATE ON ow.counters TO ow_api_owner;
GRANT SELECT, INSERT, UPDATE ON ow.cases TO ow_api_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON ow.case_materials TO ow_api_owner;
GRANT SELECT, INSERT ON ow.case_status_history TO ow_api_owner;
GRANT SELECT, INSERT ON ow.applied_operations TO ow_api_owner;
GRANT SELECT, INSERT ON ow.quarantine TO ow_api_owner;
GRANT SELECT, INSERT ON ow.change_log TO ow_api_owner;
GRANT SELECT ON ow.schema_version, ow.case_statuses, ow.status_transitions, ow.catalogue_items,
    ow.calendars, ow.credit_grades, ow.change_log_horizon TO ow_api_owner;
GRANT USAGE ON SEQUENCE ow.change_log_id_seq, ow.case_status_history_id_seq TO ow_api_owner;
GRANT EXECUTE ON FUNCTION ow.current_site(), ow.log_case_status() TO ow_api_owner;
