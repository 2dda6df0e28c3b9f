-- Supervisor sampling (稽查): a draw of random cases of a period, kept with
-- the seed it was drawn with so that the same draw can be made again, and
-- per case the finding, the rectification required and its way to closure
-- (open → rectifying → closed), each step with who and when.
-- Also the indexes the statistics and the overdue case list read by.

CREATE TABLE sampling_draw (
    id                   TEXT PRIMARY KEY NOT NULL,
    from_day             TEXT NOT NULL CHECK (length(from_day) = 10),
    to_day               TEXT NOT NULL CHECK (length(to_day) = 10 AND to_day >= from_day),
    requested            INTEGER NOT NULL CHECK (requested >= 1),
    population           INTEGER NOT NULL CHECK (population >= 0),
    seed                 INTEGER NOT NULL,
    drawn_at             TEXT NOT NULL,
    drawn_by             TEXT NOT NULL CHECK (length(drawn_by) > 0)
);

CREATE TABLE sampling_case (
    draw_id              TEXT NOT NULL REFERENCES sampling_draw (id),
    case_id              TEXT NOT NULL REFERENCES intake_case (id),
    position             INTEGER NOT NULL CHECK (position >= 1),
    state                TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'rectifying',
                             'closed')),
    finding              TEXT NOT NULL DEFAULT '',
    rectification        TEXT NOT NULL DEFAULT '',
    finding_by           TEXT NOT NULL DEFAULT '',
    finding_at           TEXT NOT NULL DEFAULT '',
    closing_note         TEXT NOT NULL DEFAULT '',
    closed_by            TEXT NOT NULL DEFAULT '',
    closed_at            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (draw_id, case_id),
    UNIQUE (draw_id, position),
    CHECK (state <> 'rectifying' OR (length(trim(finding)) > 0 AND
                                     length(trim(rectification)) > 0)),
    CHECK (state <> 'closed' OR (length(trim(closing_note)) > 0 AND length(closed_by) > 0))
);

CREATE INDEX sampling_case_state ON sampling_case (state, draw_id);

-- Every step of a sampled case: who moved it, when, from which state.
CREATE TABLE sampling_event (
    id                   INTEGER PRIMARY KEY,
    draw_id              TEXT NOT NULL,
    case_id              TEXT NOT NULL,
    from_state           TEXT NOT NULL DEFAULT '',
    to_state             TEXT NOT NULL,
    at                   TEXT NOT NULL,
    actor                TEXT NOT NULL,
    note                 TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (draw_id, case_id) REFERENCES sampling_case (draw_id, case_id)
);

CREATE INDEX sampling_event_case ON sampling_event (draw_id, case_id, id);

-- The statistics: cases by the time they were decided, the first move to
-- completed of a case, whether a case ever paused, notices by their day.
CREATE INDEX intake_case_decided ON intake_case (decided_at);
CREATE INDEX case_status_history_to ON case_status_history (case_id, to_status, at);
CREATE INDEX case_clock_pause_case ON case_clock_pause (case_id);
CREATE INDEX correction_case ON correction (case_id);
CREATE INDEX correction_created ON correction (created_at);
CREATE INDEX refusal_created ON refusal (created_at);
CREATE INDEX mailing_sent_on ON mailing (sent_on);
CREATE INDEX consultation_on ON consultation (day);
CREATE INDEX rating_on ON rating (day);

-- The overdue and due-soon case lists (CaseQuery): the cases on the legal
-- clock in the order of their promised date, without reading the rest.
CREATE INDEX intake_case_on_clock ON intake_case (promised_date, decided_at, id)
    WHERE status IN ('accepted', 'first_review', 'forwarded', 'approved')
      AND promised_date <> '';
