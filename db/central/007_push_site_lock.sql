-- A push locks its site once, not each of its operations; new cases go in
-- one statement; one operation the slow way is a function of its own.
--
-- Until now every batch took one advisory lock per operation (up to 1000):
-- a few counters pushing full batches at once could use up the server's
-- shared lock table ("out of shared memory"). The same operation can only
-- come twice from the same site (a retry racing its original, two
-- processes on one store), so one lock per site and batch serialises
-- exactly the pushes that could collide; pushes of different sites still
-- run side by side. An operation id of another site is still refused by
-- the primary key of ow.applied_operations.
--
-- The functions current after this migration:
--   ow_api.push_batch   here (earlier versions: 002, 003, 005)
--   ow.push_new_cases   here (earlier versions: 003, 005)
--   ow.push_one         here (new: the body of push_batch's loop until 005)

-- ---------------------------------------------------------------------------
-- New cases of a batch: one statement

DROP FUNCTION ow.push_new_cases(jsonb, text);
DROP TYPE ow.pushed_case;

-- As in 005: every case.upsert that creates a case and would pass every
-- check of ow.apply_case_upsert, whose op_id and case_uuid appear once in
-- the batch and nowhere at the centre yet, is applied here; returns the
-- answer of each by its batch index (0-based). The other operations go one
-- by one. Anything unexpected (a value that does not cast) raises: the
-- caller then sends the whole batch the slow way.
CREATE FUNCTION ow.push_new_cases(ops jsonb, me text)
RETURNS TABLE (idx integer, answer jsonb)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH raw AS (
        SELECT (j.ordinality - 1)::integer AS idx, j.value AS op,
               CASE WHEN jsonb_typeof(j.value->'case') = 'object' THEN j.value->'case' END AS c
        FROM jsonb_array_elements(ops) WITH ORDINALITY AS j
    ), repeated AS MATERIALIZED (
        -- An op_id, a case or a case number that appears more than once in
        -- the batch (compared byte by byte, which is what counts here).
        SELECT 'id' AS what, lower(r.op->>'op_id') COLLATE "C" AS k FROM raw r
        GROUP BY 2 HAVING count(*) > 1
        UNION ALL
        SELECT 'ref', lower(coalesce(r.c->>'case_uuid', r.op->>'case_uuid')) COLLATE "C" FROM raw r
        GROUP BY 2 HAVING count(*) > 1
        UNION ALL
        SELECT 'number', (r.c->>'case_number') COLLATE "C" FROM raw r
        WHERE r.c ? 'case_number'
        GROUP BY 2 HAVING count(*) > 1
    ), counted AS (
        SELECT r.idx, r.op, r.c,
               NOT EXISTS (SELECT 1 FROM repeated d WHERE d.what = 'id'
                           AND d.k = lower(r.op->>'op_id') COLLATE "C") AS once,
               NOT EXISTS (SELECT 1 FROM repeated d WHERE d.what = 'number'
                           AND d.k = (r.c->>'case_number') COLLATE "C") AS number_once
        FROM raw r
        WHERE NOT EXISTS (SELECT 1 FROM repeated d WHERE d.what = 'ref'
                          AND d.k = lower(coalesce(r.c->>'case_uuid', r.op->>'case_uuid'))
                                    COLLATE "C")
    ), cands AS MATERIALIZED (
        SELECT k.idx, (k.op->>'op_id')::uuid AS op_id, f.case_uuid::uuid AS case_uuid,
               f.case_number, f.received_at::timestamptz AS received_at, f.status,
               coalesce(f.status_version::integer, 1) AS status_version, f.applicant, f.items,
               f.materials, f.history, coalesce(f.payload, '{}') AS payload
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
          AND k.once
          AND f.case_uuid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
          AND (NOT k.c ? 'site_code' OR f.site_code = me)
          AND f.received_at IS NOT NULL
          AND (f.case_number IS NULL
               OR (f.case_number <> '' AND left(f.case_number, length(me) + 1) = me || '-'
                   AND k.number_once))
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
          -- Answered before (applied or refused): the slow way gives the same
          -- answer. (Probed by its key, one operation at a time.)
          AND (SELECT a.operation_id FROM ow.applied_operations a
               WHERE a.operation_id = (k.op->>'op_id')::uuid) IS NULL
    ), inserted AS (
        -- A number or id taken by another site (invisible here) skips the
        -- row: that operation goes the slow way and is refused there.
        INSERT INTO ow.cases (case_uuid, case_number, site_code, applicant_kind, applicant_name,
                              applicant_id, applicant, items, status, status_version, payload,
                              received_at)
        SELECT c.case_uuid, c.case_number, me, c.applicant->>'kind', c.applicant->>'name',
               coalesce(nullif(c.applicant->>'id_number', ''), c.applicant->>'credit_code', ''),
               c.applicant, c.items, c.status, c.status_version, c.payload, c.received_at
        FROM cands c
        ORDER BY c.idx
        ON CONFLICT DO NOTHING
        RETURNING case_uuid
    ), created AS MATERIALIZED (
        -- (IS TRUE keeps the IN a hashed filter: the planner, which expects
        -- one row of each CTE, would otherwise loop over one for each row
        -- of the other.)
        SELECT c.* FROM cands c
        WHERE (c.case_uuid IN (SELECT i.case_uuid FROM inserted i)) IS TRUE
    ), history AS (
        INSERT INTO ow.case_status_history (case_uuid, site_code, status_version, from_status,
                                            to_status, actor, actor_kind, counter_time,
                                            operation_id, note)
        SELECT c.case_uuid, me, coalesce((h.value->>'status_version')::integer, h.n::integer),
               nullif(h.value->>'from', ''), h.value->>'to', coalesce(h.value->>'by', ''),
               'counter', (h.value->>'at')::timestamptz, c.op_id, coalesce(h.value->>'note', '')
        FROM created c,
             jsonb_array_elements(c.history) WITH ORDINALITY AS h(value, n)
        WHERE jsonb_typeof(c.history) = 'array'
        UNION ALL
        SELECT c.case_uuid, me, c.status_version, NULL, c.status,
               coalesce(c.payload->>'clerk', ''), 'counter', c.received_at, c.op_id, ''
        FROM created c
        WHERE jsonb_typeof(c.history) IS DISTINCT FROM 'array'
           OR jsonb_array_length(c.history) = 0
    ), materials AS (
        INSERT INTO ow.case_materials (case_uuid, material_id, site_code, name, form, copies,
                                       received, reused_from, detail)
        SELECT c.case_uuid, m->>'id', me, m->>'name', coalesce(m->>'form', ''),
               coalesce((m->>'copies')::integer, 1), coalesce((m->>'received')::boolean, true),
               m->>'reused_from', m - '{id,name,form,copies,received,reused_from}'::text[]
        FROM created c, jsonb_array_elements(c.materials) AS m
        WHERE jsonb_typeof(c.materials) = 'array'
    ), answered AS MATERIALIZED (
        SELECT c.idx, c.op_id,
               jsonb_build_object('op_id', c.op_id, 'kind', 'case.upsert', 'result', 'applied',
                                  'case_uuid', c.case_uuid, 'case_number', c.case_number,
                                  'status', c.status, 'status_version', c.status_version,
                                  'created', true) AS answer
        FROM created c
    ), recorded AS (
        INSERT INTO ow.applied_operations (operation_id, site_code, kind, result, answer)
        SELECT a.op_id, me, 'case.upsert', 'applied', a.answer FROM answered a ORDER BY a.idx
    )
    SELECT a.idx, a.answer FROM answered a ORDER BY a.idx
$$;

REVOKE ALL ON FUNCTION ow.push_new_cases(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.push_new_cases(jsonb, text) TO ow_api_owner;

-- ---------------------------------------------------------------------------
-- One operation the slow way

-- Applies one operation (the caller holds the site's push lock) and returns
-- its answer: 'applied', 'duplicate' (applied before: nothing changes) or
-- 'rejected' with a reason (quarantined; a replay gets the same refusal).
CREATE FUNCTION ow.push_one(op jsonb, me text) RETURNS jsonb
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
    RETURN answer;
END
$$;

REVOKE ALL ON FUNCTION ow.push_one(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.push_one(jsonb, text) TO ow_api_owner;

-- ---------------------------------------------------------------------------
-- push_batch: one lock, the new cases set-wise, the rest one by one.
-- Applies a batch of operations in one transaction and answers each one, in
-- order, with its index in the batch.
CREATE OR REPLACE FUNCTION ow_api.push_batch(ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    n integer;
    fast_idx integer[];
    fast_answers jsonb[];
    answers jsonb[];
    op jsonb;
    i integer;
BEGIN
    IF ops IS NULL OR jsonb_typeof(ops) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_batch expects a JSON array of operations';
    END IF;
    n := jsonb_array_length(ops);
    IF n > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = '54000',
            MESSAGE = 'push_batch takes at most 1000 operations at a time';
    END IF;
    -- One push of a site at a time: the same operations sent twice at once
    -- wait here for the first push, then find their answers recorded.
    PERFORM pg_advisory_xact_lock(hashtextextended('ow.push:' || me, 0));
    BEGIN
        SELECT array_agg(f.idx ORDER BY f.idx), array_agg(f.answer ORDER BY f.idx)
        INTO fast_idx, fast_answers
        FROM ow.push_new_cases(ops, me) AS f;
    EXCEPTION WHEN OTHERS THEN
        -- Nothing of it stays: every operation goes one by one.
        fast_idx := NULL;
        fast_answers := NULL;
    END;
    IF coalesce(cardinality(fast_idx), 0) = n THEN
        answers := coalesce(fast_answers, '{}');
    ELSE
        answers := array_fill(NULL::jsonb, ARRAY[n]);
        FOR i IN 1 .. coalesce(cardinality(fast_idx), 0) LOOP
            answers[fast_idx[i] + 1] := fast_answers[i];
        END LOOP;
        FOR op, i IN SELECT e.value, e.ordinality::integer
                     FROM jsonb_array_elements(ops) WITH ORDINALITY AS e LOOP
            IF answers[i] IS NULL THEN
                answers[i] := ow.push_one(op, me);
            END IF;
        END LOOP;
    END IF;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('results',
        (SELECT coalesce(jsonb_agg(a.answer || jsonb_build_object('index', a.n - 1)
                                   ORDER BY a.n), '[]'::jsonb)
         FROM unnest(answers) WITH ORDINALITY AS a(answer, n)));
END
$$;

-- ---------------------------------------------------------------------------
-- The site and the status a pushed row names: checked per statement
--
-- A foreign key checks each row on its own: a batch of 1,000 new cases made
-- some 5,000 lookups of the same site and the same status. The same checks
-- now run once per statement, over the distinct values written; the site
-- rows are locked FOR KEY SHARE as a foreign key locks them. A site or a
-- status that rows still name cannot be removed or re-keyed, as before.

ALTER TABLE ow.cases DROP CONSTRAINT cases_site_code_fkey,
                     DROP CONSTRAINT cases_status_fkey;
ALTER TABLE ow.case_status_history DROP CONSTRAINT case_status_history_from_status_fkey,
                                   DROP CONSTRAINT case_status_history_to_status_fkey;
ALTER TABLE ow.applied_operations DROP CONSTRAINT applied_operations_site_code_fkey;
ALTER TABLE ow.change_log DROP CONSTRAINT change_log_site_code_fkey;

-- The error a foreign key would have raised.
CREATE FUNCTION ow.refuse_missing_key(p_table text, p_column text, p_value text,
                                      p_target text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = format('insert or update on table "%s" violates foreign key constraint "%s_%s_fkey"',
                         p_table, p_table, p_column),
        DETAIL = format('Key (%s)=(%s) is not present in table "%s".', p_column, p_value,
                        p_target);
END
$$;

-- Every site code of the rows written (a column site_code, NULL allowed)
-- names a site.
CREATE FUNCTION ow.check_site_keys() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing text;
BEGIN
    SELECT k.code INTO missing
    FROM (SELECT DISTINCT n.site_code AS code FROM new_rows n WHERE n.site_code IS NOT NULL) k
    LEFT JOIN LATERAL (SELECT s.code FROM ow.sites s WHERE s.code = k.code
                       FOR KEY SHARE OF s) s ON true
    WHERE s.code IS NULL
    LIMIT 1;
    IF FOUND THEN
        PERFORM ow.refuse_missing_key(TG_TABLE_NAME, 'site_code', missing, 'sites');
    END IF;
    RETURN NULL;
END
$$;

-- Every status of the rows written names a status: TG_ARGV lists the
-- columns that hold statuses (NULL allowed).
CREATE FUNCTION ow.check_status_keys() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    col text;
    missing text;
BEGIN
    FOREACH col IN ARRAY TG_ARGV LOOP
        EXECUTE format('SELECT k.status FROM (SELECT DISTINCT n.%I AS status FROM new_rows n '
                       'WHERE n.%I IS NOT NULL) k WHERE NOT EXISTS (SELECT 1 FROM '
                       'ow.case_statuses s WHERE s.status = k.status) LIMIT 1', col, col)
        INTO missing;
        IF missing IS NOT NULL THEN
            PERFORM ow.refuse_missing_key(TG_TABLE_NAME, col, missing, 'case_statuses');
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_site_insert AFTER INSERT ON ow.cases
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_site_keys();
CREATE TRIGGER cases_site_update AFTER UPDATE ON ow.cases
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_site_keys();
CREATE TRIGGER cases_status_insert AFTER INSERT ON ow.cases
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_status_keys('status');
CREATE TRIGGER cases_status_update AFTER UPDATE ON ow.cases
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_status_keys('status');
CREATE TRIGGER case_status_history_status_insert AFTER INSERT ON ow.case_status_history
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_status_keys('from_status', 'to_status');
CREATE TRIGGER case_status_history_status_update AFTER UPDATE ON ow.case_status_history
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_status_keys('from_status', 'to_status');
CREATE TRIGGER applied_operations_site_insert AFTER INSERT ON ow.applied_operations
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_site_keys();
CREATE TRIGGER applied_operations_site_update AFTER UPDATE ON ow.applied_operations
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_site_keys();
CREATE TRIGGER change_log_site_insert AFTER INSERT ON ow.change_log
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_site_keys();
CREATE TRIGGER change_log_site_update AFTER UPDATE ON ow.change_log
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ow.check_site_keys();

-- A site or a status is not removed, re-keyed or truncated away while rows
-- name it.
CREATE FUNCTION ow.refuse_named_key_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    named text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF TG_TABLE_NAME = 'sites' AND EXISTS (SELECT 1 FROM ow.cases)
           OR TG_TABLE_NAME = 'case_statuses' AND EXISTS (SELECT 1 FROM ow.case_status_history)
        THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                MESSAGE = format('%s cannot be truncated while rows name them', TG_TABLE_NAME);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'sites' THEN
        IF TG_OP = 'UPDATE' AND NEW.code = OLD.code THEN
            RETURN NEW;
        END IF;
        SELECT t INTO named FROM (
            SELECT 'cases' AS t WHERE EXISTS (SELECT 1 FROM ow.cases c
                                              WHERE c.site_code = OLD.code)
            UNION ALL
            SELECT 'applied_operations' WHERE EXISTS (SELECT 1 FROM ow.applied_operations a
                                                      WHERE a.site_code = OLD.code)
            UNION ALL
            SELECT 'change_log' WHERE EXISTS (SELECT 1 FROM ow.change_log l
                                              WHERE l.site_code = OLD.code)) x
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                MESSAGE = format('the site %s is still named by table "%s"', OLD.code, named);
        END IF;
    ELSE
        IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
            RETURN NEW;
        END IF;
        SELECT t INTO named FROM (
            SELECT 'cases' AS t WHERE EXISTS (SELECT 1 FROM ow.cases c
                                              WHERE c.status = OLD.status)
            UNION ALL
            SELECT 'case_status_history' WHERE EXISTS (
                SELECT 1 FROM ow.case_status_history h
                WHERE h.to_status = OLD.status OR h.from_status = OLD.status)) x
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                MESSAGE = format('the status %s is still named by table "%s"', OLD.status,
                                 named);
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER sites_named BEFORE UPDATE OR DELETE ON ow.sites
    FOR EACH ROW EXECUTE FUNCTION ow.refuse_named_key_change();
CREATE TRIGGER sites_named_truncate BEFORE TRUNCATE ON ow.sites
    FOR EACH STATEMENT EXECUTE FUNCTION ow.refuse_named_key_change();
CREATE TRIGGER case_statuses_named BEFORE UPDATE OR DELETE ON ow.case_statuses
    FOR EACH ROW EXECUTE FUNCTION ow.refuse_named_key_change();
CREATE TRIGGER case_statuses_named_truncate BEFORE TRUNCATE ON ow.case_statuses
    FOR EACH STATEMENT EXECUTE FUNCTION ow.refuse_named_key_change();

REVOKE ALL ON FUNCTION ow.refuse_missing_key(text, text, text, text), ow.check_site_keys(),
    ow.check_status_keys(), ow.refuse_named_key_change() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.refuse_missing_key(text, text, text, text), ow.check_site_keys(),
    ow.check_status_keys() TO ow_api_owner;
