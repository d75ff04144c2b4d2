-- Every register ever loaded, newest last: a register is never overwritten, only versioned.
CREATE TABLE register_version (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,          -- RFC 3339, UTC
    author      TEXT NOT NULL,          -- who loaded it
    source      TEXT NOT NULL,          -- the file it came from
    document    TEXT NOT NULL           -- the register as JSON (domain::Register)
);

-- Workers from the workers file; attributes are only used for group comparisons.
CREATE TABLE worker (
    id          TEXT PRIMARY KEY,
    attributes  TEXT NOT NULL           -- JSON object of attribute name to value
);

-- Decisions about workers from the decisions file.
CREATE TABLE decision (
    id              INTEGER PRIMARY KEY,
    worker          TEXT NOT NULL,
    time            TEXT NOT NULL,      -- RFC 3339, UTC
    decision        TEXT NOT NULL,
    automated       INTEGER,            -- NULL: not recorded
    reviewed        INTEGER,
    review_seconds  REAL,
    overturned      INTEGER,
    score           REAL
);
CREATE INDEX decision_worker ON decision (worker, time);

-- Event files (Parquet or CSV) kept in the data folder; events are queried where they lie.
CREATE TABLE dataset (
    name        TEXT PRIMARY KEY,       -- 'events'
    path        TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
