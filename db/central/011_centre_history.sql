-- The centre's history, so that a centre that went back in time is noticed
-- and loses no case. A restore from last night's backup, a standby promoted
-- with lag, a commit acknowledged by a primary that died before its standby
-- had it: each leaves the centre without operations a counter was told were
-- applied, and with a change log that hands out its ids and transaction ids
-- again. Counters therefore keep what the centre acknowledged until a
-- backup holds it, and check on every new connection:
--
--   * the centre's identity: the cluster's system identifier, its timeline
--     and an epoch that changes when the database is restored
--     (`onewindow-admin central restored`) or found on another cluster;
--   * whether the centre still has the last operation it acknowledged
--     (ow_api.missing_operations): if not, the counter asks which of the
--     operations it keeps are missing, and sends them again;
--   * whether the change log still holds the row of its pull cursor
--     (ow_api.pull_changes): if not, the log went back, and the counter
--     takes a fresh snapshot instead of trusting its cursor.
--
-- Backups: `central backup-mark --begin` before a backup and `central
-- backup-mark` after it record that the backup holds every transaction
-- finished when it began; counters learn it through the pull and forget
-- what it holds.
--
-- Current text of the functions restated or added here:
--   ow.centre_state, ow.centre_rewind, ow.backup_mark_begin,
--   ow.backup_mark_done                       new
--   ow_api.missing_operations                 new
--   ow_api.register_site, ow_api.pull_changes here (earlier version: 002)

-- One row: who the centre is.
CREATE TABLE ow.centre_identity (
    only_row           boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    epoch              uuid NOT NULL DEFAULT gen_random_uuid(),
    system_identifier  text NOT NULL,
    changed_at         timestamptz NOT NULL DEFAULT now(),
    reason             text NOT NULL DEFAULT 'init'
        CHECK (reason IN ('init', 'restored', 'moved'))
);
INSERT INTO ow.centre_identity (system_identifier)
SELECT system_identifier::text FROM pg_control_system();

-- What happened to the centre's history, and what the counters did about it.
CREATE TABLE ow.centre_events (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    kind        text NOT NULL
        CHECK (kind IN ('restored', 'moved', 'backup_begun', 'backup_done', 'resent')),
    site_code   text,
    counter_id  uuid,
    count       bigint NOT NULL DEFAULT 0,
    note        text NOT NULL DEFAULT ''
);
CREATE INDEX centre_events_at ON ow.centre_events (at);

-- Backups: begun_xmin is the oldest transaction still running when the
-- backup began, so every transaction below it is in the backup.
CREATE TABLE ow.backup_marks (
    id          bigserial PRIMARY KEY,
    begun_at    timestamptz NOT NULL DEFAULT now(),
    begun_xmin  xid8 NOT NULL,
    done_at     timestamptz,
    voided      boolean NOT NULL DEFAULT false,  -- from another cluster's history
    by_user     text NOT NULL DEFAULT session_user
);

