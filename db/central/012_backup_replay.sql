-- A finished backup is offered to the counters only once every standby has
-- it. A counter forgets the operations a finished backup holds as soon as
-- it learns of the backup (backup_xmin of ow_api.pull_changes and of
-- ow.centre_state). Up to 011 it learnt of it as soon as the primary
-- recorded `central backup-mark`; an asynchronous standby that lagged, or
-- was cut off, could then lack those operations, and once promoted it had
-- them nowhere: not itself, not at any counter.
--
-- Now `central backup-mark` also records where the primary's WAL stood
-- (done_lsn), and a mark is offered only when every standby has flushed
-- the WAL past it. A standby promoted replays all it has flushed before it
-- takes writes, so it then holds every operation the counters may forget.
--
-- Which standbys there are: the centre's physical replication slots (not
-- temporary: those of pg_basebackup are backups, not standbys). A slot
-- stays while its standby is away, with the position that standby last
-- confirmed, so a standby cut off or stopped holds the mark back; the list
-- of connected standbys (pg_stat_replication) forgets it the moment it
-- disconnects, which is exactly when it starts to lag. Every standby
-- therefore streams through a slot of its own (primary_slot_name;
-- `pg_basebackup -C -S NAME -R`; Patroni makes one per member), and the
-- slot of a standby that is gone for good is dropped
-- (pg_drop_replication_slot), as it must be anyway, or the primary keeps
-- its WAL. A standby that streams without a slot cannot be waited for:
-- `central status` says so.
--
-- Current text of the functions restated or added here:
--   ow.offered_backup_mark                   new
--   ow.backup_mark_done, ow.centre_state     here (earlier version: 011)
--   ow_api.pull_changes                      here (earlier versions: 002, 011)

-- Where the WAL stood when the backup was marked done: insert position,
-- past the commit record of every transaction the backup holds. Marks made
-- before this file have none and stay offered as before.
ALTER TABLE ow.backup_marks ADD COLUMN done_lsn pg_lsn;

-- The newest finished backup every standby has (its done_lsn at or below
-- the position each physical slot's standby confirmed); NULL when none.
CREATE FUNCTION ow.offered_backup_mark() RETURNS ow.backup_marks
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.*
    FROM ow.backup_marks m
    WHERE m.done_at IS NOT NULL AND NOT m.voided
      AND (m.done_lsn IS NULL
           OR NOT EXISTS (SELECT 1 FROM pg_replication_slots s
                          WHERE s.slot_type = 'physical' AND NOT s.temporary
                            AND (s.restart_lsn IS NULL OR s.restart_lsn < m.done_lsn)))
    ORDER BY m.id DESC
    LIMIT 1
$$;

-- As in 011, and: where the WAL stood (done_lsn).
CREATE OR REPLACE FUNCTION ow.backup_mark_done() RETURNS jsonb
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
    UPDATE ow.backup_marks SET done_at = now(), done_lsn = pg_current_wal_insert_lsn()
    WHERE id = v_mark.id RETURNING * INTO v_mark;
    INSERT INTO ow.centre_events (kind, note) VALUES ('backup_done', v_mark.id::text);
    RETURN to_jsonb(v_mark);
END
$$;

-- As in 011, and: the backup named (backup_xmin, backup_begun_at,
-- backup_done_at) is the newest one offered (ow.offered_backup_mark).
CREATE OR REPLACE FUNCTION ow.centre_state() RETURNS jsonb
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
    v_mark := ow.offered_backup_mark();
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

-- As in 011, and: 'backup_xmin' names the newest backup offered
-- (ow.offered_backup_mark), not merely the newest one finished.
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
    bx := (ow.offered_backup_mark()).begun_xmin;
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

-- The API's owner asks which mark is offered (from pull_changes, which
-- runs as it); pg_replication_slots is readable by every role.
REVOKE ALL ON FUNCTION ow.offered_backup_mark() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.offered_backup_mark() TO ow_api_owner;
