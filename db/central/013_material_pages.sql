-- The page images of the materials received at the counters (材料电子化).
--
-- A page is kept once, named by the SHA-256 of its bytes, however many
-- sites and cases send it (ow.page_blobs). A site reaches a page only
-- through its own row in ow.page_holders, written when that site has sent
-- every byte of the page itself: another site's login can neither read a
-- page nor learn that a hash exists (an upload of a page the centre has is
-- answered exactly as one it has not, and takes every byte).
--
-- Upload in chunks, each committed on its own (ow_api.page_upload_chunk):
-- a connection cut mid-page resumes from the last chunk stored
-- (ow_api.page_upload_begin says where). ow_api.page_upload_finish checks
-- the bytes against their hash and keeps the page. A case's page list
-- (material, position, hash) follows with ow_api.put_case_pages, after the
-- case itself and its pages.
--
-- The back office: ow.case_material_pages(case_number) lists a case's
-- materials with their page hashes; ow.page_bytes(hash) gives a page.
--
-- Functions added here: ow_api.page_upload_begin, page_upload_chunk,
-- page_upload_finish, put_case_pages; ow.case_material_pages, ow.page_bytes.

CREATE TABLE ow.page_blobs (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    format     text NOT NULL CHECK (format IN ('jpeg', 'png')),
    bytes      bigint NOT NULL CHECK (bytes > 0),
    data       bytea NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);
-- Images do not compress: kept out of line, uncompressed, so a part is read without the whole.
ALTER TABLE ow.page_blobs ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE ow.page_holders (
    site_code   text NOT NULL REFERENCES ow.sites (code),
    sha256      text NOT NULL REFERENCES ow.page_blobs (sha256),
    held_since  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_code, sha256)
);
CREATE INDEX page_holders_page ON ow.page_holders (sha256);

-- A page on its way from a site, and the chunks of it stored so far.
CREATE TABLE ow.page_uploads (
    site_code   text NOT NULL REFERENCES ow.sites (code),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    format      text NOT NULL CHECK (format IN ('jpeg', 'png')),
    bytes       bigint NOT NULL CHECK (bytes > 0 AND bytes <= 209715200),
    received    bigint NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= bytes),
    started_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_code, sha256)
);

CREATE TABLE ow.page_upload_chunks (
    site_code   text NOT NULL,
    sha256      text NOT NULL,
    at_byte     bigint NOT NULL CHECK (at_byte >= 0),
    data        bytea NOT NULL CHECK (length(data) > 0),
    PRIMARY KEY (site_code, sha256, at_byte),
    FOREIGN KEY (site_code, sha256) REFERENCES ow.page_uploads (site_code, sha256)
        ON DELETE CASCADE
);
ALTER TABLE ow.page_upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The ordered pages of each material of a case.
CREATE TABLE ow.case_pages (
    case_uuid    uuid NOT NULL,
    site_code    text NOT NULL,
    material_id  text NOT NULL CHECK (material_id <> ''),
    position     integer NOT NULL CHECK (position >= 1),
    sha256       text NOT NULL,
    PRIMARY KEY (case_uuid, material_id, position),
    FOREIGN KEY (case_uuid, site_code) REFERENCES ow.cases (case_uuid, site_code)
        ON DELETE CASCADE,
    FOREIGN KEY (site_code, sha256) REFERENCES ow.page_holders (site_code, sha256)
);
CREATE INDEX case_pages_page ON ow.case_pages (sha256);

-- ---------------------------------------------------------------------------
-- Row-level security: a site's own holders, uploads and case pages; a page's
-- bytes only where the site holds it.

ALTER TABLE ow.page_blobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.page_holders ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.page_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.page_upload_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE ow.case_pages ENABLE ROW LEVEL SECURITY;

CREATE POLICY held ON ow.page_blobs FOR SELECT
    USING (EXISTS (SELECT 1 FROM ow.page_holders h
                   WHERE h.sha256 = page_blobs.sha256
                     AND h.site_code = (SELECT ow.current_site())));
-- A page is kept by the function that checked its bytes against its hash.
CREATE POLICY checked_insert ON ow.page_blobs FOR INSERT TO ow_api_owner WITH CHECK (true);
CREATE POLICY own_rows ON ow.page_holders FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.page_uploads FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.page_upload_chunks FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));
CREATE POLICY own_rows ON ow.case_pages FOR ALL
    USING (site_code = (SELECT ow.current_site()))
    WITH CHECK (site_code = (SELECT ow.current_site()));

-- ---------------------------------------------------------------------------
-- The counters' API

-- Where an upload of the page resumes: the bytes of it the centre has from
-- this site (all of them when the site holds the page already). An upload
-- begun with another format or size starts again.
CREATE FUNCTION ow_api.page_upload_begin(p_sha256 text, p_format text, p_bytes bigint)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    u ow.page_uploads;
    v_open boolean;
