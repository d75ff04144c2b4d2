-- PostgreSQL twin of migrations/0008_second_factor.sql.
-- Second factors (issue 16, ASVS 2.8): a TOTP secret per account and single-use recovery codes.

-- The secret, sealed (ChaCha20-Poly1305 under a key derived from the pseudonym key, which is not
-- in this database; the account's id is the associated data). `totp_confirmed_at` is set once a
-- first code was right: until then the secret is being set up and not asked at login.
-- `totp_last_step` is the last 30-second step a code was taken for: a code is taken once.
ALTER TABLE account ADD COLUMN totp_secret TEXT;
ALTER TABLE account ADD COLUMN totp_confirmed_at TEXT;                     -- RFC 3339, UTC
ALTER TABLE account ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Recovery codes, as SHA-256 hashes; a used one keeps its row with the time it was used.
CREATE TABLE recovery_code (
    account    BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TEXT,                                                       -- RFC 3339, UTC
    PRIMARY KEY (account, code_hash)
);

-- A login between the password and the second factor: the password was right, the code is
-- still to come. The browser holds the token; it lasts five minutes and is used once.
CREATE TABLE login_pending (
    token_hash  TEXT PRIMARY KEY,
    account     BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    expires_at  BIGINT NOT NULL,                                           -- Unix seconds
    next        TEXT NOT NULL DEFAULT ''
);
