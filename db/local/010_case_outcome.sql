-- The outcome of a case kept on its row, so that the statistics of a month
-- read the cases of the month and nothing else: when it was first completed
-- (办结) and whether its legal clock ever stood still. Triggers keep both
-- whichever way the history or a pause is written (a move at the window, a
-- back-office decision pulled from the centre).

ALTER TABLE intake_case ADD COLUMN completed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE intake_case ADD COLUMN clock_paused INTEGER NOT NULL DEFAULT 0
    CHECK (clock_paused IN (0, 1));

UPDATE intake_case SET completed_at = coalesce(
    (SELECT min(h.at) FROM case_status_history h
      WHERE h.case_id = intake_case.id AND h.to_status = 'completed'), '');
UPDATE intake_case SET clock_paused = 1
 WHERE EXISTS (SELECT 1 FROM case_clock_pause p WHERE p.case_id = intake_case.id);

CREATE TRIGGER case_status_history_completed AFTER INSERT ON case_status_history
WHEN NEW.to_status = 'completed'
BEGIN
    UPDATE intake_case SET completed_at = NEW.at
     WHERE id = NEW.case_id AND (completed_at = '' OR completed_at > NEW.at);
END;

CREATE TRIGGER case_clock_pause_paused AFTER INSERT ON case_clock_pause
BEGIN
    UPDATE intake_case SET clock_paused = 1 WHERE id = NEW.case_id AND clock_paused = 0;
END;

-- The cases of a period with everything the statistics count, read from
-- the index alone.
DROP INDEX IF EXISTS intake_case_decided;
CREATE INDEX intake_case_decided ON intake_case (decided_at, decision, site_code, window_code,
    clerk, promised_date, promised_days, visits, completed_at, clock_paused, id);
