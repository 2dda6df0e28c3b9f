-- A backlog pushed a set at a time. A counter that was offline for days sends
-- thousands of cases in batches of up to 1000 operations; per row, the
-- change-log trigger and the foreign-key checks of the materials and the
-- status history cost more than the rows themselves. Here:
--   * the change log of case statuses is written once per statement, from
--     the statement's transition tables;
--   * the references of materials and status history to their case are
--     checked once per statement (the cases locked as a foreign key locks
--     them), and a case removed takes its materials and history with it;
--   * new cases are inserted set-wise in one statement, and push_batch
--     assembles its answers in one query.
-- Every guarantee stays: each operation id is recorded with its answer (a
-- replay changes nothing and gets the same answer), each operation is
-- answered, a business refusal is quarantined without stopping the rest,
-- row-level security and the unique constraints hold as before.

-- ---------------------------------------------------------------------------
-- The change log of case statuses, per statement

DROP TRIGGER cases_log ON ow.cases;

CREATE FUNCTION ow.log_case_inserts() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO ow.change_log (kind, key, payload, site_code)
    SELECT 'case.status', n.case_uuid::text,
           jsonb_build_object('case_uuid', n.case_uuid, 'case_number', n.case_number,
                              'status', n.status, 'status_version', n.status_version),
           n.site_code
    FROM new_cases n;
    RETURN NULL;
END
$$;

-- Logs the cases whose status or version changed, and refuses to change the
-- key of a case its materials or history still name (as the foreign keys
-- did: materials and history follow a case, they are not re-pointed).
CREATE FUNCTION ow.log_case_updates() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    gone record;
BEGIN
    SELECT o.case_uuid, o.site_code, t.name INTO gone
    FROM old_cases o
    CROSS JOIN LATERAL (
        SELECT 'case_materials' AS name FROM ow.case_materials m
        WHERE m.case_uuid = o.case_uuid AND m.site_code = o.site_code
        UNION ALL
        SELECT 'case_status_history' FROM ow.case_status_history h
        WHERE h.case_uuid = o.case_uuid AND h.site_code = o.site_code
        LIMIT 1) t
    WHERE NOT EXISTS (SELECT 1 FROM new_cases n
                      WHERE n.case_uuid = o.case_uuid AND n.site_code = o.site_code)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('update on table "cases" violates foreign key constraint "%s_case" on table "%s"',
                             gone.name, gone.name),
            DETAIL = format('Key (case_uuid, site_code)=(%s, %s) is still referenced from table "%s".',
                            gone.case_uuid, gone.site_code, gone.name);
    END IF;
    INSERT INTO ow.change_log (kind, key, payload, site_code)
    SELECT 'case.status', n.case_uuid::text,
           jsonb_build_object('case_uuid', n.case_uuid, 'case_number', n.case_number,
                              'status', n.status, 'status_version', n.status_version),
           n.site_code
    FROM new_cases n
    WHERE NOT EXISTS (SELECT 1 FROM old_cases o
                      WHERE o.case_uuid = n.case_uuid AND o.status = n.status
                        AND o.status_version = n.status_version);
    RETURN NULL;
END
$$;

-- A case removed (only the administrator can) takes its materials and
-- history with it, as ON DELETE CASCADE did.
CREATE FUNCTION ow.cascade_case_deletes() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM ow.case_materials m USING old_cases o
    WHERE m.case_uuid = o.case_uuid AND m.site_code = o.site_code;
    DELETE FROM ow.case_status_history h USING old_cases o
    WHERE h.case_uuid = o.case_uuid AND h.site_code = o.site_code;
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_log_insert AFTER INSERT ON ow.cases
    REFERENCING NEW TABLE AS new_cases
    FOR EACH STATEMENT EXECUTE FUNCTION ow.log_case_inserts();
CREATE TRIGGER cases_log_update AFTER UPDATE ON ow.cases
    REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
    FOR EACH STATEMENT EXECUTE FUNCTION ow.log_case_updates();
CREATE TRIGGER cases_cascade_delete AFTER DELETE ON ow.cases
    REFERENCING OLD TABLE AS old_cases
    FOR EACH STATEMENT EXECUTE FUNCTION ow.cascade_case_deletes();

