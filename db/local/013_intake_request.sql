-- The intake requests already decided: the request id an intake document
-- carries ("requestId"), or the hash of its content, written in the
-- transaction of its decision. A batch run again after it was cut off
-- answers these with the number they got and decides nothing twice.

CREATE TABLE intake_request (
    request_id  TEXT PRIMARY KEY NOT NULL CHECK (length(request_id) > 0),
    case_id     TEXT NOT NULL REFERENCES intake_case (id),
    decision    TEXT NOT NULL CHECK (decision IN ('accepted', 'correction', 'refused')),
    number      TEXT NOT NULL CHECK (length(number) > 0),
    decided_at  TEXT NOT NULL
) WITHOUT ROWID;
