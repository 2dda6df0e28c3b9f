-- Intake at the window: applicants and agents, the materials they have on
-- file, matters (one applicant, one set of items, counted visits), cases with
-- their items, materials, status history, corrections (补正) and refusals
-- (不予受理), the case-number sequence, supervisor overrides and the outbox.
-- Every decision writes its rows here in one transaction.
-- Times are ISO 8601 text with offset, dates YYYY-MM-DD, ids UUIDv7 text.

-- A natural person (ID type and number) or a legal person (credit code).
CREATE TABLE applicant (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('natural', 'legal')),
    id_type              TEXT NOT NULL DEFAULT '' CHECK (id_type IN ('', 'resident-id',
                             'passport', 'hk-macao-permit', 'taiwan-permit',
                             'foreign-permanent', 'other')),
    id_number            TEXT NOT NULL DEFAULT '',
    name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    sex                  TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'male', 'female')),
    birth_date           TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    address              TEXT NOT NULL DEFAULT '',
    credit_code          TEXT NOT NULL DEFAULT '',
    legal_representative TEXT NOT NULL DEFAULT '',
    legal_rep_id_number  TEXT NOT NULL DEFAULT '',
    contact_name         TEXT NOT NULL DEFAULT '',
    contact_phone        TEXT NOT NULL DEFAULT '',
    credit_grade         TEXT NOT NULL DEFAULT '' CHECK (credit_grade IN ('', 'A', 'B', 'C',
                             'blacklist')),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (kind = 'legal' OR (id_type <> '' AND id_number <> '')),
    CHECK (kind = 'natural' OR credit_code <> '')
);

CREATE UNIQUE INDEX applicant_natural_key ON applicant (id_type, id_number)
    WHERE kind = 'natural';
CREATE UNIQUE INDEX applicant_legal_key ON applicant (credit_code) WHERE kind = 'legal';
CREATE INDEX applicant_id_number ON applicant (id_number) WHERE id_number <> '';
CREATE INDEX applicant_name ON applicant (name);

-- Someone acting for applicants (代理人), with an ID of their own.
CREATE TABLE agent (
    id                   TEXT PRIMARY KEY NOT NULL,
    id_type              TEXT NOT NULL CHECK (id_type IN ('resident-id', 'passport',
                             'hk-macao-permit', 'taiwan-permit', 'foreign-permanent',
                             'other')),
    id_number            TEXT NOT NULL CHECK (length(id_number) > 0),
    name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (id_type, id_number)
);

CREATE INDEX agent_name ON agent (name);

-- A material an applicant has on file and need not bring again: issued in an
-- earlier case (source_kind 'case', source_ref the case number) or found in
-- the e-licence library (source_kind 'elicence', source_ref its number).
CREATE TABLE applicant_material (
    id                   INTEGER PRIMARY KEY,
    applicant_id         TEXT NOT NULL REFERENCES applicant (id) ON DELETE CASCADE,
    material_id          TEXT NOT NULL CHECK (length(material_id) > 0),
    name                 TEXT NOT NULL DEFAULT '',
    source_kind          TEXT NOT NULL CHECK (source_kind IN ('case', 'elicence')),
    source_ref           TEXT NOT NULL CHECK (length(source_ref) > 0),
    valid_until          TEXT NOT NULL DEFAULT '',
    recorded_at          TEXT NOT NULL,
    UNIQUE (applicant_id, material_id, source_kind, source_ref)
);

CREATE INDEX applicant_material_by_applicant ON applicant_material (applicant_id, material_id);

-- One matter: one applicant asking for one set of items. A correction keeps
-- it open; the next visit for the same items resumes it.
CREATE TABLE matter (
    id                   TEXT PRIMARY KEY NOT NULL,
    applicant_id         TEXT NOT NULL REFERENCES applicant (id),
    items_key            TEXT NOT NULL CHECK (length(items_key) > 0),
    state                TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    visits               INTEGER NOT NULL DEFAULT 0 CHECK (visits >= 0),
    opened_at            TEXT NOT NULL,
    closed_at            TEXT NOT NULL DEFAULT ''
);

CREATE INDEX matter_open ON matter (applicant_id, items_key, state);