-- A truncated cases table would leave materials and history behind.
CREATE FUNCTION ow.refuse_case_truncate() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ow.case_materials) OR EXISTS (SELECT 1 FROM ow.case_status_history)
    THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = 'cases cannot be truncated while materials or status history name them';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_truncate BEFORE TRUNCATE ON ow.cases
    FOR EACH STATEMENT EXECUTE FUNCTION ow.refuse_case_truncate();

-- ---------------------------------------------------------------------------
-- Materials and history name an existing case: checked per statement

ALTER TABLE ow.case_materials DROP CONSTRAINT case_materials_case_uuid_site_code_fkey;
ALTER TABLE ow.case_status_history DROP CONSTRAINT case_status_history_case_uuid_site_code_fkey;

-- Every (case_uuid, site_code) of the rows written names a case. The cases
-- are locked FOR KEY SHARE, as a foreign key locks them, so none can be
-- removed or re-keyed before this transaction ends.
CREATE FUNCTION ow.check_case_refs() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    wanted bigint;
    locked bigint;
    missing record;
BEGIN
    -- Each case looked up by its key (a lateral probe, whatever the
    -- statistics of a young database make the planner think of a join).
    SELECT count(*), count(x.found) INTO wanted, locked
    FROM (SELECT DISTINCT r.case_uuid, r.site_code FROM new_refs r) k
    LEFT JOIN LATERAL (SELECT true AS found FROM ow.cases c
                       WHERE c.case_uuid = k.case_uuid AND c.site_code = k.site_code
                       FOR KEY SHARE OF c) x ON true;
    IF locked < wanted THEN
        SELECT r.case_uuid, r.site_code INTO missing FROM new_refs r
        WHERE (SELECT c.case_uuid FROM ow.cases c
               WHERE c.case_uuid = r.case_uuid AND c.site_code = r.site_code) IS NULL
        LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('insert or update on table "%s" violates foreign key constraint "%s_case"',
                             TG_TABLE_NAME, TG_TABLE_NAME),
            DETAIL = format('Key (case_uuid, site_code)=(%s, %s) is not present in table "cases".',
                            missing.case_uuid, missing.site_code);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER case_materials_case_insert AFTER INSERT ON ow.case_materials
    REFERENCING NEW TABLE AS new_refs
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_case_refs();
CREATE TRIGGER case_materials_case_update AFTER UPDATE ON ow.case_materials
    REFERENCING NEW TABLE AS new_refs
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_case_refs();
CREATE TRIGGER case_status_history_case_insert AFTER INSERT ON ow.case_status_history
    REFERENCING NEW TABLE AS new_refs
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_case_refs();
CREATE TRIGGER case_status_history_case_update AFTER UPDATE ON ow.case_status_history
    REFERENCING NEW TABLE AS new_refs
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_case_refs();

REVOKE ALL ON FUNCTION ow.log_case_inserts(), ow.log_case_updates(), ow.cascade_case_deletes(),
    ow.refuse_case_truncate(), ow.check_case_refs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.log_case_inserts(), ow.log_case_updates(),
    ow.check_case_refs() TO ow_api_owner;

-- ---------------------------------------------------------------------------
-- New cases of a batch, set-wise

-- One new case of a batch, as ow.push_new_cases reads it from the operation.
CREATE TYPE ow.pushed_case AS (
    idx             integer,  -- 0-based position in the batch
    op_id           uuid,
    case_uuid       uuid,
    case_number     text,
    received_at     timestamptz,
    status          text,
    status_version  integer,
    applicant       jsonb,
    items           jsonb,
    materials       jsonb,
    history         jsonb,
    payload         jsonb
);

-- As in 003: every case.upsert that creates a case and would pass every
-- check of ow.apply_case_upsert, whose op_id and case_uuid appear once in
-- the batch and nowhere at the centre yet. Returns the answers by batch
-- index (0-based); the other operations go one by one. Anything unexpected
-- (a value that does not cast) raises: the caller then sends the whole
-- batch the slow way.
CREATE OR REPLACE FUNCTION ow.push_new_cases(ops jsonb, me text) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cands ow.pushed_case[];
    created uuid[];
    answers jsonb;
