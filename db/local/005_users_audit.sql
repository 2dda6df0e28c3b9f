-- Users of this counter with their roles, the sign-in policy, and the audit
-- log: every action that changes data or prints, append-only and
-- hash-chained. Times are ISO 8601 text with offset, ids UUIDv7 text.

-- A person who signs in: a clerk (受理员), a supervisor (审核员/科长) or an
-- administrator. Passwords are kept only as Argon2id strings (libsodium's
-- crypto_pwhash_str). `items` lists the item codes and categories a clerk
-- may accept ([] means every item).
CREATE TABLE app_user (
    id                   TEXT PRIMARY KEY NOT NULL,
    login                TEXT NOT NULL UNIQUE COLLATE NOCASE
                             CHECK (length(login) BETWEEN 1 AND 64),
    display_name         TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 100),
    role                 TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
    password_hash        TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    site_code            TEXT NOT NULL DEFAULT '',
    window_code          TEXT NOT NULL DEFAULT '',
    items                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(items)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts      INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    -- '' not locked; a time: locked until then; 'unlock' until a supervisor unlocks.
    locked_until         TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    password_changed_at  TEXT NOT NULL
);

-- How sign-in behaves on this counter: one row.
CREATE TABLE auth_policy (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    max_failures         INTEGER NOT NULL DEFAULT 5 CHECK (max_failures BETWEEN 1 AND 100),
    -- 0: a locked account stays locked until a supervisor unlocks it.
    lock_minutes         INTEGER NOT NULL DEFAULT 15 CHECK (lock_minutes BETWEEN 0 AND 10080),
    -- 0: the screen never locks by itself.
    idle_lock_minutes    INTEGER NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 0 AND 1440),
    min_password_length  INTEGER NOT NULL DEFAULT 8 CHECK (min_password_length BETWEEN 6 AND 128)
);

INSERT INTO auth_policy (id) VALUES (1);

-- The audit log. Each entry stores the SHA-256 (hex) of the previous
-- entry's hash followed by its own canonical content (core/audit/AuditLog),
-- so an edited, removed or reordered entry breaks the chain.
CREATE TABLE audit_log (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    at                   TEXT NOT NULL CHECK (length(at) > 0),
    actor                TEXT NOT NULL CHECK (length(actor) > 0),
    actor_role           TEXT NOT NULL DEFAULT '',
    site_code            TEXT NOT NULL DEFAULT '',
    window_code          TEXT NOT NULL DEFAULT '',
    action               TEXT NOT NULL CHECK (length(action) > 0),
    subject              TEXT NOT NULL DEFAULT '',
    before_json          TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(before_json)),
    after_json           TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(after_json)),
    prev_hash            TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash                 TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);

CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: an entry cannot be removed');
END;

-- A new entry must chain to the newest one.
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.prev_hash <> coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                               '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'an audit entry must chain to the newest entry');
END;
