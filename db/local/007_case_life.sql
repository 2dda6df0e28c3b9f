-- The life of a case after acceptance: the department it was forwarded to
-- and the result recorded, the hand-over at the window with the collector's
-- ID, the pauses of the legal clock (a correction or a special procedure,
-- 特别程序), and the clerks who may approve items at the window themselves
-- (首席服务官). The status moves stay in intake_case.status and
-- case_status_history; these tables hold what a move carries.

CREATE TABLE case_progress (
    case_id              TEXT PRIMARY KEY NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    department           TEXT NOT NULL DEFAULT '',
    forwarded_at         TEXT NOT NULL DEFAULT '',
    result               TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'approved', 'refused')),
    result_by            TEXT NOT NULL DEFAULT '' CHECK (result_by IN ('', 'window',
                             'department')),
    result_reason        TEXT NOT NULL DEFAULT '',
    result_at            TEXT NOT NULL DEFAULT '',
    completed_at         TEXT NOT NULL DEFAULT '',
    CHECK (result <> 'refused' OR length(trim(result_reason)) > 0)
);

CREATE TABLE case_handover (
    case_id              TEXT PRIMARY KEY NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    collector_name       TEXT NOT NULL CHECK (length(collector_name) > 0),
    collector_id_number  TEXT NOT NULL CHECK (length(collector_id_number) > 0),
    authorised           INTEGER NOT NULL CHECK (authorised IN (0, 1)),
    at                   TEXT NOT NULL,
    clerk                TEXT NOT NULL,
    site_code            TEXT NOT NULL,
    window_code          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE case_clock_pause (
    id                   INTEGER PRIMARY KEY,
    case_id              TEXT NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL CHECK (kind IN ('correction', 'special')),
    reason               TEXT NOT NULL DEFAULT '',
    started_on           TEXT NOT NULL CHECK (length(started_on) = 10),
    ended_on             TEXT NOT NULL DEFAULT '' CHECK (ended_on = '' OR ended_on >= started_on),
    clerk                TEXT NOT NULL
);

-- At most one pause runs at a time.
CREATE UNIQUE INDEX case_clock_pause_open ON case_clock_pause (case_id) WHERE ended_on = '';

CREATE TABLE window_approval_authority (
    login                TEXT NOT NULL CHECK (length(login) > 0),
    item_code            TEXT NOT NULL CHECK (length(item_code) > 0),
    granted_at           TEXT NOT NULL,
    granted_by           TEXT NOT NULL,
    PRIMARY KEY (login, item_code)
);
