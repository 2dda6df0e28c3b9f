-- The values the centre names in a refusal (the sites, the case number, the
-- status and versions), as the JSON object it sent beside its sentence, so
-- that the counter words the refusal in its clerk's language. NULL when the
-- centre sent none (an older centre): its sentence is shown as given.

ALTER TABLE sync_quarantine ADD COLUMN params TEXT
    CHECK (params IS NULL OR json_valid(params));
