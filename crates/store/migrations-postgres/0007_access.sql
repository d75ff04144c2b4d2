-- PostgreSQL twin of migrations/0007_access.sql.
-- The access log and the accounts' lifecycle (issue 16: security review M6, M11, M5, L12).

-- M6: the chain is keyed. Each entry from `since` on is an HMAC under a key kept outside the
-- database (`access-log.key`, or $INZAGE_LOG_KEY_FILE); the entries before it keep their plain
-- SHA-256 links. `seal` is an HMAC under the key over `since` and the hash before it, written when
-- the key is created, so the start cannot be moved and the older entries cannot be rewritten by
-- someone without the key.
-- `only` is a reserved word in PostgreSQL, so it is quoted here; the code never names the column.
-- It is no identity column: its one row is written here, with 1.
CREATE TABLE access_log_keyed (
    "only"  BIGINT PRIMARY KEY CHECK ("only" = 1),
    since   BIGINT NOT NULL,
    seal    TEXT
);
INSERT INTO access_log_keyed ("only", since) SELECT 1, COALESCE(MAX(id), 0) + 1 FROM access_log;

-- M11: API tokens expire and show when they were last used. A token made before this migration
-- expires 90 days after it. Revoking a token deletes it; a password change, "log out
-- everywhere" and disabling the account delete them all.
ALTER TABLE api_token ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;    -- Unix seconds
ALTER TABLE api_token ADD COLUMN last_used_at BIGINT;                     -- Unix seconds, to the minute
-- unixepoch('now'): whole seconds, rounded down.
UPDATE api_token SET expires_at = floor(extract(epoch FROM now()))::BIGINT + 90 * 86400;

-- M11: an account can be disabled: no login, no session, no token; its name stays in the log.
ALTER TABLE account ADD COLUMN disabled_at TEXT;                          -- RFC 3339, UTC

-- M5: who made an account and when (NULL: the command line, `inzage user add`).
ALTER TABLE account ADD COLUMN invited_by TEXT;
ALTER TABLE account ADD COLUMN invited_at TEXT;
UPDATE account SET invited_at = created_at;

-- M5: a worker's identity belongs to one active account. Where a database already gave one
-- worker several, the oldest stays and the others are disabled.
-- strftime('%Y-%m-%dT%H:%M:%SZ', 'now'): the time in UTC, to the second.
UPDATE account SET disabled_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
WHERE worker IS NOT NULL AND disabled_at IS NULL
  AND id NOT IN (SELECT MIN(id) FROM account WHERE worker IS NOT NULL AND disabled_at IS NULL GROUP BY worker);
CREATE UNIQUE INDEX account_worker_active ON account (worker) WHERE worker IS NOT NULL AND disabled_at IS NULL;

-- L12: the contests a worker opened recently are counted by time.
CREATE INDEX contest_worker_opened ON contest (worker, opened_at);
