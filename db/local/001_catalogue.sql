-- The item catalogue. Each item is kept whole as its JSON document (the
-- documented catalogue format) with the columns the counter filters on.
-- Every version an item or joint item has had stays in item_version, so a
-- case keeps the catalogue version it was accepted under. Only
-- CatalogueRepository reads and writes these tables.

CREATE TABLE item (
    code            TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    short_name      TEXT NOT NULL DEFAULT '',
    keywords        TEXT NOT NULL DEFAULT '',  -- space-separated
    category        TEXT NOT NULL DEFAULT '',
    department      TEXT NOT NULL DEFAULT '',
    item_type       TEXT NOT NULL DEFAULT '',
    handling        TEXT NOT NULL CHECK (handling IN ('immediate', 'promised')),
    levels          INTEGER NOT NULL DEFAULT 1,
    universal       INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    doc             TEXT NOT NULL,
    updated_at      TEXT NOT NULL DEFAULT ''
);

-- kind: 'item' or 'joint' (item and joint item codes share one namespace).
CREATE TABLE item_version (
    code            TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    kind            TEXT NOT NULL DEFAULT 'item' CHECK (kind IN ('item', 'joint')),
    doc             TEXT NOT NULL,
    imported_at     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, version)
);

CREATE TABLE joint_item (
    code            TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    short_name      TEXT NOT NULL DEFAULT '',
    keywords        TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1,
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    doc             TEXT NOT NULL,
    updated_at      TEXT NOT NULL DEFAULT ''
);

-- One suggestion per (when_item, suggest): an import replaces the rule
-- for the same pair.
CREATE TABLE related_rule (
    id              INTEGER PRIMARY KEY,
    when_item       TEXT NOT NULL,
    condition       TEXT NOT NULL,
    suggest         TEXT NOT NULL,
    reason          TEXT NOT NULL,
    UNIQUE (when_item, suggest)
);

-- How often each item (or joint item) was chosen at this counter: breaks
-- ties in the search ranking.
CREATE TABLE item_usage (
    code            TEXT PRIMARY KEY NOT NULL,
    uses            INTEGER NOT NULL DEFAULT 0
);

-- Small facts about this store: site code, catalogue source, ...
CREATE TABLE store_meta (
    key             TEXT PRIMARY KEY NOT NULL,
    value           TEXT NOT NULL
);
