-- The counters' API (schema ow_api) and the administrator's functions (schema ow).
-- The operation and answer formats are described in db/central/README.md.
--
-- Every ow_api function is SECURITY DEFINER, owned by ow_api_owner, with a
-- fixed search_path, and names every object with its schema. It finds the
-- caller's site from session_user (ow.require_site()); row-level security
-- keeps it inside that site's rows whatever it is asked.

-- ---------------------------------------------------------------------------
-- Helpers (schema ow; sites cannot call them)

-- The caller's site, or an error for a login that is not an active site.
CREATE FUNCTION ow.require_site() RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.current_site();
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('the login %s is not an active OneWindow site', session_user);
    END IF;
    RETURN me;
END
$$;

-- A business refusal: the operation is answered 'rejected' and quarantined.
-- MESSAGE is the machine reason, DETAIL the sentence for the operator.
CREATE FUNCTION ow.refuse(reason text, message text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'OW400', MESSAGE = reason, DETAIL = message;
END
$$;

CREATE FUNCTION ow.touch_site(p_site text) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE ow.sites SET last_contact = now() WHERE code = p_site;
$$;

-- Replaces the materials of a case with the list sent.
CREATE FUNCTION ow.put_materials(p_case uuid, p_site text, p_materials jsonb) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m jsonb;
BEGIN
    DELETE FROM ow.case_materials WHERE case_uuid = p_case;
    IF p_materials IS NULL OR jsonb_typeof(p_materials) = 'null' THEN
        RETURN;
    END IF;
    IF jsonb_typeof(p_materials) <> 'array' THEN
        PERFORM ow.refuse('malformed', 'The materials of a case must be a list.');
    END IF;
    FOR m IN SELECT value FROM jsonb_array_elements(p_materials) LOOP
        IF coalesce(m->>'id', '') = '' OR coalesce(m->>'name', '') = '' THEN
            PERFORM ow.refuse('malformed', 'Every material needs an id and a name.');
        END IF;
        INSERT INTO ow.case_materials (case_uuid, material_id, site_code, name, form, copies,
                                       received, reused_from, detail)
        VALUES (p_case, m->>'id', p_site, m->>'name', coalesce(m->>'form', ''),
                coalesce((m->>'copies')::integer, 1), coalesce((m->>'received')::boolean, true),
                m->>'reused_from',
                m - 'id' - 'name' - 'form' - 'copies' - 'received' - 'reused_from');
    END LOOP;
END
$$;

-- Moves a case to p_to if the caller saw its current version and the
-- transition is allowed for this kind of actor. The server's order decides:
-- no clock is compared.
CREATE FUNCTION ow.change_status(p_case ow.cases, p_to text, p_seen integer, p_actor text,
                                 p_actor_kind text, p_operation uuid, p_note text,
                                 p_counter_time timestamptz) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_seen IS DISTINCT FROM p_case.status_version THEN
        PERFORM ow.refuse('stale_version',
            format('Case %s is now %s (version %s); the request was made from version %s.',
                   coalesce(p_case.case_number, p_case.case_uuid::text), p_case.status, p_case.status_version,
                   coalesce(p_seen::text, 'none')));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ow.case_statuses WHERE status = p_to) THEN
        PERFORM ow.refuse('unknown_status', format('There is no case status %s.', p_to));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ow.status_transitions
                   WHERE from_status = p_case.status AND to_status = p_to
                     AND actor_kind = p_actor_kind) THEN
        PERFORM ow.refuse('transition_not_allowed',
            format('Case %s cannot go from %s to %s by the %s.',
                   coalesce(p_case.case_number, p_case.case_uuid::text),
                   p_case.status, p_to, replace(p_actor_kind, '_', ' ')));
    END IF;
    UPDATE ow.cases SET status = p_to, status_version = status_version + 1, updated_at = now()
    WHERE case_uuid = p_case.case_uuid;
    INSERT INTO ow.case_status_history (case_uuid, site_code, status_version, from_status,
                                        to_status, actor, actor_kind, counter_time,
                                        operation_id, note)
    VALUES (p_case.case_uuid, p_case.site_code, p_case.status_version + 1, p_case.status, p_to,
            coalesce(p_actor, ''), p_actor_kind, p_counter_time, p_operation,
            coalesce(p_note, ''));
    RETURN jsonb_build_object('case_uuid', p_case.case_uuid, 'case_number', p_case.case_number,
                              'status', p_to, 'status_version', p_case.status_version + 1);
