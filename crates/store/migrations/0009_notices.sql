-- The reporting duty (issue 11): a notice for every worker with their own way in, and settings.

-- A worker's invitation from a notice: a short code printed on the letter (only its SHA-256 is
-- kept) that makes the worker's own account once, before it expires. No account exists until then.
CREATE TABLE worker_invitation (
    code_hash   TEXT PRIMARY KEY,
    worker      TEXT NOT NULL,              -- pseudonym
    batch       INTEGER NOT NULL REFERENCES notice_batch (id),
    expires_at  INTEGER NOT NULL,           -- Unix seconds
    used_at     TEXT                        -- RFC 3339, UTC
);
CREATE INDEX worker_invitation_worker ON worker_invitation (worker);

-- One run of `inzage notices` (or the demo's): when, by whom, on which register version, how many
-- letters. The yearly report counts them.
CREATE TABLE notice_batch (
    id          INTEGER PRIMARY KEY,
    issued_at   TEXT NOT NULL,              -- RFC 3339, UTC
    author      TEXT NOT NULL,
    version     INTEGER NOT NULL,           -- register version the letters describe
    letters     INTEGER NOT NULL,
    invitations INTEGER NOT NULL
);

-- The admin's choices that are not in the register: whether the public register is published,
-- and with findings.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
