-- Electronic materials (材料电子化): the page images of the materials
-- received, kept content-addressed in the data folder under
-- pages/<first two hex digits>/<sha256>.<jpg|png>. A page's file is written
-- and made durable before the rows naming it are committed, so no row ever
-- names a file that is not there; a file no row names (a process killed
-- between the two) is removed at the next start. The same image is kept once,
-- however many materials, cases or captures name it.

CREATE TABLE page_blob (
    sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    format      TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    bytes       INTEGER NOT NULL CHECK (bytes > 0),
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    stored_at   TEXT NOT NULL,
    -- When the centre confirmed it holds the whole page ('' until then).
    centre_at   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- The ordered pages of a material of a case. Not tied to case_material's
-- rows, which a resumed correction writes anew: the pages stay with the case.
CREATE TABLE case_page (
    case_id     TEXT NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    material_id TEXT NOT NULL CHECK (length(material_id) > 0),
    position    INTEGER NOT NULL CHECK (position >= 1),
    sha256      TEXT NOT NULL REFERENCES page_blob (sha256),
    added_at    TEXT NOT NULL,
    PRIMARY KEY (case_id, material_id, position)
) WITHOUT ROWID;

CREATE INDEX case_page_blob ON case_page (sha256);

-- Pages captured during an intake not yet decided, under the intake's own
-- id; the decision moves them to its case in its transaction.
CREATE TABLE draft_page (
    draft_id    TEXT NOT NULL CHECK (length(draft_id) > 0),
    material_id TEXT NOT NULL CHECK (length(material_id) > 0),
    position    INTEGER NOT NULL CHECK (position >= 1),
    sha256      TEXT NOT NULL REFERENCES page_blob (sha256),
    added_at    TEXT NOT NULL,
    PRIMARY KEY (draft_id, material_id, position)
) WITHOUT ROWID;

CREATE INDEX draft_page_blob ON draft_page (sha256);

-- A case whose pages changed since the centre last had its page list:
-- version counts the changes, sent_version the one the centre holds.
CREATE TABLE case_page_sync (
    case_id      TEXT PRIMARY KEY NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version >= 1),
    sent_version INTEGER NOT NULL DEFAULT 0,
    changed_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX case_page_sync_waiting ON case_page_sync (changed_at) WHERE sent_version < version;

-- The print journal takes the case's electronic file (电子档案): the table
-- is rebuilt with the new kind in its CHECK (its list written as
-- comparisons, as migration 16 wrote every list).
CREATE TABLE print_journal_new (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind = 'acceptance-receipt' OR
                             kind = 'one-time-notice' OR kind = 'non-acceptance-notice' OR
                             kind = 'completion-notice' OR kind = 'ems-slip' OR
                             kind = 'daily-ledger' OR kind = 'case-archive'),
    subject              TEXT NOT NULL CHECK (length(subject) > 0),
    case_id              TEXT REFERENCES intake_case (id),
    case_number          TEXT NOT NULL DEFAULT '',
    document_number      TEXT NOT NULL DEFAULT '',
    copy_no              INTEGER NOT NULL CHECK (copy_no >= 0),
    sha256               TEXT NOT NULL CHECK (length(sha256) = 64),
    pages                INTEGER NOT NULL CHECK (pages >= 1),
    target_kind          TEXT NOT NULL CHECK (target_kind IN ('printer', 'file')),
    target               TEXT NOT NULL CHECK (length(target) > 0),
    reference            TEXT NOT NULL DEFAULT '',
    language             TEXT NOT NULL DEFAULT '',
    printed_at           TEXT NOT NULL,
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    site_code            TEXT NOT NULL DEFAULT '',
    window_code          TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, subject, copy_no)
);

INSERT INTO print_journal_new SELECT id, kind, subject, case_id, case_number, document_number,
    copy_no, sha256, pages, target_kind, target, reference, language, printed_at, clerk,
    site_code, window_code FROM print_journal;
DROP TABLE print_journal;
ALTER TABLE print_journal_new RENAME TO print_journal;

CREATE INDEX print_journal_case ON print_journal (case_id);
CREATE INDEX print_journal_case_number ON print_journal (case_number);
CREATE INDEX print_journal_hash ON print_journal (sha256);
CREATE INDEX print_journal_day ON print_journal (printed_at);