END
$$;

-- case.upsert: creates the case, or updates its data while its status still
-- belongs to the counter. Status changes travel as case.status_request.
CREATE FUNCTION ow.apply_case_upsert(p_op jsonb, p_site text, p_operation uuid) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c jsonb := p_op->'case';
    app jsonb;
    h jsonb;
    v_uuid uuid;
    v_number text;
    v_received timestamptz;
    v_version integer;
    v_status text;
    v_existing ow.cases;
    v_owner text;
    n integer;
BEGIN
    IF c IS NULL OR jsonb_typeof(c) <> 'object' THEN
        PERFORM ow.refuse('malformed', 'The operation carries no case.');
    END IF;
    IF c ? 'site_code' AND c->>'site_code' IS DISTINCT FROM p_site THEN
        PERFORM ow.refuse('wrong_site',
            format('The case names site %s, but this login belongs to site %s.',
                   c->>'site_code', p_site));
    END IF;
    BEGIN
        v_uuid := (c->>'case_uuid')::uuid;
        v_received := (c->>'received_at')::timestamptz;
        v_version := coalesce((c->>'status_version')::integer, 1);
    EXCEPTION WHEN data_exception THEN
        PERFORM ow.refuse('malformed',
            'The case_uuid, received_at or status_version of the case is not valid.');
    END;
    v_number := c->>'case_number';
    v_status := c->>'status';
    app := coalesce(c->'applicant', '{}'::jsonb);
    IF v_uuid IS NULL OR v_received IS NULL OR v_number = '' THEN
        PERFORM ow.refuse('malformed', 'A case needs case_uuid and received_at.');
    END IF;
    -- Case numbers are <site>-<yyyyMMdd>-<NNNN>: a site numbers only its own.
    IF v_number IS NOT NULL AND left(v_number, length(p_site) + 1) <> p_site || '-' THEN
        PERFORM ow.refuse('case_number_not_of_site',
            format('The case number %s does not begin with the site code %s.', v_number, p_site));
    END IF;
    IF jsonb_typeof(app) <> 'object' OR coalesce(app->>'kind', '') NOT IN ('natural', 'legal')
       OR coalesce(app->>'name', '') = '' THEN
        PERFORM ow.refuse('malformed',
            'The applicant needs a kind (natural or legal) and a name.');
    END IF;
    IF jsonb_typeof(c->'items') IS DISTINCT FROM 'array' OR jsonb_array_length(c->'items') = 0
       OR EXISTS (SELECT 1 FROM jsonb_array_elements(c->'items') i
                  WHERE coalesce(i->>'code', '') = ''
                     OR jsonb_typeof(i->'version') IS DISTINCT FROM 'number') THEN
        PERFORM ow.refuse('malformed', 'A case needs its items, each with code and version.');
    END IF;

    SELECT * INTO v_existing FROM ow.cases WHERE case_uuid = v_uuid FOR UPDATE;
    IF NOT FOUND THEN
        -- A new case arrives in a status the counter can reach on its own.
        IF NOT EXISTS (SELECT 1 FROM ow.case_statuses s WHERE s.status = v_status
                       AND (s.owner = 'counter'
                            OR EXISTS (SELECT 1 FROM ow.status_transitions t
                                       WHERE t.to_status = s.status
                                         AND t.actor_kind = 'counter'))) THEN
            PERFORM ow.refuse('unknown_status',
                format('A counter cannot create a case in status %s.', coalesce(v_status, 'none')));
        END IF;
        INSERT INTO ow.cases (case_uuid, case_number, site_code, applicant_kind, applicant_name,
                              applicant_id, applicant, items, status, status_version, payload,
                              received_at)
        VALUES (v_uuid, v_number, p_site, app->>'kind', app->>'name',
                coalesce(nullif(app->>'id_number', ''), app->>'credit_code', ''), app, c->'items', v_status, v_version,
                coalesce(c->'payload', '{}'::jsonb), v_received);
        IF jsonb_typeof(c->'history') = 'array' AND jsonb_array_length(c->'history') > 0 THEN
            FOR h, n IN SELECT e.value, e.ordinality::integer
                        FROM jsonb_array_elements(c->'history') WITH ORDINALITY AS e LOOP
                INSERT INTO ow.case_status_history (case_uuid, site_code, status_version,
                                                    from_status, to_status, actor, actor_kind,
                                                    counter_time, operation_id, note)
                VALUES (v_uuid, p_site, coalesce((h->>'status_version')::integer, n),
                        nullif(h->>'from', ''),
                        h->>'to', coalesce(h->>'by', ''), 'counter',
                        (h->>'at')::timestamptz, p_operation, coalesce(h->>'note', ''));
            END LOOP;
        ELSE
            INSERT INTO ow.case_status_history (case_uuid, site_code, status_version, to_status,
                                                actor, actor_kind, counter_time, operation_id)
            VALUES (v_uuid, p_site, v_version, v_status, coalesce(c->'payload'->>'clerk', ''),
                    'counter', v_received, p_operation);
        END IF;
        PERFORM ow.put_materials(v_uuid, p_site, c->'materials');
        RETURN jsonb_build_object('case_uuid', v_uuid, 'case_number', v_number,
                                  'status', v_status, 'status_version', v_version,
                                  'created', true);
    END IF;

    -- A case gets its number once (on acceptance) and keeps it.
    IF v_existing.case_number IS NOT NULL AND v_existing.case_number IS DISTINCT FROM v_number THEN
        PERFORM ow.refuse('case_number_changed',
            format('Case %s already has the number %s.', v_uuid, v_existing.case_number));
    END IF;
    SELECT owner INTO v_owner FROM ow.case_statuses WHERE status = v_existing.status;
    IF v_owner <> 'counter' THEN
        PERFORM ow.refuse('case_locked',
            format('Case %s is %s; from forwarding on, its data is kept by the back office.',
                   v_number, v_existing.status));
    END IF;
    UPDATE ow.cases
    SET case_number = v_number, applicant_kind = app->>'kind', applicant_name = app->>'name',
        applicant_id = coalesce(nullif(app->>'id_number', ''), app->>'credit_code', ''), applicant = app, items = c->'items',
        payload = coalesce(c->'payload', '{}'::jsonb), updated_at = now()
    WHERE case_uuid = v_uuid;
    PERFORM ow.put_materials(v_uuid, p_site, c->'materials');
    RETURN jsonb_build_object('case_uuid', v_uuid, 'case_number', v_number,
                              'status', v_existing.status,
                              'status_version', v_existing.status_version, 'created', false);
