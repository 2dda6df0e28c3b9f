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

-- The materials of a case in one statement (002 inserted them one by one).
CREATE OR REPLACE FUNCTION ow.put_materials(p_case uuid, p_site text, p_materials jsonb)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM ow.case_materials WHERE case_uuid = p_case;
    IF p_materials IS NULL OR jsonb_typeof(p_materials) = 'null' THEN
        RETURN;
    END IF;
    IF jsonb_typeof(p_materials) <> 'array' THEN
        PERFORM ow.refuse('malformed', 'The materials of a case must be a list.');
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_materials) m
               WHERE coalesce(m.value->>'id', '') = '' OR coalesce(m.value->>'name', '') = '') THEN
        PERFORM ow.refuse('malformed', 'Every material needs an id and a name.');
    END IF;
    INSERT INTO ow.case_materials (case_uuid, material_id, site_code, name, form, copies,
                                   received, reused_from, detail)
    SELECT p_case, m->>'id', p_site, m->>'name', coalesce(m->>'form', ''),
           coalesce((m->>'copies')::integer, 1), coalesce((m->>'received')::boolean, true),
           m->>'reused_from', m - 'id' - 'name' - 'form' - 'copies' - 'received' - 'reused_from'
    FROM jsonb_array_elements(p_materials) AS e(m);
END
$$;

-- New cases of a batch, set-based: every case.upsert that creates a case
-- and would pass every check of ow.apply_case_upsert, whose op_id and
-- case_uuid appear once in the batch and nowhere at the centre yet. Returns
-- the answers by batch index (0-based); the other operations go one by one.
-- Anything unexpected (a value that does not cast) raises: the caller then
-- sends the whole batch the slow way.
CREATE FUNCTION ow.push_new_cases(ops jsonb, me text) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c_idx integer[];
    c_op uuid[];
    c_case jsonb[];
    created uuid[];
    answers jsonb;
