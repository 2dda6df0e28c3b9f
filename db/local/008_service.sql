-- The service around a case: the EMS mailing ledger (一单速达 台账) with its
-- follow-up calls (回访), the consultation log (咨询登记), call-back tasks
-- and satisfaction ratings (好差评). Times are ISO-8601 local date-times,
-- days are yyyy-MM-dd, as in the other tables.

-- One mailing per case: the slip was printed and the waybill recorded.
CREATE TABLE mailing (
    case_id              TEXT PRIMARY KEY NOT NULL REFERENCES intake_case (id),
    waybill              TEXT NOT NULL UNIQUE CHECK (length(waybill) BETWEEN 8 AND 20),
    recipient            TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    phone                TEXT NOT NULL CHECK (length(phone) > 0),
    address              TEXT NOT NULL CHECK (length(trim(address)) > 0),
    postcode             TEXT NOT NULL DEFAULT '',
    state                TEXT NOT NULL CHECK (state IN ('sent', 'delivered', 'returned')),
    sent_on              TEXT NOT NULL CHECK (length(sent_on) = 10),
    delivered_on         TEXT NOT NULL DEFAULT '' CHECK (delivered_on = '' OR
                             delivered_on >= sent_on),
    returned_on          TEXT NOT NULL DEFAULT '' CHECK (returned_on = '' OR
                             returned_on >= sent_on),
    return_reason        TEXT NOT NULL DEFAULT '',
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    site_code            TEXT NOT NULL CHECK (length(site_code) > 0),
    window_code          TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    CHECK (state <> 'delivered' OR delivered_on <> ''),
    CHECK (state <> 'returned' OR (returned_on <> '' AND length(trim(return_reason)) > 0))
);

CREATE INDEX mailing_sent ON mailing (site_code, sent_on);
CREATE INDEX mailing_state ON mailing (state, sent_on);

-- A follow-up call (回访) on a mailing: reached or not, what was said.
CREATE TABLE mailing_followup (
    id                   INTEGER PRIMARY KEY,
    case_id              TEXT NOT NULL REFERENCES mailing (case_id),
    at                   TEXT NOT NULL,
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    reached              INTEGER NOT NULL CHECK (reached IN (0, 1)),
    note                 TEXT NOT NULL DEFAULT ''
);

CREATE INDEX mailing_followup_case ON mailing_followup (case_id, id);

-- A consultation (咨询登记) at the counter or by phone.
CREATE TABLE consultation (
    id                   TEXT PRIMARY KEY NOT NULL,
    site_code            TEXT NOT NULL CHECK (length(site_code) > 0),
    window_code          TEXT NOT NULL DEFAULT '',
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    channel              TEXT NOT NULL CHECK (channel IN ('counter', 'phone')),
    asker_name           TEXT NOT NULL DEFAULT '',
    asker_phone          TEXT NOT NULL DEFAULT '',
    topic                TEXT NOT NULL CHECK (length(trim(topic)) > 0),
    item_codes           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(item_codes)),
    answer               TEXT NOT NULL DEFAULT '',
    notice_given         INTEGER NOT NULL DEFAULT 0 CHECK (notice_given IN (0, 1)),
    at                   TEXT NOT NULL,
    day                  TEXT NOT NULL CHECK (length(day) = 10)
);

CREATE INDEX consultation_day ON consultation (site_code, day);

-- A satisfaction rating (好差评) of one visit: 5 非常满意, 4 满意, 3 基本满意,
-- 2 不满意, 1 非常不满意. A grade of 2 or below carries its reason and
-- makes a call-back task.
CREATE TABLE rating (
    id                   TEXT PRIMARY KEY NOT NULL,
    case_id              TEXT REFERENCES intake_case (id),
    site_code            TEXT NOT NULL CHECK (length(site_code) > 0),
    window_code          TEXT NOT NULL DEFAULT '',
    clerk                TEXT NOT NULL CHECK (length(clerk) > 0),
    grade                INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
    reason               TEXT NOT NULL DEFAULT '',
    at                   TEXT NOT NULL,
    day                  TEXT NOT NULL CHECK (length(day) = 10),
    CHECK (grade > 2 OR length(trim(reason)) > 0)
);

CREATE INDEX rating_day ON rating (site_code, day);
CREATE INDEX rating_case ON rating (case_id);

-- A call-back task: a proxy service done for an elderly applicant, a bad
-- rating, a returned mailing. Done once, with its result.
CREATE TABLE callback_task (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('proxy', 'rating', 'mailing', 'other')),
    case_id              TEXT REFERENCES intake_case (id),
    rating_id            TEXT REFERENCES rating (id),
    site_code            TEXT NOT NULL CHECK (length(site_code) > 0),
    contact_name         TEXT NOT NULL DEFAULT '',
    contact_phone        TEXT NOT NULL DEFAULT '',
    reason               TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    due_on               TEXT NOT NULL CHECK (length(due_on) = 10),
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL CHECK (length(created_by) > 0),
    done_at              TEXT NOT NULL DEFAULT '',
    done_by              TEXT NOT NULL DEFAULT '',
    result               TEXT NOT NULL DEFAULT '',
    CHECK (done_at = '' OR (length(done_by) > 0 AND length(trim(result)) > 0)),
    CHECK (kind <> 'rating' OR rating_id IS NOT NULL)
);

CREATE INDEX callback_task_open ON callback_task (site_code, done_at, due_on);
CREATE UNIQUE INDEX callback_task_rating ON callback_task (rating_id) WHERE rating_id IS NOT NULL;