END
$$;

-- case.status_request: the counter asks; the server decides.
CREATE FUNCTION ow.apply_status_request(p_op jsonb, p_site text, p_operation uuid) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_case ow.cases;
    v_uuid uuid;
    v_seen integer;
    v_time timestamptz;
BEGIN
    BEGIN
        v_uuid := (p_op->>'case_uuid')::uuid;
        v_seen := (p_op->>'seen_version')::integer;
        v_time := (p_op->>'at')::timestamptz;
    EXCEPTION WHEN data_exception THEN
        PERFORM ow.refuse('malformed',
            'The case_uuid, seen_version or at of the status request is not valid.');
    END;
    IF v_uuid IS NULL OR v_seen IS NULL OR coalesce(p_op->>'to', '') = '' THEN
        PERFORM ow.refuse('malformed', 'A status request needs case_uuid, to and seen_version.');
    END IF;
    -- Row-level security: another site's case is simply not found.
    SELECT * INTO v_case FROM ow.cases WHERE case_uuid = v_uuid FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM ow.refuse('case_not_found',
            format('The centre knows no case %s of site %s.', v_uuid, p_site));
    END IF;
    RETURN ow.change_status(v_case, p_op->>'to', v_seen, p_op->>'by', 'counter', p_operation,
                            p_op->>'note', v_time);