BEGIN
    WITH e AS (
        SELECT x.idx, x.op,
               count(*) OVER (PARTITION BY x.op->>'op_id') AS n_id,
               count(*) OVER (PARTITION BY coalesce(x.op->'case'->>'case_uuid',
                                                    x.op->>'case_uuid')) AS n_ref,
               count(*) OVER (PARTITION BY x.op->'case'->>'case_number') AS n_number
        FROM (SELECT (j.ordinality - 1)::integer AS idx, j.value AS op
              FROM jsonb_array_elements(ops) WITH ORDINALITY AS j) x
    )
    SELECT array_agg(e.idx ORDER BY e.idx), array_agg((e.op->>'op_id')::uuid ORDER BY e.idx),
           array_agg(e.op->'case' ORDER BY e.idx)
    INTO c_idx, c_op, c_case
    FROM e
    WHERE e.op->>'kind' = 'case.upsert'
      AND e.op->>'op_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      AND jsonb_typeof(e.op->'case') = 'object'
      AND e.op->'case'->>'case_uuid' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      AND coalesce(e.op->'case'->>'site_code', me) = me
      AND e.op->'case'->>'received_at' IS NOT NULL
      AND (e.op->'case'->>'case_number' IS NULL
           OR (e.op->'case'->>'case_number' <> ''
               AND left(e.op->'case'->>'case_number', length(me) + 1) = me || '-'))
      AND jsonb_typeof(e.op->'case'->'applicant') = 'object'
      AND e.op->'case'->'applicant'->>'kind' IN ('natural', 'legal')
      AND coalesce(e.op->'case'->'applicant'->>'name', '') <> ''
      AND jsonb_typeof(e.op->'case'->'items') = 'array'
      AND jsonb_array_length(e.op->'case'->'items') > 0
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(e.op->'case'->'items') i
                      WHERE coalesce(i->>'code', '') = ''
                         OR jsonb_typeof(i->'version') IS DISTINCT FROM 'number')
      AND EXISTS (SELECT 1 FROM ow.case_statuses s WHERE s.status = e.op->'case'->>'status'
                  AND (s.owner = 'counter'
                       OR EXISTS (SELECT 1 FROM ow.status_transitions t
                                  WHERE t.to_status = s.status AND t.actor_kind = 'counter')))
      AND (e.op->'case'->'materials' IS NULL OR jsonb_typeof(e.op->'case'->'materials') = 'null'
           OR (jsonb_typeof(e.op->'case'->'materials') = 'array'
               AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(e.op->'case'->'materials') m
                               WHERE coalesce(m->>'id', '') = ''
                                  OR coalesce(m->>'name', '') = '')))
      AND e.n_id = 1 AND e.n_ref = 1
      AND (e.op->'case'->>'case_number' IS NULL OR e.n_number = 1);
    -- An operation applied before finds its case there (ON CONFLICT below);
    -- one refused before is refused again: its op_id is recorded, the insert
    -- of the answer fails, and the whole batch goes the slow way.
    IF c_idx IS NULL THEN
        RETURN '{}'::jsonb;
    END IF;

    -- A number or id taken by another site (invisible here) skips the row:
    -- that operation goes the slow way and is refused there.
    WITH ins AS (
        INSERT INTO ow.cases (case_uuid, case_number, site_code, applicant_kind, applicant_name,
                              applicant_id, applicant, items, status, status_version, payload,
                              received_at)
        SELECT (c->>'case_uuid')::uuid, c->>'case_number', me, c->'applicant'->>'kind',
               c->'applicant'->>'name',
               coalesce(nullif(c->'applicant'->>'id_number', ''), c->'applicant'->>'credit_code', ''),
               c->'applicant', c->'items', c->>'status', coalesce((c->>'status_version')::integer, 1),
               coalesce(c->'payload', '{}'), (c->>'received_at')::timestamptz
        FROM unnest(c_case) AS u(c)
        ON CONFLICT DO NOTHING
        RETURNING case_uuid
    )
    SELECT array_agg(case_uuid) INTO created FROM ins;
    IF created IS NULL THEN
        RETURN '{}'::jsonb;
    END IF;

    INSERT INTO ow.case_status_history (case_uuid, site_code, status_version, from_status,
                                        to_status, actor, actor_kind, counter_time,
                                        operation_id, note)
    SELECT (u.c->>'case_uuid')::uuid, me,
           coalesce((h.value->>'status_version')::integer, h.n::integer),
           nullif(h.value->>'from', ''), h.value->>'to', coalesce(h.value->>'by', ''), 'counter',
           (h.value->>'at')::timestamptz, u.op_id, coalesce(h.value->>'note', '')
    FROM unnest(c_op, c_case) AS u(op_id, c),
         jsonb_array_elements(CASE WHEN jsonb_typeof(u.c->'history') = 'array'
                                   THEN u.c->'history' ELSE '[]' END)
             WITH ORDINALITY AS h(value, n)
    WHERE (u.c->>'case_uuid')::uuid = ANY (created);
    INSERT INTO ow.case_status_history (case_uuid, site_code, status_version, to_status, actor,
                                        actor_kind, counter_time, operation_id)
    SELECT (u.c->>'case_uuid')::uuid, me, coalesce((u.c->>'status_version')::integer, 1),
           u.c->>'status', coalesce(u.c->'payload'->>'clerk', ''), 'counter',
           (u.c->>'received_at')::timestamptz, u.op_id
    FROM unnest(c_op, c_case) AS u(op_id, c)
    WHERE (u.c->>'case_uuid')::uuid = ANY (created)
      AND (jsonb_typeof(u.c->'history') IS DISTINCT FROM 'array'
           OR jsonb_array_length(u.c->'history') = 0);

    INSERT INTO ow.case_materials (case_uuid, material_id, site_code, name, form, copies,
                                   received, reused_from, detail)
    SELECT (u.c->>'case_uuid')::uuid, m->>'id', me, m->>'name', coalesce(m->>'form', ''),
           coalesce((m->>'copies')::integer, 1), coalesce((m->>'received')::boolean, true),
           m->>'reused_from', m - 'id' - 'name' - 'form' - 'copies' - 'received' - 'reused_from'
    FROM unnest(c_case) AS u(c),
         jsonb_array_elements(CASE WHEN jsonb_typeof(u.c->'materials') = 'array'
                                   THEN u.c->'materials' ELSE '[]' END) AS e(m)
    WHERE (u.c->>'case_uuid')::uuid = ANY (created);

    WITH a AS (
        SELECT u.idx, u.op_id,
               jsonb_build_object('op_id', u.op_id, 'kind', 'case.upsert', 'result', 'applied',
                                  'case_uuid', (u.c->>'case_uuid')::uuid,
                                  'case_number', u.c->'case_number', 'status', u.c->>'status',
                                  'status_version', coalesce((u.c->>'status_version')::integer, 1),
                                  'created', true) AS answer
        FROM unnest(c_idx, c_op, c_case) AS u(idx, op_id, c)
        WHERE (u.c->>'case_uuid')::uuid = ANY (created)
    ), ins AS (
        INSERT INTO ow.applied_operations (operation_id, site_code, kind, result, answer)
        SELECT a.op_id, me, 'case.upsert', 'applied', a.answer FROM a
    )
    SELECT jsonb_object_agg(a.idx::text, a.answer) INTO answers FROM a;
    RETURN answers;
END
$$;
REVOKE ALL ON FUNCTION ow.push_new_cases(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.push_new_cases(jsonb, text) TO ow_api_owner;

-- push_batch as in 002, knowing 'record.put', with new cases set-based first.
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
    fast jsonb := '{}'::jsonb;
BEGIN
    IF ops IS NULL OR jsonb_typeof(ops) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_batch expects a JSON array of operations';
    END IF;
    IF jsonb_array_length(ops) > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = '54000',
            MESSAGE = 'push_batch takes at most 1000 operations at a time';
    END IF;
    -- The same operations sent twice at once: the second batch waits here
    -- for the first (always in the same order: no deadlock).
    PERFORM pg_advisory_xact_lock(hashtextextended('ow.operation:' || x.id, 0))
    FROM (SELECT DISTINCT lower(e->>'op_id') AS id FROM jsonb_array_elements(ops) e
          WHERE e->>'op_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          ORDER BY 1) x;
    BEGIN
        fast := ow.push_new_cases(ops, me);
    EXCEPTION WHEN OTHERS THEN
        fast := '{}'::jsonb; -- nothing of it stays: every operation goes one by one
    END;
    FOR op, idx IN SELECT e.value, e.ordinality::integer
                   FROM jsonb_array_elements(ops) WITH ORDINALITY AS e LOOP
        IF fast ? (idx - 1)::text THEN
            answers := answers || jsonb_build_array(fast->((idx - 1)::text)
                                                    || jsonb_build_object('index', idx - 1));
            CONTINUE;
        END IF;
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
