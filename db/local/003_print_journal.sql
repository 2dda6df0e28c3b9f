-- Documents: the print journal and the centre's own wording.

-- Every document printed or exported: what, for which case, when, by whom,
-- where it went, and the SHA-256 of its canonical content, so a page on paper
-- can be checked against the record. The first print of a document is the
-- original (copy_no 0); every later one is a copy and is marked as such.
CREATE TABLE print_journal (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('acceptance-receipt', 'one-time-notice',
                             'non-acceptance-notice', 'completion-notice', 'ems-slip',
                             'daily-ledger')),
    -- What the document is of: the case, correction or refusal number, the
    -- waybill of a slip, or "<site>/<window>/<yyyy-MM-dd>" for a ledger.
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
    -- The program language it was printed in: its wording is part of the hash.
    language             TEXT NOT NULL DEFAULT '',
    printed_at           TEXT NOT NULL,
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    site_code            TEXT NOT NULL DEFAULT '',
    window_code          TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, subject, copy_no)
);

CREATE INDEX print_journal_case ON print_journal (case_id);
CREATE INDEX print_journal_case_number ON print_journal (case_number);
CREATE INDEX print_journal_hash ON print_journal (sha256);
CREATE INDEX print_journal_day ON print_journal (printed_at);

-- The centre's wording on every document (name, address, phones, seal, query
-- URL, ...). A key absent here prints its built-in default.
CREATE TABLE centre_setting (
    key                  TEXT PRIMARY KEY NOT NULL CHECK (length(key) > 0),
    value                TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