END
$$;

-- The newest change a site can see that no running transaction can precede.
CREATE FUNCTION ow.safe_cursor(OUT cursor_xid xid8, OUT cursor_id bigint)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    boundary xid8 := pg_snapshot_xmin(pg_current_snapshot());
    hx xid8;
    hi bigint;
BEGIN
    SELECT l.xid, l.id INTO cursor_xid, cursor_id FROM ow.change_log l
    WHERE l.xid < boundary ORDER BY l.xid DESC, l.id DESC LIMIT 1;
    SELECT pruned_xid, pruned_id INTO hx, hi FROM ow.change_log_horizon;
    IF cursor_xid IS NULL OR (cursor_xid, cursor_id) < (hx, hi) THEN
        cursor_xid := hx;
        cursor_id := hi;
    END IF;
END
$$;

-- ---------------------------------------------------------------------------
-- The counters' API

-- A counter PC announces itself: its site (which must be the login's own),
-- its id and program version. Returns what the centre knows of the site.
CREATE FUNCTION ow_api.register_site(p_site_code text, p_counter_id uuid, p_counter_name text,
                                     p_app_version text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    s ow.sites;
BEGIN
    IF p_site_code IS DISTINCT FROM me THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('this login belongs to site %s, not to %s', me, p_site_code);
    END IF;
    IF p_counter_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'a counter id is required';
    END IF;
    UPDATE ow.sites SET first_contact = coalesce(first_contact, now()), last_contact = now()
    WHERE code = me RETURNING * INTO s;
    INSERT INTO ow.counters AS k (counter_id, site_code, name, app_version)
    VALUES (p_counter_id, me, coalesce(p_counter_name, ''), coalesce(p_app_version, ''))
    ON CONFLICT (counter_id) DO UPDATE
    SET name = EXCLUDED.name, app_version = EXCLUDED.app_version, last_contact = now();
    RETURN jsonb_build_object('site_code', s.code, 'name', s.name, 'level', s.level,
                              'registered_at', s.registered_at,
                              'schema_version', (SELECT max(version) FROM ow.schema_version));
END
$$;

-- Applies a batch of operations in one transaction and answers each one, in
-- order: 'applied', 'duplicate' (applied before: nothing changes) or
-- 'rejected' with a reason (quarantined; a replay gets the same refusal).
CREATE FUNCTION ow_api.push_batch(ops jsonb) RETURNS jsonb
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

-- The changes after the cursor (after_xid, after_id) that this site may see,
-- in (xid, id) order, at most max_rows, and only from transactions older
-- than every transaction still running: a transaction that commits late can
-- therefore never be skipped. 'next_xid'/'next_id' is the cursor to store
-- (with the applied page, in one local transaction). 'snapshot_required'
-- means the log was pruned past the cursor: call ow_api.snapshot().
CREATE FUNCTION ow_api.pull_changes(after_xid xid8, after_id bigint, max_rows integer)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    boundary xid8 := pg_snapshot_xmin(pg_current_snapshot());
    lim integer := least(greatest(coalesce(max_rows, 500), 1), 5000);
    hx xid8;
    hi bigint;
    page jsonb;
    n integer;
    lx xid8;
    li bigint;
BEGIN
    IF after_xid IS NULL OR after_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004',
            MESSAGE = 'a cursor is required: a new counter starts with ow_api.snapshot()';
    END IF;
    SELECT pruned_xid, pruned_id INTO hx, hi FROM ow.change_log_horizon;
    IF (after_xid, after_id) < (hx, hi) THEN
        RETURN jsonb_build_object('snapshot_required', true, 'changes', '[]'::jsonb,
                                  'next_xid', after_xid::text, 'next_id', after_id,
                                  'more', false);
    END IF;
    WITH rows AS (
        SELECT l.xid, l.id, l.kind, l.key, l.payload
        FROM ow.change_log l
        WHERE (l.xid, l.id) > (after_xid, after_id) AND l.xid < boundary
        ORDER BY l.xid, l.id
        LIMIT lim
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object('xid', r.xid::text, 'id', r.id, 'kind', r.kind,
                                                 'key', r.key, 'payload', r.payload)
                              ORDER BY r.xid, r.id), '[]'::jsonb),
           count(*)::integer,
           (array_agg(r.xid ORDER BY r.xid DESC, r.id DESC))[1],
           (array_agg(r.id ORDER BY r.xid DESC, r.id DESC))[1]
    INTO page, n, lx, li
    FROM rows r;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('snapshot_required', false, 'changes', page,
                              'next_xid', coalesce(lx, after_xid)::text,
                              'next_id', coalesce(li, after_id), 'more', n = lim);
END
$$;

-- The current state of one section, a page at a time, for a counter that is
-- new or too far behind: 'catalogue' (newest version of every entry),
-- 'calendar', 'credit_grades', 'cases' (this site's cases and statuses).
-- Rows come ordered by 'key'; pass the last page's next_key to continue.
-- Keep the cursor of the first page and pull from it once every section is
-- read: changes made meanwhile come again, and applying them is idempotent
-- (versions only go forward).
CREATE FUNCTION ow_api.snapshot(section text, after_key text, max_rows integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    lim integer := least(greatest(coalesce(max_rows, 500), 1), 5000);
    k text := coalesce(after_key, '');
    cur record;
    page jsonb;
    n integer;
    last_key text;
BEGIN
    SELECT * INTO cur FROM ow.safe_cursor();
    IF section = 'catalogue' THEN
        SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.key), '[]'::jsonb), count(*),
               max(x.key COLLATE "C")
        INTO page, n, last_key
        FROM (SELECT * FROM (
                  SELECT DISTINCT ON (c.kind, c.code) (c.kind || ':' || c.code) COLLATE "C" AS key,
                         c.kind, c.code, c.version, c.doc
                  FROM ow.catalogue_items c
                  ORDER BY c.kind, c.code, c.version DESC) latest
              WHERE latest.key > k COLLATE "C"
              ORDER BY latest.key LIMIT lim) x;
    ELSIF section = 'calendar' THEN
        SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.key), '[]'::jsonb), count(*),
               max(x.key COLLATE "C")
        INTO page, n, last_key
        FROM (SELECT lpad(y.year::text, 4, '0') COLLATE "C" AS key, y.year, y.version, y.days
              FROM ow.calendars y
              WHERE lpad(y.year::text, 4, '0') COLLATE "C" > k COLLATE "C"
              ORDER BY 1 LIMIT lim) x;
    ELSIF section = 'credit_grades' THEN
        SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.key), '[]'::jsonb), count(*),
               max(x.key COLLATE "C")
        INTO page, n, last_key
        FROM (SELECT g.credit_code COLLATE "C" AS key, g.credit_code, g.grade, g.version, g.note
              FROM ow.credit_grades g
              WHERE g.credit_code COLLATE "C" > k COLLATE "C"
              ORDER BY 1 LIMIT lim) x;
    ELSIF section = 'cases' THEN
        SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.key), '[]'::jsonb), count(*),
               max(x.key COLLATE "C")
        INTO page, n, last_key
        FROM (SELECT c.case_uuid::text COLLATE "C" AS key, c.case_uuid, c.case_number,
                     c.status, c.status_version
              FROM ow.cases c
              WHERE c.site_code = me AND c.case_uuid::text COLLATE "C" > k COLLATE "C"
              ORDER BY 1 LIMIT lim) x;
    ELSE
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown snapshot section %s (catalogue, calendar, credit_grades, cases)',
                             section);
    END IF;
    RETURN jsonb_build_object('section', section, 'rows', page,
                              'next_key', coalesce(last_key, k), 'done', n < lim,
                              'cursor_xid', cur.cursor_xid::text, 'cursor_id', cur.cursor_id);