BEGIN
    IF p_sha256 IS NULL OR p_sha256 !~ '^[0-9a-f]{64}$' OR p_format NOT IN ('jpeg', 'png')
       OR p_bytes IS NULL OR p_bytes <= 0 OR p_bytes > 209715200 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'a page upload needs its SHA-256 (64 hex digits), format (jpeg, png) and size (1 byte to 200 MB)';
    END IF;
    IF EXISTS (SELECT 1 FROM ow.page_holders WHERE site_code = me AND sha256 = p_sha256) THEN
        RETURN jsonb_build_object('held', true, 'received', p_bytes);
    END IF;
    SELECT * INTO u FROM ow.page_uploads WHERE site_code = me AND sha256 = p_sha256 FOR UPDATE;
    v_open := FOUND;
    IF v_open AND (u.format <> p_format OR u.bytes <> p_bytes) THEN
        DELETE FROM ow.page_uploads WHERE site_code = me AND sha256 = p_sha256;
        v_open := false;
    END IF;
    IF NOT v_open THEN
        INSERT INTO ow.page_uploads (site_code, sha256, format, bytes)
        VALUES (me, p_sha256, p_format, p_bytes);
        RETURN jsonb_build_object('held', false, 'received', 0);
    END IF;
    RETURN jsonb_build_object('held', false, 'received', u.received);
END
$$;

-- Stores one chunk at `p_at` (where the upload stands); a chunk sent again
-- after a lost answer is answered with where the upload stands now.
CREATE FUNCTION ow_api.page_upload_chunk(p_sha256 text, p_at bigint, p_data bytea)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    u ow.page_uploads;
BEGIN
    SELECT * INTO u FROM ow.page_uploads WHERE site_code = me AND sha256 = p_sha256 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '42704',
            MESSAGE = format('no upload of page %s is open: call ow_api.page_upload_begin', p_sha256);
    END IF;
    IF p_at <> u.received THEN
        RETURN jsonb_build_object('received', u.received);
    END IF;
    IF p_data IS NULL OR length(p_data) = 0 OR u.received + length(p_data) > u.bytes THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('the chunk at byte %s of page %s runs past its %s bytes',
                             p_at, p_sha256, u.bytes);
    END IF;
    INSERT INTO ow.page_upload_chunks (site_code, sha256, at_byte, data)
    VALUES (me, p_sha256, p_at, p_data);
    UPDATE ow.page_uploads SET received = received + length(p_data)
    WHERE site_code = me AND sha256 = p_sha256;
    RETURN jsonb_build_object('received', u.received + length(p_data));
END
$$;