CREATE TABLE matter_visit (
    matter_id            TEXT NOT NULL REFERENCES matter (id) ON DELETE CASCADE,
    visit_no             INTEGER NOT NULL CHECK (visit_no >= 1),
    at                   TEXT NOT NULL,
    site_code            TEXT NOT NULL,
    window_code          TEXT NOT NULL DEFAULT '',
    clerk                TEXT NOT NULL,
    outcome              TEXT NOT NULL CHECK (outcome IN ('accepted', 'correction', 'refused')),
    PRIMARY KEY (matter_id, visit_no)
);

-- Case numbers: <site>-<yyyyMMdd>-<NNNN>, and the numbers of correction and
-- refusal notices, allocated inside the decision's transaction. A rolled
-- back decision takes its number with it, so no printed number lacks its record.
CREATE TABLE number_sequence (
    site_code            TEXT NOT NULL,
    day                  TEXT NOT NULL CHECK (length(day) = 8),
    kind                 TEXT NOT NULL CHECK (kind IN ('case', 'correction', 'refusal')),
    last                 INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (site_code, day, kind)
);

CREATE TABLE intake_case (
    id                   TEXT PRIMARY KEY NOT NULL,
    case_number          TEXT UNIQUE,
    site_code            TEXT NOT NULL CHECK (length(site_code) > 0),
    case_day             TEXT NOT NULL DEFAULT '',
    case_seq             INTEGER NOT NULL DEFAULT 0,
    matter_id            TEXT NOT NULL REFERENCES matter (id),
    applicant_id         TEXT NOT NULL REFERENCES applicant (id),
    agent_id             TEXT REFERENCES agent (id),
    channel              TEXT NOT NULL CHECK (channel IN ('counter', 'phone', 'proxy', 'onsite',
                             'appointment')),
    form_json            TEXT NOT NULL DEFAULT '{}',
    decision             TEXT NOT NULL CHECK (decision IN ('accepted', 'correction',
                             'refused')),
    status               TEXT NOT NULL CHECK (status IN ('correction_requested', 'accepted',
                             'not_accepted', 'first_review', 'forwarded', 'approved',
                             'refused', 'completed', 'awaiting_pickup', 'mailed',
                             'delivered', 'withdrawn')),
    promised_date        TEXT NOT NULL DEFAULT '',
    promised_provisional INTEGER NOT NULL DEFAULT 0 CHECK (promised_provisional IN (0, 1)),
    promised_days        INTEGER NOT NULL DEFAULT 0 CHECK (promised_days >= 0),
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    window_code          TEXT NOT NULL DEFAULT '',
    delivery             TEXT NOT NULL DEFAULT 'pickup' CHECK (delivery IN ('pickup', 'ems',
                             'locker')),
    delivery_recipient   TEXT NOT NULL DEFAULT '',
    delivery_phone       TEXT NOT NULL DEFAULT '',
    delivery_address     TEXT NOT NULL DEFAULT '',
    delivery_postcode    TEXT NOT NULL DEFAULT '',
    delivery_locker      TEXT NOT NULL DEFAULT '',
    visits               INTEGER NOT NULL DEFAULT 1 CHECK (visits >= 1),
    credit_grade         TEXT NOT NULL DEFAULT '',
    credit_acknowledged  INTEGER NOT NULL DEFAULT 0 CHECK (credit_acknowledged IN (0, 1)),
    created_at           TEXT NOT NULL,
    decided_at           TEXT NOT NULL,
    CHECK (decision <> 'accepted' OR (case_number IS NOT NULL AND case_seq >= 1)),
    CHECK (delivery <> 'ems' OR length(delivery_address) > 0),
    CHECK (delivery <> 'locker' OR length(delivery_locker) > 0)
);

CREATE INDEX intake_case_applicant ON intake_case (applicant_id, created_at);
CREATE INDEX intake_case_matter ON intake_case (matter_id);
CREATE INDEX intake_case_day ON intake_case (site_code, case_day, case_seq);

-- The items of a case, each with the catalogue version it was decided under.
CREATE TABLE case_item (
    case_id              TEXT NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    item_code            TEXT NOT NULL,
    item_version         INTEGER NOT NULL CHECK (item_version >= 1),
    item_name            TEXT NOT NULL DEFAULT '',
    joint_code           TEXT NOT NULL DEFAULT '',
    promised_days        INTEGER NOT NULL DEFAULT 0,
    position             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_id, item_code)
);

CREATE INDEX case_item_code ON case_item (item_code);