END
$$;

-- A counter stored every change up to (xid, id): the centre's backlog for it
-- shrinks. The cursor only moves forward. Returns the changes still waiting.
CREATE FUNCTION ow_api.acknowledge(p_counter_id uuid, p_xid xid8, p_id bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    k ow.counters;
    waiting bigint;
BEGIN
    UPDATE ow.counters
    SET (acked_xid, acked_id) = (SELECT CASE WHEN (p_xid, p_id) > (acked_xid, acked_id)
                                             THEN p_xid ELSE acked_xid END,
                                        CASE WHEN (p_xid, p_id) > (acked_xid, acked_id)
                                             THEN p_id ELSE acked_id END),
        last_contact = now()
    WHERE counter_id = p_counter_id
    RETURNING * INTO k;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '42704',
            MESSAGE = format('counter %s is not registered at site %s: call ow_api.register_site first',
                             p_counter_id, me);
    END IF;
    SELECT count(*) INTO waiting FROM ow.change_log l
    WHERE (l.xid, l.id) > (k.acked_xid, k.acked_id);
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('acked_xid', k.acked_xid::text, 'acked_id', k.acked_id,
                              'waiting', waiting);
END
$$;

-- The counter is alive; it reports its outbox and quarantine counts for the
-- centre's status. server_time is for display only: nothing compares clocks.
CREATE FUNCTION ow_api.heartbeat(p_counter_id uuid, p_outbox_pending integer,
                                 p_quarantined integer) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
BEGIN
    UPDATE ow.counters
    SET last_contact = now(), outbox_pending = greatest(coalesce(p_outbox_pending, 0), 0),
        quarantined = greatest(coalesce(p_quarantined, 0), 0)
    WHERE counter_id = p_counter_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '42704',
            MESSAGE = format('counter %s is not registered at site %s: call ow_api.register_site first',
                             p_counter_id, me);
    END IF;
    PERFORM ow.touch_site(me);
    RETURN jsonb_build_object('site_code', me, 'server_time', now());
END
$$;

-- ---------------------------------------------------------------------------
-- The administrator's functions (run by the `central` admin commands)

-- Creates the site, its LOGIN role (password given as a SCRAM verifier, so
-- the password itself never reaches the server) and its rights.
CREATE FUNCTION ow.add_site(p_code text, p_name text, p_level text, p_verifier text) RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_role text := 'ow_site_' || lower(replace(p_code, '-', '_'));
BEGIN
    IF p_verifier IS NULL OR p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'the site password must be given as a SCRAM-SHA-256 verifier';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
        RAISE EXCEPTION USING ERRCODE = '42710',
            MESSAGE = format('the role %s exists already', v_role);
    END IF;
    INSERT INTO ow.sites (code, name, level, role_name) VALUES (p_code, p_name, p_level, v_role);
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE '
                   'NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT 50 IN ROLE ow_sites',
                   v_role, p_verifier);
    -- A site cannot hold back everybody's pulls with an open transaction.
    EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', v_role, '60s');
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', v_role, '120s');
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), v_role);
    RETURN v_role;
