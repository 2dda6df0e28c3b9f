-- The kinds of record a counter may put (record.put) are rows of a table,
-- not a list written into a CHECK and again into ow.apply_record_put: a new
-- kind is one INSERT here, and the records name their kind by a foreign key.
--
-- The functions current after this migration:
--   ow.apply_record_put   here (earlier versions: 003, 006)

CREATE TABLE ow.record_entities (
    entity  text PRIMARY KEY CHECK (entity ~ '^[a-z][a-z_]*$'),
    about   text NOT NULL CHECK (about <> '')
);
INSERT INTO ow.record_entities (entity, about) VALUES
    ('applicant', 'an applicant: natural or legal person'),
    ('agent', 'an agent acting for applicants (代理人)'),
    ('supervisor_override', 'a supervisor''s sign-in for a credit-code override'),
    ('print', 'a print of the print journal: kind, number, check code, hash, copy'),
    ('mailing', 'an EMS mailing of the ledger (一单速达), with delivery, return, follow-ups'),
    ('consultation', 'a consultation (咨询登记)'),
    ('callback', 'a call-back task (回访) and its result'),
    ('rating', 'a satisfaction rating (好差评)');

ALTER TABLE ow.record_entities ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_read ON ow.record_entities FOR SELECT USING (true);
REVOKE ALL ON ow.record_entities FROM PUBLIC;
GRANT SELECT ON ow.record_entities TO ow_api_owner;

ALTER TABLE ow.site_records DROP CONSTRAINT site_records_entity_check;
ALTER TABLE ow.site_records ADD CONSTRAINT site_records_entity_fkey
    FOREIGN KEY (entity) REFERENCES ow.record_entities (entity);

CREATE OR REPLACE FUNCTION ow.apply_record_put(p_op jsonb, p_site text, p_operation uuid)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_entity text := p_op->>'entity';
    v_id text := p_op->>'entity_id';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ow.record_entities e WHERE e.entity = v_entity) THEN
        PERFORM ow.refuse('unknown_entity',
            format('The centre does not keep records of kind %s.', coalesce(v_entity, 'none')));
    END IF;
    IF coalesce(v_id, '') = '' OR jsonb_typeof(p_op->'record') IS DISTINCT FROM 'object' THEN
        PERFORM ow.refuse('malformed', 'A record needs its entity_id and the record itself.');
    END IF;
    INSERT INTO ow.site_records AS r (site_code, entity, entity_id, record, operation_id)
    VALUES (p_site, v_entity, v_id, p_op->'record', p_operation)
    ON CONFLICT (site_code, entity, entity_id) DO UPDATE
    SET record = EXCLUDED.record, operation_id = EXCLUDED.operation_id, updated_at = now();
    RETURN jsonb_build_object('entity', v_entity, 'entity_id', v_id);
END
$$;