CREATE TABLE case_material (
    case_id              TEXT NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    material_id          TEXT NOT NULL,
    name                 TEXT NOT NULL DEFAULT '',
    required             INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    state                TEXT NOT NULL CHECK (state IN ('pending', 'received', 'reused',
                             'missing', 'defective')),
    presented            TEXT NOT NULL DEFAULT '' CHECK (presented IN ('', 'original', 'copy',
                             'electronic', 'original+copy')),
    count                INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    reused_from          TEXT NOT NULL DEFAULT '',
    defect_reason        TEXT NOT NULL DEFAULT '',
    what_to_bring        TEXT NOT NULL DEFAULT '',
    position             INTEGER NOT NULL DEFAULT 0,
    CHECK (state <> 'defective' OR length(defect_reason) > 0),
    CHECK (state <> 'reused' OR length(reused_from) > 0),
    CHECK (state <> 'received' OR count >= 1),
    PRIMARY KEY (case_id, material_id)
);

-- Every transition: who, when, where.
CREATE TABLE case_status_history (
    id                   INTEGER PRIMARY KEY,
    case_id              TEXT NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    from_status          TEXT NOT NULL DEFAULT '',
    to_status            TEXT NOT NULL,
    at                   TEXT NOT NULL,
    clerk                TEXT NOT NULL,
    site_code            TEXT NOT NULL,
    window_code          TEXT NOT NULL DEFAULT '',
    note                 TEXT NOT NULL DEFAULT ''
);

CREATE INDEX case_status_history_case ON case_status_history (case_id, id);

-- A correction request (补正): the one-time notice lists every line.
CREATE TABLE correction (
    id                   TEXT PRIMARY KEY NOT NULL,
    number               TEXT NOT NULL UNIQUE,
    case_id              TEXT NOT NULL REFERENCES intake_case (id),
    matter_id            TEXT NOT NULL REFERENCES matter (id),
    state                TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'withdrawn')),
    created_at           TEXT NOT NULL,
    clerk                TEXT NOT NULL,
    site_code            TEXT NOT NULL,
    window_code          TEXT NOT NULL DEFAULT '',
    resolved_at          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX correction_open ON correction (matter_id, state);

CREATE TABLE correction_line (
    correction_id        TEXT NOT NULL REFERENCES correction (id) ON DELETE CASCADE,
    material_id          TEXT NOT NULL,
    name                 TEXT NOT NULL,
    problem              TEXT NOT NULL CHECK (problem IN ('missing', 'defective')),
    reason               TEXT NOT NULL DEFAULT '',
    what_to_bring        TEXT NOT NULL CHECK (length(what_to_bring) > 0),
    position             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (correction_id, material_id)
);

-- A refusal to accept (不予受理): the reason and its legal basis; the
-- competent body when the matter belongs to someone else.
CREATE TABLE refusal (
    id                   TEXT PRIMARY KEY NOT NULL,
    number               TEXT NOT NULL UNIQUE,
    case_id              TEXT NOT NULL REFERENCES intake_case (id),
    reason               TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    legal_basis          TEXT NOT NULL CHECK (length(trim(legal_basis)) > 0),
    competent_body       TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    clerk                TEXT NOT NULL,
    site_code            TEXT NOT NULL,
    window_code          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX refusal_case ON refusal (case_id);

-- A supervisor's decision to go past a check: a credit code failing its
-- check character, or a credit grade (C, blacklist) that would stop intake.
CREATE TABLE supervisor_override (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('credit-code', 'credit-grade')),
    applicant_id         TEXT NOT NULL REFERENCES applicant (id),
    case_id              TEXT REFERENCES intake_case (id),
    subject              TEXT NOT NULL DEFAULT '',
    supervisor           TEXT NOT NULL CHECK (length(trim(supervisor)) > 0),
    reason               TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at                   TEXT NOT NULL,
    clerk                TEXT NOT NULL,
    site_code            TEXT NOT NULL
);

CREATE INDEX supervisor_override_applicant ON supervisor_override (applicant_id);

-- Operations waiting to reach the central database, written in the same
-- transaction as the rows they describe; removed once the centre answered.
CREATE TABLE outbox (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id                TEXT NOT NULL UNIQUE,
    entity               TEXT NOT NULL CHECK (length(entity) > 0),
    entity_id            TEXT NOT NULL CHECK (length(entity_id) > 0),
    payload              TEXT NOT NULL CHECK (json_valid(payload)),
    created_at           TEXT NOT NULL
);

CREATE INDEX outbox_entity ON outbox (entity, entity_id);
