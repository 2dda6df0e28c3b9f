-- What a decision writes, checked and indexed with less work.
--
-- 1. The CHECK constraints' lists of values (`status IN ('accepted',
--    'first_review', ...)`) are written as comparisons (`(status =
--    'accepted' OR status = 'first_review' OR ...)`): the same rules, which
--    SQLite checks without building a temporary index of the list for every
--    row written. This step is done in code after the statements below
--    (Database::rewriteCheckLists): each table's text is changed in place,
--    and nothing stored changes. New tables write their lists so.
--
-- 2. The index of the cases on the legal clock (the overdue and due-soon
--    lists) is made again with its condition written the same way; the
--    lists ask for it in the same words (CaseQuery).
--
-- 3. Two indexes that another index already serves are dropped: the
--    applicant's materials by (applicant, material) is the start of the
--    table's unique key, and a case's status history by (case, id) is read
--    through the index by (case, status, time) and sorted (a case has a
--    handful of changes).

DROP INDEX intake_case_on_clock;
CREATE INDEX intake_case_on_clock ON intake_case (promised_date, decided_at, id)
    WHERE (status = 'accepted' OR status = 'first_review' OR status = 'forwarded' OR
           status = 'approved')
      AND promised_date <> '';

DROP INDEX applicant_material_by_applicant;
DROP INDEX case_status_history_case;