-- The centre's history went back (kind 'restored', said by the operator)
-- or the database is found on another cluster ('moved'): a new epoch, and
-- the change log starts again, so that every counter takes a fresh
-- snapshot (its cursor names a row the log no longer has).
CREATE FUNCTION ow.centre_rewind(p_kind text, p_note text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_sysid text := (SELECT system_identifier::text FROM pg_control_system());
    v_dropped bigint;
BEGIN
    IF p_kind NOT IN ('restored', 'moved') THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('unknown rewind %s', p_kind);
    END IF;
    UPDATE ow.centre_identity
    SET epoch = gen_random_uuid(), system_identifier = v_sysid, changed_at = now(),
        reason = p_kind;
    DELETE FROM ow.change_log;
    GET DIAGNOSTICS v_dropped = ROW_COUNT;
    UPDATE ow.change_log_horizon
    SET pruned_xid = pg_current_xact_id(),
        pruned_id = (SELECT last_value FROM ow.change_log_id_seq);
    -- Another cluster counts its transactions afresh: the marks of the old
    -- one say nothing here.
    IF p_kind = 'moved' THEN
        UPDATE ow.backup_marks SET voided = true WHERE NOT voided;
    END IF;
    UPDATE ow.counters SET acked_xid = '0', acked_id = 0;
    INSERT INTO ow.centre_events (kind, count, note) VALUES (p_kind, v_dropped, coalesce(p_note, ''));
    RETURN ow.centre_state() || jsonb_build_object('dropped', v_dropped);
END
$$;

-- Who the centre is now, for the counters and `central status`. Notices a
-- database that was moved to (restored on) another cluster by its system
-- identifier, and rewinds it.
CREATE FUNCTION ow.centre_state() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_sysid text := (SELECT system_identifier::text FROM pg_control_system());
    v_id ow.centre_identity;
    v_timeline integer;
    v_mark ow.backup_marks;
    v_event ow.centre_events;
BEGIN
    SELECT * INTO v_id FROM ow.centre_identity;
    IF v_id.system_identifier IS DISTINCT FROM v_sysid THEN
        -- Once, whoever comes first: the others wait here and see it done.
        SELECT * INTO v_id FROM ow.centre_identity FOR UPDATE;
        IF v_id.system_identifier IS DISTINCT FROM v_sysid THEN
            PERFORM ow.centre_rewind('moved',
                format('system identifier %s, before %s', v_sysid, v_id.system_identifier));
        END IF;
        SELECT * INTO v_id FROM ow.centre_identity;
    END IF;
    IF pg_is_in_recovery() THEN
        v_timeline := (SELECT timeline_id FROM pg_control_checkpoint());
    ELSE
        v_timeline := ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::integer;
    END IF;
    SELECT * INTO v_mark FROM ow.backup_marks
    WHERE done_at IS NOT NULL AND NOT voided ORDER BY id DESC LIMIT 1;
    SELECT * INTO v_event FROM ow.centre_events
    WHERE kind IN ('restored', 'moved') ORDER BY id DESC LIMIT 1;
    RETURN jsonb_build_object(
        'system_identifier', v_sysid, 'timeline', v_timeline, 'epoch', v_id.epoch,
        'epoch_changed_at', v_id.changed_at, 'epoch_reason', v_id.reason,
        'xid', pg_current_xact_id()::text,
        'backup_xmin', v_mark.begun_xmin::text, 'backup_begun_at', v_mark.begun_at,
        'backup_done_at', v_mark.done_at,
        'rewound_at', v_event.at, 'rewound_kind', v_event.kind);
END
$$;

-- A backup begins: every transaction finished by now will be in it.
CREATE FUNCTION ow.backup_mark_begin() RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_mark ow.backup_marks;
BEGIN
    INSERT INTO ow.backup_marks (begun_xmin)
    VALUES (pg_snapshot_xmin(pg_current_snapshot()))
    RETURNING * INTO v_mark;
    INSERT INTO ow.centre_events (kind, note) VALUES ('backup_begun', v_mark.id::text);
    RETURN to_jsonb(v_mark);
END
$$;

-- The backup begun last succeeded: counters may forget what it holds.
CREATE FUNCTION ow.backup_mark_done() RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_mark ow.backup_marks;
BEGIN
    SELECT * INTO v_mark FROM ow.backup_marks WHERE NOT voided ORDER BY id DESC LIMIT 1
    FOR UPDATE;
    IF NOT FOUND OR v_mark.done_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'no backup was begun: run `central backup-mark --begin` before the backup '
                      'starts, and `central backup-mark` once it succeeded';
    END IF;
    UPDATE ow.backup_marks SET done_at = now() WHERE id = v_mark.id RETURNING * INTO v_mark;
    INSERT INTO ow.centre_events (kind, note) VALUES ('backup_done', v_mark.id::text);
    RETURN to_jsonb(v_mark);
END
$$;

-- Which of the operations a counter holds as acknowledged the centre does
-- not have (any more). A counter asks when the last one it was answered is
-- missing; what it then sends again is counted here for `central status`.
CREATE FUNCTION ow_api.missing_operations(p_counter_id uuid, p_ops uuid[]) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    v_missing uuid[];
BEGIN
    IF coalesce(cardinality(p_ops), 0) > 10000 THEN
        RAISE EXCEPTION USING ERRCODE = '54000',
            MESSAGE = 'at most 10000 operations at a time';
    END IF;
    SELECT coalesce(array_agg(o.id ORDER BY o.n), '{}') INTO v_missing
    FROM unnest(coalesce(p_ops, '{}')) WITH ORDINALITY AS o (id, n)
    WHERE NOT EXISTS (SELECT 1 FROM ow.applied_operations a WHERE a.operation_id = o.id);
    IF cardinality(v_missing) > 0 AND cardinality(p_ops) > 1 THEN
        INSERT INTO ow.centre_events (kind, site_code, counter_id, count)
        VALUES ('resent', me, p_counter_id, cardinality(v_missing));
    END IF;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('missing', to_jsonb(v_missing), 'checked', cardinality(p_ops));
END
$$;

CREATE OR REPLACE FUNCTION ow_api.register_site(p_site_code text, p_counter_id uuid,
                                                p_counter_name text, p_app_version text)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    s ow.sites;
BEGIN
    IF p_site_code IS DISTINCT FROM me THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('this login belongs to site %s, not to %s', me, p_site_code);
    END IF;
    IF p_counter_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'a counter id is required';
    END IF;
    UPDATE ow.sites SET first_contact = coalesce(first_contact, now()), last_contact = now()
    WHERE code = me RETURNING * INTO s;
    INSERT INTO ow.counters AS k (counter_id, site_code, name, app_version)
    VALUES (p_counter_id, me, coalesce(p_counter_name, ''), coalesce(p_app_version, ''))
    ON CONFLICT (counter_id) DO UPDATE
    SET name = EXCLUDED.name, app_version = EXCLUDED.app_version, last_contact = now();
    RETURN jsonb_build_object('site_code', s.code, 'name', s.name, 'level', s.level,
                              'registered_at', s.registered_at,
                              'schema_version', (SELECT max(version) FROM ow.schema_version),
                              'centre', ow.centre_state());
END
$$;

-- As in 002, and: a cursor naming a row the log never pruned and no
-- longer holds means the log went back (a restore, a standby promoted
-- with lag): 'snapshot_required' with 'rewound'. Every page also names the
-- newest backup the counter may count on ('backup_xmin').
CREATE OR REPLACE FUNCTION ow_api.pull_changes(after_xid xid8, after_id bigint, max_rows integer)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    boundary xid8 := pg_snapshot_xmin(pg_current_snapshot());
    lim integer := least(greatest(coalesce(max_rows, 500), 1), 5000);
    hx xid8;
    hi bigint;
    page jsonb;
    n integer;
    lx xid8;
    li bigint;
    bx xid8;
BEGIN
    IF after_xid IS NULL OR after_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004',
            MESSAGE = 'a cursor is required: a new counter starts with ow_api.snapshot()';
    END IF;
    SELECT m.begun_xmin INTO bx FROM ow.backup_marks m
    WHERE m.done_at IS NOT NULL AND NOT m.voided ORDER BY m.id DESC LIMIT 1;
    SELECT pruned_xid, pruned_id INTO hx, hi FROM ow.change_log_horizon;
    IF (after_xid, after_id) < (hx, hi) THEN
        RETURN jsonb_build_object('snapshot_required', true, 'changes', '[]'::jsonb,
                                  'next_xid', after_xid::text, 'next_id', after_id,
                                  'more', false, 'backup_xmin', bx::text);
    END IF;
    IF (after_xid, after_id) > (hx, hi)
       AND NOT EXISTS (SELECT 1 FROM ow.change_log l WHERE l.xid = after_xid AND l.id = after_id)
    THEN
        RETURN jsonb_build_object('snapshot_required', true, 'rewound', true,
                                  'changes', '[]'::jsonb,
                                  'next_xid', after_xid::text, 'next_id', after_id,
                                  'more', false, 'backup_xmin', bx::text);
    END IF;
    WITH rows AS (
        SELECT l.xid, l.id, l.kind, l.key, l.payload
        FROM ow.change_log l
        WHERE (l.xid, l.id) > (after_xid, after_id) AND l.xid < boundary
        ORDER BY l.xid, l.id
        LIMIT lim
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object('xid', r.xid::text, 'id', r.id, 'kind', r.kind,
                                                 'key', r.key, 'payload', r.payload)
                              ORDER BY r.xid, r.id), '[]'::jsonb),
           count(*)::integer,
           (array_agg(r.xid ORDER BY r.xid DESC, r.id DESC))[1],
           (array_agg(r.id ORDER BY r.xid DESC, r.id DESC))[1]
    INTO page, n, lx, li
    FROM rows r;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('snapshot_required', false, 'changes', page,
                              'next_xid', coalesce(lx, after_xid)::text,
                              'next_id', coalesce(li, after_id), 'more', n = lim,
                              'backup_xmin', bx::text);