END
$$;

-- Publishes one catalogue entry. The same content again changes nothing;
-- other content under a published version number is refused.
CREATE FUNCTION ow.publish_catalogue_entry(p_kind text, p_code text, p_version integer,
                                           p_doc jsonb) RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    existing jsonb;
    newest integer;
BEGIN
    SELECT doc INTO existing FROM ow.catalogue_items
    WHERE kind = p_kind AND code = p_code AND version = p_version;
    IF FOUND THEN
        IF existing = p_doc THEN
            RETURN 'unchanged';
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'OW409', MESSAGE = 'catalogue_version_conflict',
            DETAIL = format('%s version %s is already published with other content.',
                            p_code, p_version);
    END IF;
    SELECT max(version) INTO newest FROM ow.catalogue_items WHERE kind = p_kind AND code = p_code;
    IF newest > p_version THEN
        RAISE EXCEPTION USING ERRCODE = 'OW409', MESSAGE = 'catalogue_version_older',
            DETAIL = format('%s version %s is older than the published version %s.',
                            p_code, p_version, newest);
    END IF;
    INSERT INTO ow.catalogue_items (kind, code, version, doc)
    VALUES (p_kind, p_code, p_version, p_doc);
    RETURN 'added';
END
$$;

CREATE FUNCTION ow.publish_calendar_year(p_year integer, p_days jsonb) RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    existing jsonb;
BEGIN
    SELECT days INTO existing FROM ow.calendars WHERE year = p_year FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO ow.calendars (year, days) VALUES (p_year, p_days);
        RETURN 'added';
    END IF;
    IF existing = p_days THEN
        RETURN 'unchanged';
    END IF;
    UPDATE ow.calendars SET days = p_days, published_at = now(), published_by = session_user
    WHERE year = p_year;
    RETURN 'updated';