-- Checks the bytes sent against their hash and keeps the page (once, at
-- the centre) for this site. The answer is the same whether the centre
-- had the page from another site or not.
CREATE FUNCTION ow_api.page_upload_finish(p_sha256 text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    u ow.page_uploads;
    v_data bytea;
BEGIN
    IF EXISTS (SELECT 1 FROM ow.page_holders WHERE site_code = me AND sha256 = p_sha256) THEN
        RETURN jsonb_build_object('held', true);
    END IF;
    SELECT * INTO u FROM ow.page_uploads WHERE site_code = me AND sha256 = p_sha256 FOR UPDATE;
    IF NOT FOUND OR u.received <> u.bytes THEN
        RAISE EXCEPTION USING ERRCODE = '42704',
            MESSAGE = format('page %s is not wholly uploaded', p_sha256);
    END IF;
    SELECT string_agg(data, ''::bytea ORDER BY at_byte) INTO v_data
    FROM ow.page_upload_chunks WHERE site_code = me AND sha256 = p_sha256;
    IF v_data IS NULL OR length(v_data) <> u.bytes
       OR encode(sha256(v_data), 'hex') <> p_sha256 THEN
        -- Dropped, and said so: the page is sent again from its start.
        DELETE FROM ow.page_uploads WHERE site_code = me AND sha256 = p_sha256;
        RETURN jsonb_build_object('held', false, 'mismatch', true);
    END IF;
    -- Kept once: a page another site sent already is left as it is. (Not
    -- ON CONFLICT, which would check the row against the SELECT policy,
    -- and this site holds no page yet.)
    BEGIN
        INSERT INTO ow.page_blobs (sha256, format, bytes, data)
        VALUES (p_sha256, u.format, u.bytes, v_data);
    EXCEPTION WHEN unique_violation THEN
        NULL;
    END;
    INSERT INTO ow.page_holders (site_code, sha256) VALUES (me, p_sha256)
    ON CONFLICT DO NOTHING;
    DELETE FROM ow.page_uploads WHERE site_code = me AND sha256 = p_sha256;
    RETURN jsonb_build_object('held', true);
END
$$;

-- Replaces the page list of one of this site's cases:
-- [{"material": id, "position": n, "sha256": hash}, ...]; every page must
-- be held by the site already.
CREATE FUNCTION ow_api.put_case_pages(p_case uuid, p_pages jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me text := ow.require_site();
    v_missing text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ow.cases WHERE case_uuid = p_case AND site_code = me) THEN
        RAISE EXCEPTION USING ERRCODE = 'OW400', MESSAGE = 'unknown_case',
            DETAIL = format('The centre has no case %s of site %s: its pages wait for it.',
                            p_case, me);
    END IF;
    IF jsonb_typeof(p_pages) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'the pages of a case must be a list';
    END IF;
    SELECT p->>'sha256' INTO v_missing FROM jsonb_array_elements(p_pages) p
    WHERE NOT EXISTS (SELECT 1 FROM ow.page_holders h
                      WHERE h.site_code = me AND h.sha256 = p->>'sha256')
    LIMIT 1;
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'OW400', MESSAGE = 'page_not_held',
            DETAIL = format('The page %s is not at the centre yet.', v_missing);
    END IF;
    DELETE FROM ow.case_pages WHERE case_uuid = p_case;
    INSERT INTO ow.case_pages (case_uuid, site_code, material_id, position, sha256)
    SELECT p_case, me, p->>'material', (p->>'position')::integer, p->>'sha256'
    FROM jsonb_array_elements(p_pages) p;
    RETURN jsonb_build_object('pages', jsonb_array_length(p_pages));
END
$$;

-- ---------------------------------------------------------------------------
-- The back office (the administrator's login, or a department's system
-- granted these functions)

-- A case's materials with their pages in order: one row a page, a material
-- without pages once with null page columns.
CREATE FUNCTION ow.case_material_pages(p_case_number text)
RETURNS TABLE (case_uuid uuid, site_code text, material_id text, material_name text,
               page_no integer, sha256 text, format text, bytes bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.case_uuid, c.site_code, coalesce(m.material_id, p.material_id),
           coalesce(m.name, ''), p.position, p.sha256, b.format, b.bytes
    FROM ow.cases c
    JOIN ow.case_pages p ON p.case_uuid = c.case_uuid
    LEFT JOIN ow.case_materials m ON m.case_uuid = c.case_uuid AND m.material_id = p.material_id
    JOIN ow.page_blobs b ON b.sha256 = p.sha256
    WHERE c.case_number = p_case_number
    UNION ALL
    SELECT c.case_uuid, c.site_code, m.material_id, m.name, NULL, NULL, NULL, NULL
    FROM ow.cases c JOIN ow.case_materials m ON m.case_uuid = c.case_uuid
    WHERE c.case_number = p_case_number
      AND NOT EXISTS (SELECT 1 FROM ow.case_pages p
                      WHERE p.case_uuid = c.case_uuid AND p.material_id = m.material_id)
    ORDER BY 3, 5
$$;

-- The bytes of a page, `p_length` of them from `p_from` (0-based), so a
-- reader streams a page rather than loading it whole.
CREATE FUNCTION ow.page_bytes(p_sha256 text, p_from bigint, p_length integer) RETURNS bytea
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT substring(data FROM (p_from + 1)::integer FOR p_length)
    FROM ow.page_blobs WHERE sha256 = p_sha256
$$;

-- ---------------------------------------------------------------------------
-- Ownership and rights

ALTER FUNCTION ow_api.page_upload_begin(text, text, bigint) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.page_upload_chunk(text, bigint, bytea) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.page_upload_finish(text) OWNER TO ow_api_owner;
ALTER FUNCTION ow_api.put_case_pages(uuid, jsonb) OWNER TO ow_api_owner;
REVOKE ALL ON FUNCTION ow_api.page_upload_begin(text, text, bigint),
    ow_api.page_upload_chunk(text, bigint, bytea), ow_api.page_upload_finish(text),
    ow_api.put_case_pages(uuid, jsonb), ow.case_material_pages(text),
    ow.page_bytes(text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ow_api.page_upload_begin(text, text, bigint),
    ow_api.page_upload_chunk(text, bigint, bytea), ow_api.page_upload_finish(text),
    ow_api.put_case_pages(uuid, jsonb) TO ow_sites;
REVOKE ALL ON ow.page_blobs, ow.page_holders, ow.page_uploads, ow.page_upload_chunks,
    ow.case_pages FROM PUBLIC;
GRANT SELECT, INSERT ON ow.page_blobs TO ow_api_owner;
GRANT SELECT, INSERT ON ow.page_holders TO ow_api_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON ow.page_uploads, ow.page_upload_chunks TO ow_api_owner;
GRANT SELECT, INSERT, DELETE ON ow.case_pages TO ow_api_owner;
