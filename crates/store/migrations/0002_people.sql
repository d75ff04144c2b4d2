-- People, sessions, contests and the access log (issue 5).
-- Worker identifiers in this database are pseudonyms (HMAC under a key kept outside it).

ALTER TABLE decision ADD COLUMN reason TEXT;   -- what the system recorded as its reason

-- Accounts. A worker account is tied to one worker's pseudonym.
CREATE TABLE account (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'council', 'expert', 'worker', 'inspector')),
    worker          TEXT,                   -- pseudonym; set exactly for workers
    password_hash   TEXT,                   -- Argon2id PHC string; NULL until an invitation is used
    created_at      TEXT NOT NULL,
    CHECK ((role = 'worker') = (worker IS NOT NULL))
);

-- Sessions: only the SHA-256 of the cookie's token is kept.
CREATE TABLE session (
    token_hash  TEXT PRIMARY KEY,
    account     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf        TEXT NOT NULL,              -- the forms' token for this session
    created_at  INTEGER NOT NULL,           -- Unix seconds
    last_seen   INTEGER NOT NULL
);
CREATE INDEX session_account ON session (account);

-- Personal access tokens for the API, as SHA-256.
CREATE TABLE api_token (
    token_hash  TEXT PRIMARY KEY,
    account     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Invitations: a link that sets an account's password once, before it expires.
CREATE TABLE invitation (
    token_hash  TEXT PRIMARY KEY,
    account     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL,           -- Unix seconds
    used_at     TEXT
);

-- A worker contests a decision. The decision is copied in: imports replace the decision table.
CREATE TABLE contest (
    id          INTEGER PRIMARY KEY,
    worker      TEXT NOT NULL,              -- pseudonym
    decision    TEXT NOT NULL,              -- the decision contested, as JSON (domain::Decision)
    opened_at   TEXT NOT NULL,              -- RFC 3339, UTC
    deadline    TEXT NOT NULL,              -- date the answer is due
    status      TEXT NOT NULL CHECK (status IN ('open', 'answered'))
);
CREATE INDEX contest_worker ON contest (worker);

-- Every step of a contest, kept for good.
CREATE TABLE contest_step (
    id          INTEGER PRIMARY KEY,
    contest     INTEGER NOT NULL REFERENCES contest (id),
    time        TEXT NOT NULL,
    actor       TEXT NOT NULL,              -- account name
    kind        TEXT NOT NULL CHECK (kind IN ('opened', 'answered')),
    outcome     TEXT CHECK (outcome IN ('upheld', 'overturned')),
    text        TEXT NOT NULL
);
CREATE TRIGGER contest_step_kept_update BEFORE UPDATE ON contest_step
BEGIN SELECT RAISE(ABORT, 'contest steps are kept as written'); END;
CREATE TRIGGER contest_step_kept_delete BEFORE DELETE ON contest_step
BEGIN SELECT RAISE(ABORT, 'contest steps are kept as written'); END;

-- Who looked at whose personal data. Append-only; each entry's hash covers the previous one's.
CREATE TABLE access_log (
    id          INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,              -- RFC 3339, UTC
    actor       TEXT NOT NULL,              -- account name
    actor_role  TEXT NOT NULL,
    worker      TEXT NOT NULL,              -- pseudonym of the worker whose data was read
    what        TEXT NOT NULL,              -- what was read, e.g. 'page /me'
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX access_log_worker ON access_log (worker, id);
CREATE TRIGGER access_log_append_only_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_append_only_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
