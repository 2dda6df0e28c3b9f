-- A batch of new cases as columns. Until here the centre parsed every batch
-- as one JSON document (megabytes for 1,000 cases) and took each case,
-- material and history entry apart again with JSON operators: about a third
-- of the time of a push. A counter now sends its cases as parallel arrays
-- in PostgreSQL's binary format (one array per field: the case fields, the
-- materials, the history), next to a JSON array of the operations that are
-- not new cases; the centre reads the arrays as rows, with no JSON to parse
-- but the small objects that stay JSON (applicant, items, payload, the
-- materials' details).
--
-- The records a batch puts (each intake queues its applicant's record
-- beside the case) are put set-wise too, instead of one by one.
--
-- One set of checks for both forms: ow_api.push_batch (the JSON form, which
-- older counters and the tools send) takes the new cases out of its JSON
-- into the same columns and applies them through the same function.
-- Every guarantee stays: each operation id is recorded with its answer, a
-- replay changes nothing and gets the same answer, every operation is
-- answered in batch order, a refusal is quarantined without stopping the
-- rest, one advisory lock per site and push.
--
-- Current text of the functions restated or added here:
--   ow.push_case_columns    new: the fast path (until 008: ow.push_new_cases)
--   ow.push_record_puts     new: the records of a batch, set-wise
--   ow.batch_size           new: a batch is a JSON array of at most 1000
--   ow.case_ops_of_columns  new: the operations of columns, as JSON
--   ow.case_columns_of      new: the new cases of a JSON batch, as columns
--   ow.push_apply           new: the body of push_batch until 008
--   ow_api.push_batch       here (earlier versions: 002, 005, 007)
--   ow_api.push_columns     new

DROP FUNCTION ow.push_new_cases(jsonb, text);

-- The new cases of a batch, one array per field. The case arrays have one
-- element per case; the materials and the history name their case by its
-- position in the case arrays (1-based). The materials' details repeat
-- (most materials of a checklist have the same): each is sent once.
CREATE TYPE ow.case_columns AS (
    pos             integer[],     -- the operation's index in the batch (0-based)
    op_id           uuid[],
    case_uuid       uuid[],
    case_number     text[],        -- null: the case has no number
    site_code       text[],
    received_at     text[],        -- as the counter wrote it; cast when applied
    status          text[],
    status_version  integer[],
    applicant       jsonb[],
    items           jsonb[],
    payload         jsonb[],
    m_case          integer[],
    m_id            text[],
    m_name          text[],
    m_form          text[],        -- null: not given
    m_copies        integer[],     -- null: not given
    m_received      boolean[],     -- null: not given
    m_reused_from   text[],        -- null: not given
    m_detail        integer[],     -- the material's other keys: details' element (null: none)
    details         jsonb,         -- the materials' details, each once: a JSON array
    h_case          integer[],
    h_version       integer[],
    h_from          text[],
    h_to            text[],
    h_at            text[],
    h_by            text[],
    h_note          text[]
);

-- ---------------------------------------------------------------------------
-- The fast path

-- Every new case of the columns that would pass every check of
-- ow.apply_case_upsert, whose op_id and case appear once in the batch
-- (columns and the JSON operations together) and nowhere at the centre yet,
-- is applied here; returns the answer of each by its batch index. The other
-- operations go one by one. Anything unexpected (a time that does not cast)
-- raises: the caller then sends the whole batch the slow way.
CREATE FUNCTION ow.push_case_columns(cols ow.case_columns, ops jsonb, me text)
RETURNS TABLE (idx integer, answer jsonb)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH cs AS MATERIALIZED (
        SELECT u.n::integer AS n, u.pos, u.op_id, u.case_uuid, u.case_number, u.site_code,
               u.received_at, u.status, u.status_version, u.applicant, u.items, u.payload
        FROM unnest((cols).pos, (cols).op_id, (cols).case_uuid, (cols).case_number,
                    (cols).site_code, (cols).received_at, (cols).status,
                    (cols).status_version, (cols).applicant, (cols).items, (cols).payload)
             WITH ORDINALITY AS u(pos, op_id, case_uuid, case_number, site_code, received_at,
                                  status, status_version, applicant, items, payload, n)
    ), hist AS MATERIALIZED (
        SELECT h.n, h.version, h.from_status, h.to_status, h.at, h.actor, h.note
        FROM unnest((cols).h_case, (cols).h_version, (cols).h_from, (cols).h_to, (cols).h_at,
                    (cols).h_by, (cols).h_note)
             AS h(n, version, from_status, to_status, at, actor, note)
    ), others AS (
        -- The operations of the batch that are not in the columns.
        SELECT e.value AS op
        FROM jsonb_array_elements(coalesce(ops, '[]')) WITH ORDINALITY AS e
        WHERE jsonb_typeof(e.value) = 'object'
          AND ((e.ordinality::integer - 1) IN (SELECT c.pos FROM cs c)) IS NOT TRUE
    ), repeated AS MATERIALIZED (
        -- An op_id, a case or a case number that appears more than once in
        -- the batch (compared byte by byte, which is what counts here).
        SELECT k.what, k.k
        FROM (SELECT 'id' AS what, c.op_id::text COLLATE "C" AS k FROM cs c
              UNION ALL
              SELECT 'ref', c.case_uuid::text COLLATE "C" FROM cs c
              UNION ALL
              SELECT 'number', c.case_number COLLATE "C" FROM cs c
              UNION ALL
              SELECT 'id', lower(o.op->>'op_id') COLLATE "C" FROM others o
              UNION ALL
              SELECT 'ref', lower(coalesce(o.op->'case'->>'case_uuid', o.op->>'case_uuid'))
                            COLLATE "C"
              FROM others o
              UNION ALL
              SELECT 'number', (o.op->'case'->>'case_number') COLLATE "C" FROM others o) k
        WHERE k.k IS NOT NULL
        GROUP BY 1, 2 HAVING count(*) > 1
    ), bad_materials AS (
        SELECT DISTINCT m.n
        FROM unnest((cols).m_case, (cols).m_id, (cols).m_name) AS m(n, id, name)
        WHERE coalesce(m.id, '') = '' OR coalesce(m.name, '') = ''
    ), cands AS MATERIALIZED (
        SELECT c.n, c.pos AS idx, c.op_id, c.case_uuid, c.case_number,
               c.received_at::timestamptz AS received_at, c.status,
               coalesce(c.status_version, 1) AS status_version, c.applicant, c.items,
               coalesce(c.payload, '{}') AS payload
        FROM cs c
        WHERE c.op_id IS NOT NULL
          AND c.case_uuid IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM repeated d WHERE d.what = 'id'
                          AND d.k = c.op_id::text COLLATE "C")
          AND NOT EXISTS (SELECT 1 FROM repeated d WHERE d.what = 'ref'
                          AND d.k = c.case_uuid::text COLLATE "C")
          AND c.site_code = me
          AND c.received_at IS NOT NULL
          AND (c.case_number IS NULL
               OR (c.case_number <> '' AND left(c.case_number, length(me) + 1) = me || '-'
                   AND NOT EXISTS (SELECT 1 FROM repeated d WHERE d.what = 'number'
                                   AND d.k = c.case_number COLLATE "C")))
          AND jsonb_typeof(c.applicant) = 'object'
          AND c.applicant->>'kind' IN ('natural', 'legal')
          AND coalesce(c.applicant->>'name', '') <> ''
          AND jsonb_typeof(c.items) = 'array'
          AND jsonb_array_length(c.items) > 0
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(c.items) i
                          WHERE coalesce(i->>'code', '') = ''
                             OR jsonb_typeof(i->'version') IS DISTINCT FROM 'number')
          AND EXISTS (SELECT 1 FROM ow.case_statuses s WHERE s.status = c.status
                      AND (s.owner = 'counter'
                           OR EXISTS (SELECT 1 FROM ow.status_transitions t
                                      WHERE t.to_status = s.status AND t.actor_kind = 'counter')))
          AND (c.n IN (SELECT b.n FROM bad_materials b)) IS NOT TRUE
          -- Answered before (applied or refused): the slow way gives the same
          -- answer. (Probed by its key, one operation at a time.)
          AND (SELECT a.operation_id FROM ow.applied_operations a
               WHERE a.operation_id = c.op_id) IS NULL
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
        SELECT c.case_uuid, me, h.version, nullif(h.from_status, ''), h.to_status,
               coalesce(h.actor, ''), 'counter', h.at::timestamptz, c.op_id,
               coalesce(h.note, '')
        FROM created c JOIN hist h ON h.n = c.n
        UNION ALL
        SELECT c.case_uuid, me, c.status_version, NULL, c.status,
               coalesce(c.payload->>'clerk', ''), 'counter', c.received_at, c.op_id, ''
        FROM created c
        WHERE (c.n IN (SELECT h.n FROM hist h)) IS NOT TRUE
    ), materials AS (
        INSERT INTO ow.case_materials (case_uuid, material_id, site_code, name, form, copies,
                                       received, reused_from, detail)
        SELECT c.case_uuid, m.id, me, m.name, coalesce(m.form, ''), coalesce(m.copies, 1),
               coalesce(m.received, true), m.reused_from,
               coalesce(nullif((cols).details -> (m.k - 1), 'null'), '{}')
        FROM created c
        JOIN unnest((cols).m_case, (cols).m_id, (cols).m_name, (cols).m_form, (cols).m_copies,
                    (cols).m_received, (cols).m_reused_from, (cols).m_detail)
             AS m(n, id, name, form, copies, received, reused_from, k) ON m.n = c.n
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

-- Every record.put of the batch's JSON operations that would pass every
-- check of ow.apply_record_put, whose op_id appears once in the batch, whose
-- record (entity, entity_id) no other operation of the batch puts, and that
-- was not answered before, is applied here; returns the answer of each by
-- its batch index. (A case's intake queues its applicant's record beside
-- the case: a backlog holds as many records as cases.)
CREATE FUNCTION ow.push_record_puts(cols ow.case_columns, ops jsonb, me text)
RETURNS TABLE (idx integer, answer jsonb)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH e AS MATERIALIZED (
        SELECT (j.ordinality - 1)::integer AS idx, j.value AS op
        FROM jsonb_array_elements(coalesce(ops, '[]')) WITH ORDINALITY AS j
        WHERE jsonb_typeof(j.value) = 'object'
    ), repeated AS MATERIALIZED (
        SELECT k.k
        FROM (SELECT lower(e.op->>'op_id') COLLATE "C" AS k FROM e
              UNION ALL
              SELECT u.id::text COLLATE "C" FROM unnest((cols).op_id) AS u(id)) k
        WHERE k.k IS NOT NULL
        GROUP BY 1 HAVING count(*) > 1
    ), puts AS MATERIALIZED (
        SELECT e.idx, (e.op->>'op_id')::uuid AS op_id, e.op->>'entity' AS entity,
               e.op->>'entity_id' AS entity_id, e.op->'record' AS record,
               count(*) OVER (PARTITION BY e.op->>'entity', e.op->>'entity_id') AS puts
        FROM e
        WHERE e.op->>'kind' = 'record.put'
          AND e.op->>'op_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    ), cands AS MATERIALIZED (
        SELECT p.idx, p.op_id, p.entity, p.entity_id, p.record
        FROM puts p
        WHERE p.puts = 1
          AND NOT EXISTS (SELECT 1 FROM repeated d WHERE d.k = p.op_id::text COLLATE "C")
          AND coalesce(p.entity_id, '') <> ''
          AND jsonb_typeof(p.record) = 'object'
          AND EXISTS (SELECT 1 FROM ow.record_entities r WHERE r.entity = p.entity)
          AND (SELECT a.operation_id FROM ow.applied_operations a
               WHERE a.operation_id = p.op_id) IS NULL
    ), put AS (
        INSERT INTO ow.site_records AS r (site_code, entity, entity_id, record, operation_id)
        SELECT me, c.entity, c.entity_id, c.record, c.op_id FROM cands c
        ON CONFLICT (site_code, entity, entity_id) DO UPDATE
        SET record = EXCLUDED.record, operation_id = EXCLUDED.operation_id, updated_at = now()
    ), answered AS MATERIALIZED (
        SELECT c.idx, c.op_id,
               jsonb_build_object('op_id', c.op_id, 'kind', 'record.put', 'result', 'applied',
                                  'entity', c.entity, 'entity_id', c.entity_id) AS answer
        FROM cands c
    ), recorded AS (
        INSERT INTO ow.applied_operations (operation_id, site_code, kind, result, answer)
        SELECT a.op_id, me, 'record.put', 'applied', a.answer FROM answered a
    )
    SELECT a.idx, a.answer FROM answered a ORDER BY a.idx
$$;

-- ---------------------------------------------------------------------------
-- Columns and JSON, both ways

-- The operations at batch positions `wanted` that came as columns, written
-- out as the case.upsert operation the JSON form would have sent (for the
-- slow way and the quarantine).
CREATE FUNCTION ow.case_ops_of_columns(cols ow.case_columns, wanted integer[])
RETURNS TABLE (idx integer, op jsonb)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH cs AS (
        SELECT u.*
        FROM unnest((cols).pos, (cols).op_id, (cols).case_uuid, (cols).case_number,
                    (cols).site_code, (cols).received_at, (cols).status,
                    (cols).status_version, (cols).applicant, (cols).items, (cols).payload)
             WITH ORDINALITY AS u(pos, op_id, case_uuid, case_number, site_code, received_at,
                                  status, status_version, applicant, items, payload, n)
        WHERE (u.pos IN (SELECT w FROM unnest(wanted) AS w)) IS TRUE
    ), mats AS (
        SELECT m.n, jsonb_agg(coalesce(nullif((cols).details -> (m.k - 1), 'null'), '{}')
                              || jsonb_strip_nulls(jsonb_build_object(
                                     'id', m.id, 'name', m.name, 'form', m.form,
                                     'copies', m.copies, 'received', m.received,
                                     'reused_from', m.reused_from))
                              ORDER BY m.o) AS list
        FROM unnest((cols).m_case, (cols).m_id, (cols).m_name, (cols).m_form, (cols).m_copies,
                    (cols).m_received, (cols).m_reused_from, (cols).m_detail)
             WITH ORDINALITY AS m(n, id, name, form, copies, received, reused_from, k, o)
        WHERE (m.n IN (SELECT c.n FROM cs c)) IS TRUE
        GROUP BY m.n
    ), hist AS (
        SELECT h.n, jsonb_agg(jsonb_build_object('status_version', h.version,
                                                 'from', h.from_status, 'to', h.to_status,
                                                 'at', h.at, 'by', h.actor, 'note', h.note)
                              ORDER BY h.o) AS list
        FROM unnest((cols).h_case, (cols).h_version, (cols).h_from, (cols).h_to, (cols).h_at,
                    (cols).h_by, (cols).h_note)
             WITH ORDINALITY AS h(n, version, from_status, to_status, at, actor, note, o)
        WHERE (h.n IN (SELECT c.n FROM cs c)) IS TRUE
        GROUP BY h.n
    )
    SELECT c.pos,
           jsonb_strip_nulls(jsonb_build_object('op_id', c.op_id, 'kind', 'case.upsert'))
           || jsonb_build_object('case',
                  jsonb_strip_nulls(jsonb_build_object(
                      'case_uuid', c.case_uuid, 'case_number', c.case_number,
                      'site_code', c.site_code, 'received_at', c.received_at,
                      'status', c.status, 'status_version', c.status_version))
                  || jsonb_build_object('applicant', coalesce(c.applicant, 'null'),
                                        'items', coalesce(c.items, 'null'),
                                        'payload', coalesce(c.payload, 'null'),
                                        'materials', coalesce(m.list, '[]'),
                                        'history', coalesce(h.list, '[]')))
    FROM cs c
    LEFT JOIN mats m ON m.n = c.n
    LEFT JOIN hist h ON h.n = c.n
$$;

-- The case.upsert operations of a JSON batch, as columns. Values are taken
-- as they are; the fast path checks them. An operation whose case, or its
-- list of materials, is not of the expected shape stays out (it goes the
-- slow way, which refuses it); a value that does not cast raises.
CREATE FUNCTION ow.case_columns_of(ops jsonb, me text) RETURNS ow.case_columns
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    -- Each array of a group (cases, materials, history) is aggregated in
    -- the same pass over the same rows, so that their elements line up.
    WITH e AS MATERIALIZED (
        SELECT (row_number() OVER (ORDER BY j.ordinality))::integer AS n,
               (j.ordinality - 1)::integer AS pos, j.value AS op, j.value->'case' AS c
        FROM jsonb_array_elements(ops) WITH ORDINALITY AS j
        WHERE j.value->>'kind' = 'case.upsert'
          AND jsonb_typeof(j.value->'case') = 'object'
          AND jsonb_typeof(coalesce(j.value->'case'->'materials', 'null')) IN ('array', 'null')
    ), cases AS (
        SELECT array_agg(e.pos) AS pos,
               array_agg(CASE WHEN e.op->>'op_id'
                                   ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                              THEN (e.op->>'op_id')::uuid END) AS op_id,
               array_agg(CASE WHEN e.c->>'case_uuid'
                                   ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                              THEN (e.c->>'case_uuid')::uuid END) AS case_uuid,
               array_agg(e.c->>'case_number') AS case_number,
               array_agg(CASE WHEN e.c ? 'site_code' THEN e.c->>'site_code' ELSE me END)
                   AS site_code,
               array_agg(e.c->>'received_at') AS received_at,
               array_agg(e.c->>'status') AS status,
               array_agg((e.c->>'status_version')::integer) AS status_version,
               array_agg(nullif(e.c->'applicant', 'null')) AS applicant,
               array_agg(nullif(e.c->'items', 'null')) AS items,
               array_agg(nullif(e.c->'payload', 'null')) AS payload
        FROM (SELECT * FROM e ORDER BY e.n) e
    ), mats AS (
        SELECT array_agg(s.n) AS m_case, array_agg(s.v->>'id') AS m_id,
               array_agg(s.v->>'name') AS m_name, array_agg(s.v->>'form') AS m_form,
               array_agg((s.v->>'copies')::integer) AS m_copies,
               array_agg((s.v->>'received')::boolean) AS m_received,
               array_agg(s.v->>'reused_from') AS m_reused_from,
               -- each material its own detail: the k-th of details
               array_agg(s.k) AS m_detail,
               jsonb_agg(CASE WHEN jsonb_typeof(s.v) = 'object'
                              THEN s.v - '{id,name,form,copies,received,reused_from}'::text[]
                         END) AS details
        FROM (SELECT e.n, m.value AS v, (row_number() OVER ())::integer AS k
              FROM e, jsonb_array_elements(e.c->'materials') AS m
              WHERE jsonb_typeof(e.c->'materials') = 'array') s
    ), hist AS (
        SELECT array_agg(s.n) AS h_case,
               array_agg(coalesce((s.v->>'status_version')::integer, s.o::integer)) AS h_version,
               array_agg(s.v->>'from') AS h_from, array_agg(s.v->>'to') AS h_to,
               array_agg(s.v->>'at') AS h_at, array_agg(s.v->>'by') AS h_by,
               array_agg(s.v->>'note') AS h_note
        FROM (SELECT e.n, h.value AS v, h.ordinality AS o
              FROM e, jsonb_array_elements(e.c->'history') WITH ORDINALITY AS h
              WHERE jsonb_typeof(e.c->'history') = 'array') s
    )
    SELECT ROW(c.pos, c.op_id, c.case_uuid, c.case_number, c.site_code, c.received_at, c.status,
               c.status_version, c.applicant, c.items, c.payload, m.m_case, m.m_id, m.m_name,
               m.m_form, m.m_copies, m.m_received, m.m_reused_from, m.m_detail, m.details,
               h.h_case, h.h_version, h.h_from, h.h_to, h.h_at, h.h_by, h.h_note)::ow.case_columns
    FROM cases c, mats m, hist h
$$;

-- ---------------------------------------------------------------------------
-- Applying a batch

-- Applies a batch of `n` operations in one transaction and answers each one,
-- in order, with its index in the batch: the new cases of `cols` and the
-- records set-wise, the rest one by one in batch order. `ops` holds the batch's operations as
-- JSON, with null where an operation came only as columns.
CREATE FUNCTION ow.push_apply(me text, ops jsonb, cols ow.case_columns, n integer)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fast_idx integer[];
    fast_answers jsonb[];
    answers jsonb[];
    rebuilt jsonb[];
    op jsonb;
    i integer;
BEGIN
    -- One push of a site at a time: the same operations sent twice at once
    -- wait here for the first push, then find their answers recorded.
    PERFORM pg_advisory_xact_lock(hashtextextended('ow.push:' || me, 0));
    -- The new cases, then the records, set-wise, each in a subtransaction of
    -- its own; what either leaves (or all of it, when its statement fails:
    -- nothing of it stays) goes one by one.
    BEGIN
        SELECT array_agg(f.idx), array_agg(f.answer) INTO fast_idx, fast_answers
        FROM ow.push_case_columns(cols, ops, me) AS f;
    EXCEPTION WHEN OTHERS THEN
        fast_idx := NULL;
        fast_answers := NULL;
    END;
    BEGIN
        SELECT fast_idx || array_agg(f.idx), fast_answers || array_agg(f.answer)
        INTO fast_idx, fast_answers
        FROM ow.push_record_puts(cols, ops, me) AS f;
    EXCEPTION WHEN OTHERS THEN
        NULL; -- the cases' answers stay
    END;
    answers := array_fill(NULL::jsonb, ARRAY[n]);
    FOR i IN 1 .. coalesce(cardinality(fast_idx), 0) LOOP
        answers[fast_idx[i] + 1] := fast_answers[i];
    END LOOP;
    IF array_position(answers, NULL) IS NOT NULL THEN
        -- The operations left that came as columns only, as JSON.
        rebuilt := array_fill(NULL::jsonb, ARRAY[n]);
        FOR i, op IN
            SELECT r.idx, r.op
            FROM ow.case_ops_of_columns(cols, ARRAY(
                SELECT (a.k - 1)::integer FROM unnest(answers) WITH ORDINALITY AS a(v, k)
                WHERE a.v IS NULL
                  AND jsonb_typeof(ops -> (a.k - 1)::integer) IS DISTINCT FROM 'object')) AS r
        LOOP
            rebuilt[i + 1] := op;
        END LOOP;
        FOR i IN 1 .. n LOOP
            IF answers[i] IS NULL THEN
                op := ops -> (i - 1);
                IF jsonb_typeof(op) IS DISTINCT FROM 'object' THEN
                    op := coalesce(rebuilt[i], op);
                END IF;
                answers[i] := ow.push_one(op, me);
            END IF;
        END LOOP;
    END IF;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('results',
        (SELECT coalesce(jsonb_agg(a.answer || jsonb_build_object('index', a.k - 1)
                                   ORDER BY a.k), '[]'::jsonb)
         FROM unnest(answers) WITH ORDINALITY AS a(answer, k)));
END
$$;

-- ---------------------------------------------------------------------------
-- The API

-- The number of operations of a batch: a JSON array of at most 1000.
CREATE FUNCTION ow.batch_size(ops jsonb, api text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF ops IS NULL OR jsonb_typeof(ops) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('%s expects a JSON array of operations', api);
    END IF;
    IF jsonb_array_length(ops) > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = '54000',
            MESSAGE = format('%s takes at most 1000 operations at a time', api);
    END IF;
    RETURN jsonb_array_length(ops);
END
$$;

-- The JSON form: a JSON array of at most 1000 operations.
CREATE OR REPLACE FUNCTION ow_api.push_batch(ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    n integer;
    cols ow.case_columns;
BEGIN
    n := ow.batch_size(ops, 'push_batch');
    BEGIN
        cols := ow.case_columns_of(ops, me);
    EXCEPTION WHEN data_exception THEN
        -- A value that does not cast: every operation goes one by one.
        cols := NULL;
    END;
    RETURN ow.push_apply(me, ops, cols, n);
END
$$;

-- The column form: `ops` is the batch, a JSON array of at most 1000
-- operations with null at the index of each operation given as columns; the
-- other arguments are the arrays of ow.case_columns, in its order. Answers
-- as push_batch does.
CREATE FUNCTION ow_api.push_columns(
    ops jsonb, pos integer[], op_id uuid[], case_uuid uuid[], case_number text[],
    site_code text[], received_at text[], status text[], status_version integer[],
    applicant jsonb[], items jsonb[], payload jsonb[],
    m_case integer[], m_id text[], m_name text[], m_form text[], m_copies integer[],
    m_received boolean[], m_reused_from text[], m_detail integer[], details jsonb,
    h_case integer[], h_version integer[], h_from text[], h_to text[], h_at text[],
    h_by text[], h_note text[]) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    n integer;
    cases integer := coalesce(cardinality(pos), 0);
    mats integer := coalesce(cardinality(m_case), 0);
    hist integer := coalesce(cardinality(h_case), 0);
    bad text;
BEGIN
    n := ow.batch_size(ops, 'push_columns');
    SELECT string_agg(a.name, ', ') INTO bad
    FROM (VALUES ('op_id', cardinality(op_id), cases), ('case_uuid', cardinality(case_uuid), cases),
                 ('case_number', cardinality(case_number), cases),
                 ('site_code', cardinality(site_code), cases),
                 ('received_at', cardinality(received_at), cases),
                 ('status', cardinality(status), cases),
                 ('status_version', cardinality(status_version), cases),
                 ('applicant', cardinality(applicant), cases),
                 ('items', cardinality(items), cases), ('payload', cardinality(payload), cases),
                 ('m_id', cardinality(m_id), mats), ('m_name', cardinality(m_name), mats),
                 ('m_form', cardinality(m_form), mats),
                 ('m_copies', cardinality(m_copies), mats),
                 ('m_received', cardinality(m_received), mats),
                 ('m_reused_from', cardinality(m_reused_from), mats),
                 ('m_detail', cardinality(m_detail), mats),
                 ('h_version', cardinality(h_version), hist),
                 ('h_from', cardinality(h_from), hist), ('h_to', cardinality(h_to), hist),
                 ('h_at', cardinality(h_at), hist), ('h_by', cardinality(h_by), hist),
                 ('h_note', cardinality(h_note), hist)) AS a(name, size, expected)
    WHERE coalesce(a.size, 0) <> a.expected;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('push_columns: %s do not have one element for each case, material '
                             'or history entry', bad);
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(pos) AS p
               WHERE p IS NULL OR p < 0 OR p >= n
                  OR jsonb_typeof(ops -> p) IS DISTINCT FROM 'null')
       OR (SELECT count(DISTINCT p) FROM unnest(pos) AS p) <> cases THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_columns: each position must be a distinct index of the batch '
                      'whose operation is null';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(m_case) AS c WHERE c IS NULL OR c < 1 OR c > cases)
       OR EXISTS (SELECT 1 FROM unnest(h_case) AS c WHERE c IS NULL OR c < 1 OR c > cases) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_columns: a material or history entry names no case of the batch';
    END IF;
    IF details IS NOT NULL AND jsonb_typeof(details) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_columns: details must be a JSON array';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(m_detail) AS d
               WHERE d < 1 OR d > coalesce(jsonb_array_length(details), 0)) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'push_columns: a material names no element of details';
    END IF;
    RETURN ow.push_apply(me, ops, ROW(pos, op_id, case_uuid, case_number, site_code,
                                      received_at, status, status_version, applicant, items,
                                      payload, m_case, m_id, m_name, m_form, m_copies,
                                      m_received, m_reused_from, m_detail, details, h_case,
                                      h_version,
                                      h_from, h_to, h_at, h_by, h_note)::ow.case_columns, n);
END
$$;

-- (The one function of that name: no list of its 28 argument types.)
ALTER FUNCTION ow_api.push_columns OWNER TO ow_api_owner;

REVOKE ALL ON FUNCTION ow.batch_size(jsonb, text),
    ow.push_case_columns(ow.case_columns, jsonb, text),
    ow.push_record_puts(ow.case_columns, jsonb, text),
    ow.case_ops_of_columns(ow.case_columns, integer[]), ow.case_columns_of(jsonb, text),
    ow.push_apply(text, jsonb, ow.case_columns, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow.batch_size(jsonb, text),
    ow.push_case_columns(ow.case_columns, jsonb, text),
    ow.push_record_puts(ow.case_columns, jsonb, text),
    ow.case_ops_of_columns(ow.case_columns, integer[]), ow.case_columns_of(jsonb, text),
    ow.push_apply(text, jsonb, ow.case_columns, integer) TO ow_api_owner;
REVOKE ALL ON FUNCTION ow_api.push_columns FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow_api.push_columns TO ow_sites;