BEGIN
    WITH raw AS (
        SELECT (j.ordinality - 1)::integer AS idx, j.value AS op,
               CASE WHEN jsonb_typeof(j.value->'case') = 'object' THEN j.value->'case' END AS c
        FROM jsonb_array_elements(ops) WITH ORDINALITY AS j
    ), counted AS (
        SELECT r.idx, r.op, r.c,
               count(*) OVER (PARTITION BY lower(r.op->>'op_id')) AS n_id,
               count(*) OVER (PARTITION BY lower(coalesce(r.c->>'case_uuid',
                                                          r.op->>'case_uuid'))) AS n_ref,
               count(*) OVER (PARTITION BY r.c->>'case_number') AS n_number
        FROM raw r
    )
    SELECT array_agg(ROW(k.idx, (k.op->>'op_id')::uuid, f.case_uuid::uuid, f.case_number,
                         f.received_at::timestamptz, f.status,
                         coalesce(f.status_version::integer, 1), f.applicant, f.items,
                         f.materials, f.history, coalesce(f.payload, '{}'))::ow.pushed_case
                     ORDER BY k.idx)
    INTO cands
    FROM counted k
    CROSS JOIN LATERAL jsonb_to_record(k.c) AS f(case_uuid text, case_number text,
                                                site_code text, received_at text,
                                                status text, status_version text,
                                                applicant jsonb, items jsonb,
                                                materials jsonb, history jsonb,
                                                payload jsonb)
    WHERE k.c IS NOT NULL
      AND k.op->>'kind' = 'case.upsert'
      AND k.op->>'op_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      AND k.n_id = 1 AND k.n_ref = 1
      AND f.case_uuid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      AND (NOT k.c ? 'site_code' OR f.site_code = me)
      AND f.received_at IS NOT NULL
      AND (f.case_number IS NULL
           OR (f.case_number <> '' AND left(f.case_number, length(me) + 1) = me || '-'
               AND k.n_number = 1))
      AND jsonb_typeof(f.applicant) = 'object'
      AND f.applicant->>'kind' IN ('natural', 'legal')
      AND coalesce(f.applicant->>'name', '') <> ''
      AND jsonb_typeof(f.items) = 'array'
      AND jsonb_array_length(f.items) > 0
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(f.items) i
                      WHERE coalesce(i->>'code', '') = ''
                         OR jsonb_typeof(i->'version') IS DISTINCT FROM 'number')
      AND EXISTS (SELECT 1 FROM ow.case_statuses s WHERE s.status = f.status
                  AND (s.owner = 'counter'
                       OR EXISTS (SELECT 1 FROM ow.status_transitions t
                                  WHERE t.to_status = s.status AND t.actor_kind = 'counter')))
      AND (f.materials IS NULL OR jsonb_typeof(f.materials) = 'null'
           OR (jsonb_typeof(f.materials) = 'array'
               AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(f.materials) m
                               WHERE coalesce(m->>'id', '') = ''
                                  OR coalesce(m->>'name', '') = '')))
      -- Answered before (applied or refused): the slow way gives the same answer.
      -- (probed by its key, one operation at a time)
      AND (SELECT a.operation_id FROM ow.applied_operations a
           WHERE a.operation_id = (k.op->>'op_id')::uuid) IS NULL;
    IF cands IS NULL THEN
        RETURN '{}'::jsonb;
    END IF;

    -- A number or id taken by another site (invisible here) skips the row:
    -- that operation goes the slow way and is refused there.
    WITH ins AS (
        INSERT INTO ow.cases (case_uuid, case_number, site_code, applicant_kind, applicant_name,
                              applicant_id, applicant, items, status, status_version, payload,
                              received_at)
        SELECT c.case_uuid, c.case_number, me, c.applicant->>'kind', c.applicant->>'name',
               coalesce(nullif(c.applicant->>'id_number', ''), c.applicant->>'credit_code', ''),
               c.applicant, c.items, c.status, c.status_version, c.payload, c.received_at
        FROM unnest(cands) AS c
        ORDER BY c.idx
        ON CONFLICT DO NOTHING
        RETURNING case_uuid
    )
    SELECT array_agg(ins.case_uuid) INTO created FROM ins;
    IF created IS NULL THEN
        RETURN '{}'::jsonb;
    END IF;
    IF cardinality(created) < cardinality(cands) THEN
        SELECT array_agg(c ORDER BY (c).idx) INTO cands
        FROM unnest(cands) AS c WHERE (c).case_uuid = ANY (created);
    END IF;

    INSERT INTO ow.case_status_history (case_uuid, site_code, status_version, from_status,
                                        to_status, actor, actor_kind, counter_time,
                                        operation_id, note)
    SELECT c.case_uuid, me, coalesce((h.value->>'status_version')::integer, h.n::integer),
           nullif(h.value->>'from', ''), h.value->>'to', coalesce(h.value->>'by', ''),
           'counter', (h.value->>'at')::timestamptz, c.op_id, coalesce(h.value->>'note', '')
    FROM unnest(cands) AS c,
         jsonb_array_elements(c.history) WITH ORDINALITY AS h(value, n)
    WHERE jsonb_typeof(c.history) = 'array'
    UNION ALL
    SELECT c.case_uuid, me, c.status_version, NULL, c.status,
           coalesce(c.payload->>'clerk', ''), 'counter', c.received_at, c.op_id, ''
    FROM unnest(cands) AS c
    WHERE jsonb_typeof(c.history) IS DISTINCT FROM 'array'
       OR jsonb_array_length(c.history) = 0;

    INSERT INTO ow.case_materials (case_uuid, material_id, site_code, name, form, copies,
                                   received, reused_from, detail)
    SELECT c.case_uuid, r.id, me, r.name, coalesce(r.form, ''), coalesce(r.copies, 1),
           coalesce(r.received, true), r.reused_from,
           m.value - '{id,name,form,copies,received,reused_from}'::text[]
    FROM unnest(cands) AS c,
         jsonb_array_elements(c.materials) AS m(value),
         jsonb_to_record(m.value) AS r(id text, name text, form text, copies integer,
                                       received boolean, reused_from text)
    WHERE jsonb_typeof(c.materials) = 'array';

    WITH answered AS (
        SELECT c.idx, c.op_id,
               jsonb_build_object('op_id', c.op_id, 'kind', 'case.upsert', 'result', 'applied',
                                  'case_uuid', c.case_uuid, 'case_number', c.case_number,
                                  'status', c.status, 'status_version', c.status_version,
                                  'created', true) AS answer
        FROM unnest(cands) AS c
    ), recorded AS (
        INSERT INTO ow.applied_operations (operation_id, site_code, kind, result, answer)
        SELECT a.op_id, me, 'case.upsert', 'applied', a.answer FROM answered a ORDER BY a.idx
    )
    SELECT jsonb_object_agg(a.idx::text, a.answer) INTO answers FROM answered a;
    RETURN answers;
