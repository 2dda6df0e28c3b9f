-- What the centre acknowledged, kept until a backup of the centre holds it.
-- A centre restored from an older backup, or a standby promoted before it
-- had the last commits, no longer has operations it answered; the counter
-- then sends them again from here (the centre applies each once, by its
-- op_id). An entry leaves when the centre says a finished backup holds it
-- (centre_xid below the backup's mark), or after the days the sync
-- settings keep (sync.keep_days, 30 by default).
CREATE TABLE outbox_sent (
    seq          INTEGER PRIMARY KEY NOT NULL,  -- its outbox seq: the order it was written
    op_id        TEXT NOT NULL UNIQUE,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    answered_at  TEXT NOT NULL,
    centre_xid   INTEGER NOT NULL DEFAULT 0     -- the centre's transaction (xid8) that answered it
);
CREATE INDEX outbox_sent_xid ON outbox_sent (centre_xid);
CREATE INDEX outbox_sent_answered ON outbox_sent (answered_at);

-- Who the centre was at the last connection (JSON: system identifier,
-- timeline, epoch), the newest backup it confirmed, and the last thing that
-- happened to its history, for the sync page and `sync status` (JSON:
-- kind, at, resent, dropped).
ALTER TABLE sync_state ADD COLUMN centre_identity TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN backup_xid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN centre_event TEXT NOT NULL DEFAULT '';
