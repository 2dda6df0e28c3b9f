-- A refusal answered with its parameters. Until here a refused operation
-- was answered with a reason code and an English sentence, which a counter
-- could only show as given. The answer now also carries `params`, a JSON
-- object of the values the sentence names (the sites, the case number, the
-- status and versions, the kind), so that the counter words the refusal in
-- its clerk's language. The sentence stays in `message` for the operators
-- and for counters that do not know `params`.
--
-- Current text of the functions restated or added here:
--   ow.refusal_params   new: the values a refusal names, from the operation
--   ow.push_one         here (earlier version: 007)

-- The values behind a refusal of `op` for `reason` at site `me`, read from
-- the operation and the case as the centre has it (the refused change is
-- rolled back: the case is as it was). NULL for a reason with no values.
CREATE FUNCTION ow.refusal_params(reason text, op jsonb, me text) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_uuid uuid;
    v_case ow.cases;
BEGIN
    BEGIN
        v_uuid := coalesce(op->>'case_uuid', op->'case'->>'case_uuid')::uuid;
    EXCEPTION WHEN data_exception THEN
        v_uuid := NULL;
    END;
    IF v_uuid IS NOT NULL THEN
        SELECT * INTO v_case FROM ow.cases WHERE case_uuid = v_uuid;
    END IF;
    RETURN CASE reason
        WHEN 'wrong_site' THEN jsonb_build_object(
            'case_site', op->'case'->>'site_code', 'login_site', me)
        WHEN 'case_number_not_of_site' THEN jsonb_build_object(
            'case_number', op->'case'->>'case_number', 'site', me)
        WHEN 'case_number_taken' THEN jsonb_build_object(
            'case_number', op->'case'->>'case_number')
        WHEN 'case_number_changed' THEN jsonb_build_object(
            'case_number', v_case.case_number, 'new_number', op->'case'->>'case_number')
        WHEN 'case_locked' THEN jsonb_build_object(
            'case_number', v_case.case_number, 'status', v_case.status)
        WHEN 'case_uuid_taken' THEN jsonb_build_object('case_uuid', v_uuid)
        WHEN 'case_not_found' THEN jsonb_build_object('case_uuid', v_uuid, 'site', me)
        WHEN 'stale_version' THEN jsonb_build_object(
            'case_number', v_case.case_number, 'status', v_case.status,
            'version', v_case.status_version, 'seen_version', op->'seen_version')
        WHEN 'transition_not_allowed' THEN jsonb_build_object(
            'case_number', v_case.case_number, 'from', v_case.status, 'to', op->>'to')
        WHEN 'unknown_status' THEN jsonb_build_object(
            'status', coalesce(op->>'to', op->'case'->>'status'))
        WHEN 'unknown_kind' THEN jsonb_build_object('kind', op->>'kind')
        WHEN 'unknown_entity' THEN jsonb_build_object('entity', op->>'entity')
        WHEN 'operation_id_taken' THEN jsonb_build_object('op_id', op->>'op_id')
        ELSE NULL END;
END
$$;

REVOKE ALL ON FUNCTION ow.refusal_params(text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.refusal_params(text, jsonb, text) TO ow_api_owner;

-- ---------------------------------------------------------------------------
-- One operation the slow way

-- Applies one operation (the caller holds the site's push lock) and returns
-- its answer: 'applied', 'duplicate' (applied before: nothing changes) or
-- 'rejected' with a reason, its parameters and the sentence (quarantined; a
-- replay gets the same refusal).
CREATE OR REPLACE FUNCTION ow.push_one(op jsonb, me text) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id uuid;
    v_kind text := coalesce(op->>'kind', '');
    prior ow.applied_operations;
    answer jsonb;
    v_reason text;
    v_message text;
    v_constraint text;
    v_params jsonb;
BEGIN
    BEGIN
        v_id := (op->>'op_id')::uuid;
    EXCEPTION WHEN data_exception THEN
        v_id := NULL;
    END;
    IF v_id IS NULL THEN
        RETURN jsonb_build_object('op_id', op->'op_id', 'result', 'rejected',
                                  'reason', 'malformed',
                                  'message', 'The operation has no valid op_id.');
    END IF;
    SELECT * INTO prior FROM ow.applied_operations WHERE operation_id = v_id;
    IF FOUND THEN
        IF prior.result = 'applied' THEN
            RETURN prior.answer || jsonb_build_object('result', 'duplicate');
        END IF;
        RETURN prior.answer;
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
        v_params := ow.refusal_params(v_reason, op, me);
        answer := jsonb_build_object('op_id', v_id, 'kind', v_kind, 'result', 'rejected',
                                     'reason', v_reason, 'message', v_message)
                  || CASE WHEN v_params IS NULL THEN '{}'::jsonb
                          ELSE jsonb_build_object('params', v_params) END;
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
                                      v_id),
                    'params', jsonb_build_object('op_id', v_id));
            END;
        END IF;
    END IF;
    RETURN answer;
END
$$;