END
$$;

-- ---------------------------------------------------------------------------
-- push_batch as in 003, the answers assembled in one query at the end.
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
    answers jsonb;
    slow jsonb[];
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
    -- The answers of the other operations, by position (1-based).
    slow := array_fill(NULL::jsonb, ARRAY[greatest(jsonb_array_length(ops), 1)]);
    FOR op, idx IN SELECT e.value, e.ordinality::integer
                   FROM jsonb_array_elements(ops) WITH ORDINALITY AS e
                   WHERE NOT fast ? (e.ordinality - 1)::text LOOP
        v_kind := coalesce(op->>'kind', '');
        v_id := NULL;
        BEGIN
            v_id := (op->>'op_id')::uuid;
        EXCEPTION WHEN data_exception THEN
            v_id := NULL;
        END;
        IF v_id IS NULL THEN
            slow[idx] := jsonb_build_object(
                'op_id', op->'op_id', 'result', 'rejected',
                'reason', 'malformed', 'message', 'The operation has no valid op_id.');
            CONTINUE;
        END IF;
        -- The same operation sent twice at once: the second waits for the first.
        PERFORM pg_advisory_xact_lock(hashtextextended('ow.operation:' || v_id::text, 0));
        SELECT * INTO prior FROM ow.applied_operations WHERE operation_id = v_id;
        IF FOUND THEN
            IF prior.result = 'applied' THEN
                slow[idx] := prior.answer || jsonb_build_object('result', 'duplicate');
            ELSE
                slow[idx] := prior.answer;
            END IF;
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
        slow[idx] := answer;
    END LOOP;
    SELECT coalesce(jsonb_agg(coalesce(fast->((e.ordinality - 1)::text), s.answer)
                              || jsonb_build_object('index', e.ordinality - 1)
                              ORDER BY e.ordinality), '[]'::jsonb)
    INTO answers
    FROM jsonb_array_elements(ops) WITH ORDINALITY AS e
    LEFT JOIN unnest(slow) WITH ORDINALITY AS s(answer, n) ON s.n = e.ordinality;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('results', answers);
END
$$;
