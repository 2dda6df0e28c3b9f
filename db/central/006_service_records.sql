-- The records of the service after acceptance, kept beside the applicants:
-- every print of the print journal (its check code answers a reader of the
-- paper at any counter's centre), the EMS mailings of the ledger (一单速达),
-- consultations (咨询登记), call-back tasks (回访) and ratings (好差评).
-- Each is a 'record.put' of its current state; the newest replaces the older
-- one; row-level security keeps each site to its own (003).

ALTER TABLE ow.site_records DROP CONSTRAINT site_records_entity_check;
ALTER TABLE ow.site_records ADD CONSTRAINT site_records_entity_check
    CHECK (entity IN ('applicant', 'agent', 'supervisor_override', 'print', 'mailing',
                      'consultation', 'callback', 'rating'));

CREATE OR REPLACE FUNCTION ow.apply_record_put(p_op jsonb, p_site text, p_operation uuid)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_entity text := p_op->>'entity';
    v_id text := p_op->>'entity_id';
BEGIN
    IF coalesce(v_entity, '') NOT IN ('applicant', 'agent', 'supervisor_override', 'print',
                                      'mailing', 'consultation', 'callback', 'rating') THEN
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

-- The centre's reports read the service records by kind and day.
CREATE INDEX site_records_entity ON ow.site_records (entity, updated_at);
