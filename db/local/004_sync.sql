-- What the sync engine keeps at the counter: its identity and pull cursor,
-- the operations the centre refused (quarantine), and the reference data
-- the centre publishes besides the catalogue. Only SyncStore reads and
-- writes these tables.

-- One row. counter_id: this PC at the centre. cursor_xid/cursor_id: the
-- last change applied (xid8 as text). snapshot_done: 0 until a first full
-- snapshot was applied, or after the centre asked for a new one.
CREATE TABLE sync_state (
    only_row             INTEGER PRIMARY KEY CHECK (only_row = 1),
    counter_id           TEXT NOT NULL,
    cursor_xid           TEXT NOT NULL DEFAULT '0',
    cursor_id            INTEGER NOT NULL DEFAULT 0,
    snapshot_done        INTEGER NOT NULL DEFAULT 0 CHECK (snapshot_done IN (0, 1)),
    last_success         TEXT NOT NULL DEFAULT '',
    last_error           TEXT NOT NULL DEFAULT '',
    last_error_at        TEXT NOT NULL DEFAULT ''
);

-- An operation the centre refused for a business reason, moved here from
-- the outbox in the transaction that records the answer. The clerk and the
-- supervisor see it with its reason; nothing is dropped silently.
CREATE TABLE sync_quarantine (
    op_id                TEXT PRIMARY KEY NOT NULL,
    entity               TEXT NOT NULL,
    entity_id            TEXT NOT NULL,
    payload              TEXT NOT NULL CHECK (json_valid(payload)),
    created_at           TEXT NOT NULL,
    reason               TEXT NOT NULL CHECK (length(reason) > 0),
    message              TEXT NOT NULL DEFAULT '',
    rejected_at          TEXT NOT NULL
);

-- The server's status version of each case the centre knows: a status
-- request carries the version the counter saw.
CREATE TABLE case_central (
    case_id              TEXT PRIMARY KEY NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    status_version       INTEGER NOT NULL CHECK (status_version >= 1)
);

-- Holiday calendars published by the centre, one row per year.
CREATE TABLE central_calendar (
    year                 INTEGER PRIMARY KEY NOT NULL,
    version              INTEGER NOT NULL,
    days                 TEXT NOT NULL CHECK (json_valid(days))
);

-- Credit grades published by the centre (grade '' when removed).
CREATE TABLE central_credit_grade (
    credit_code          TEXT PRIMARY KEY NOT NULL,
    grade                TEXT NOT NULL CHECK (grade IN ('', 'A', 'B', 'C', 'blacklist')),
    version              INTEGER NOT NULL,
    note                 TEXT NOT NULL DEFAULT ''
);
