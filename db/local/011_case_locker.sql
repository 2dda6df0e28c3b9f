-- A result put in a self-service locker (智能柜): the locker, the
-- compartment (格口) and the pick-up code (取件码) the locker gave, when and
-- by whom; when the applicant collected it. The status moves stay in
-- intake_case.status and case_status_history.

CREATE TABLE case_locker (
    case_id              TEXT PRIMARY KEY NOT NULL REFERENCES intake_case (id) ON DELETE CASCADE,
    locker               TEXT NOT NULL CHECK (length(locker) > 0),
    compartment          TEXT NOT NULL CHECK (length(compartment) > 0),
    pickup_code          TEXT NOT NULL CHECK (length(pickup_code) > 0),
    deposited_at         TEXT NOT NULL,
    clerk                TEXT NOT NULL,
    site_code            TEXT NOT NULL,
    window_code          TEXT NOT NULL DEFAULT '',
    collected_at         TEXT NOT NULL DEFAULT '' CHECK (collected_at = '' OR
                             collected_at >= deposited_at)
);