END
$$;

-- ---------------------------------------------------------------------------
-- Ownership and rights

-- Row-level security as everywhere in ow: the API's owner reads the backup
-- marks, and records what its own site sent again; the identity is read
-- only through ow.centre_state().
ALTER TABLE ow.centre_identity ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.centre_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.backup_marks ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_read ON ow.backup_marks FOR SELECT TO ow_api_owner USING (true);
CREATE POLICY own_rows ON ow.centre_events FOR INSERT TO ow_api_owner
    WITH CHECK (kind = 'resent' AND site_code = (SELECT ow.current_site()));

ALTER FUNCTION ow_api.missing_operations(uuid, uuid[]) OWNER TO ow_api_owner;
REVOKE ALL ON FUNCTION ow.centre_rewind(text, text), ow.centre_state(), ow.backup_mark_begin(),
    ow.backup_mark_done() FROM PUBLIC;
REVOKE ALL ON FUNCTION ow_api.missing_operations(uuid, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow_api.missing_operations(uuid, uuid[]) TO ow_sites;
GRANT EXECUTE ON FUNCTION ow.centre_state() TO ow_api_owner;
GRANT SELECT ON ow.backup_marks TO ow_api_owner;
GRANT SELECT ON ow.applied_operations TO ow_api_owner;
GRANT INSERT ON ow.centre_events TO ow_api_owner;
GRANT USAGE ON SEQUENCE ow.centre_events_id_seq TO ow_api_owner;
