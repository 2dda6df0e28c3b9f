-- Records a counter sends besides cases: applicants, agents and supervisor
-- overrides (the audit of a check a supervisor let pass). Operation kind
-- 'record.put': {"op_id", "kind": "record.put", "entity", "entity_id",
-- "record": {...}}. The newest record of an entity replaces the older one;
-- each site sees and writes only its own.

CREATE TABLE ow.site_records (
    site_code   text NOT NULL REFERENCES ow.sites (code),
    entity      text NOT NULL CHECK (entity IN ('applicant', 'agent', 'supervisor_override')),
    entity_id   text NOT NULL CHECK (entity_id <> ''),
    record      jsonb NOT NULL CHECK (jsonb_typeof(record) = 'object'),
    operation_id uuid NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_code, entity, entity_id)
);
ALTER TABLE ow.site_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON ow.site_records FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
REVOKE ALL ON ow.site_records FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON ow.site_records TO ow_api_owner;

CREATE FUNCTION ow.apply_record_put(p_op jsonb, p_site text, p_operation uuid) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_entity text := p_op->>'entity';
    v_id text := p_op->>'entity_id';
BEGIN
    IF coalesce(v_entity, '') NOT IN ('applicant', 'agent', 'supervisor_override') THEN
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
REVOKE ALL ON FUNCTION ow.apply_record_put(jsonb, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.apply_record_put(jsonb, text, uuid) TO ow_api_owner;

-- push_batch as in 002, knowing 'record.put'.
-- Applies a batch of operations in one transaction and answers each one, in
-- order: 'applied', 'duplicate' (applied before: nothing changes) or
-- 'rejected' with a reason (quarantined; a replay gets the same refusal).
CREATE OR REPLACE FUNCTION ow_api.push_batch(ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    op jsonb;
    idx integer;
    v_id uuid;
    v_kind text;
    prior ow.applied_operations;
    answer jsonb;
    answers jsonb := '[]'::jsonb;
    v_reason text;
    v_message text;
    v_constraint text;
BEGIN
    IF ops IS NULL OR jsonb_typeof(ops) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_batch expects a JSON array of operations';
    END IF;
    IF jsonb_array_length(ops) > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = '54000',
            MESSAGE = 'push_batch takes at most 1000 operations at a time';
    END IF;
    FOR op, idx IN SELECT e.value, e.ordinality::integer
                   FROM jsonb_array_elements(ops) WITH ORDINALITY AS e LOOP
        v_kind := coalesce(op->>'kind', '');
        v_id := NULL;
        BEGIN
            v_id := (op->>'op_id')::uuid;
        EXCEPTION WHEN data_exception THEN
            v_id := NULL;
        END;
        IF v_id IS NULL THEN
            answers := answers || jsonb_build_array(jsonb_build_object(
                'index', idx - 1, 'op_id', op->'op_id', 'result', 'rejected',
                'reason', 'malformed', 'message', 'The operation has no valid op_id.'));
            CONTINUE;
        END IF;
        -- The same operation sent twice at once: the second waits for the first.
        PERFORM pg_advisory_xact_lock(hashtextextended('ow.operation:' || v_id::text, 0));
        SELECT * INTO prior FROM ow.applied_operations WHERE operation_id = v_id;
        IF FOUND THEN
            IF prior.result = 'applied' THEN
                answer := prior.answer || jsonb_build_object('result', 'duplicate');
            ELSE
                answer := prior.answer;
            END IF;
            answers := answers || jsonb_build_array(answer || jsonb_build_object('index', idx - 1));
            CONTINUE;
        END IF;

        v_reason := NULL;
        BEGIN
            IF v_kind = 'case.upsert' THEN
                answer := ow.apply_case_upsert(op, me, v_id);
            ELSIF v_kind = 'record.put' THEN
                answer := ow.apply_record_put(op, me, v_id);
            ELSIF v_kind = 'case.status_request' THEN
                answer := ow.apply_status_request(op, me, v_id);
            ELSE
                PERFORM ow.refuse('unknown_kind',
                    format('The centre does not know operations of kind %s.', v_kind));
            END IF;
            answer := jsonb_build_object('op_id', v_id, 'kind', v_kind, 'result', 'applied')
                      || answer;
            INSERT INTO ow.applied_operations (operation_id, site_code, kind, result, answer)
            VALUES (v_id, me, v_kind, 'applied', answer);
        EXCEPTION
            WHEN SQLSTATE 'OW400' THEN
                GET STACKED DIAGNOSTICS v_reason = MESSAGE_TEXT, v_message = PG_EXCEPTION_DETAIL;
            WHEN unique_violation THEN
                GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME;
                v_reason := CASE v_constraint
                    WHEN 'cases_case_number_key' THEN 'case_number_taken'
                    WHEN 'cases_pkey' THEN 'case_uuid_taken'
                    WHEN 'applied_operations_pkey' THEN 'operation_id_taken'
                    ELSE 'conflict' END;
                v_message := CASE v_reason
                    WHEN 'case_number_taken' THEN
                        format('The case number %s is already used by another case.',
                               op->'case'->>'case_number')
                    WHEN 'case_uuid_taken' THEN
                        format('The case id %s is already used by another site.',
                               op->'case'->>'case_uuid')
                    WHEN 'operation_id_taken' THEN
                        format('The operation id %s is already used by another site.', v_id)
                    ELSE format('The operation conflicts with existing data (%s).', v_constraint)
                    END;
            WHEN data_exception OR check_violation OR not_null_violation
                 OR foreign_key_violation THEN
                GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
                v_reason := 'malformed';
                v_message := format('The operation is not valid: %s.', v_message);
        END;
        IF v_reason IS NOT NULL THEN
            answer := jsonb_build_object('op_id', v_id, 'kind', v_kind, 'result', 'rejected',
                                         'reason', v_reason, 'message', v_message);
            -- An operation id of another site cannot be recorded under this one.
            IF v_reason <> 'operation_id_taken' THEN
                BEGIN
                    INSERT INTO ow.applied_operations (operation_id, site_code, kind, result,
                                                       answer)
                    VALUES (v_id, me, v_kind, 'rejected', answer);
                    INSERT INTO ow.quarantine (operation_id, site_code, kind, operation, reason,
                                               message)
                    VALUES (v_id, me, v_kind, op, v_reason, v_message);
                EXCEPTION WHEN unique_violation THEN
                    answer := jsonb_build_object('op_id', v_id, 'kind', v_kind,
                        'result', 'rejected', 'reason', 'operation_id_taken',
                        'message', format('The operation id %s is already used by another site.',
                                          v_id));
                END;
            END IF;
        END IF;
        answers := answers || jsonb_build_array(answer || jsonb_build_object('index', idx - 1));
    END LOOP;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('results', answers);
END
$$;