END
$$;

CREATE FUNCTION ow.set_credit_grade(p_code text, p_grade text, p_note text) RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    g ow.credit_grades;
BEGIN
    SELECT * INTO g FROM ow.credit_grades WHERE credit_code = p_code FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO ow.credit_grades (credit_code, grade, note)
        VALUES (p_code, p_grade, coalesce(p_note, ''));
        RETURN 'added';
    END IF;
    IF g.grade = p_grade AND g.note = coalesce(p_note, '') THEN
        RETURN 'unchanged';
    END IF;
    UPDATE ow.credit_grades
    SET grade = p_grade, note = coalesce(p_note, ''), set_at = now(), set_by = session_user
    WHERE credit_code = p_code;
    RETURN 'updated';
END
$$;

-- A back-office decision on a case (approved, refused, completed, ...):
-- who decided, and when by the server's clock.
CREATE FUNCTION ow.back_office_status(p_case_number text, p_status text, p_by text,
                                      p_note text) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_case ow.cases;
BEGIN
    IF coalesce(p_by, '') = '' THEN
        RAISE EXCEPTION 'a back-office decision needs the name of who decided';
    END IF;
    SELECT * INTO v_case FROM ow.cases WHERE case_number = p_case_number FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OW404', MESSAGE = 'case_not_found',
            DETAIL = format('There is no case %s.', p_case_number);
    END IF;
    RETURN ow.change_status(v_case, p_status, v_case.status_version, p_by, 'back_office', NULL,
                            p_note, NULL);
END
$$;

-- Removes changes older than p_keep; counters behind them get a snapshot.
CREATE FUNCTION ow.prune_change_log(p_keep interval) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lx xid8;
    li bigint;
    n bigint;
BEGIN
    SELECT l.xid, l.id INTO lx, li FROM ow.change_log l
    WHERE l.logged_at < now() - p_keep
      AND l.xid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY l.xid DESC, l.id DESC LIMIT 1;
    IF lx IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM ow.change_log l WHERE (l.xid, l.id) <= (lx, li);
    GET DIAGNOSTICS n = ROW_COUNT;
    UPDATE ow.change_log_horizon SET pruned_xid = lx, pruned_id = li
    WHERE (pruned_xid, pruned_id) < (lx, li);
    RETURN n;
END
$$;

-- ---------------------------------------------------------------------------
-- Ownership and rights

ALTER FUNCTION ow_api.register_site(text, uuid, text, text) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.push_batch(jsonb) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.pull_changes(xid8, bigint, integer) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.snapshot(text, text, integer) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.acknowledge(uuid, xid8, bigint) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.heartbeat(uuid, integer, integer) OWNER TO ow_api_owner;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ow_api FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ow FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ow_api TO ow_sites;
GRANT EXECUTE ON FUNCTION ow.current_site(), ow.require_site(), ow.refuse(text, text),
    ow.touch_site(text), ow.put_materials(uuid, text, jsonb),
    ow.change_status(ow.cases, text, integer, text, text, uuid, text, timestamptz),
    ow.apply_case_upsert(jsonb, text, uuid), ow.apply_status_request(jsonb, text, uuid),
    ow.safe_cursor(), ow.log_case_status() TO ow_api_owner;
