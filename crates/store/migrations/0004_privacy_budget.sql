-- The differential-privacy ledger: what each audience may still learn about a dataset, and
-- every noisy answer released to it. Amounts of ε are integer millionths (micro-units), spends
-- rounded up. Nothing here is personal data: results are noisy aggregates.

-- One budget per dataset (a key the caller chooses, such as the register version and the events
-- file) and audience. The total is fixed when the budget is first used; spent only grows.
CREATE TABLE privacy_budget (
    dataset TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('council', 'inspector', 'admin')),
    total_micro INTEGER NOT NULL CHECK (total_micro > 0),
    spent_micro INTEGER NOT NULL DEFAULT 0 CHECK (spent_micro >= 0 AND spent_micro <= total_micro),
    created_at TEXT NOT NULL,
    PRIMARY KEY (dataset, audience)
);

CREATE TRIGGER privacy_budget_only_grows BEFORE UPDATE ON privacy_budget
WHEN NEW.total_micro <> OLD.total_micro OR NEW.spent_micro < OLD.spent_micro
    OR NEW.dataset <> OLD.dataset OR NEW.audience <> OLD.audience
BEGIN SELECT RAISE(ABORT, 'a privacy budget''s total is fixed and its spending only grows'); END;
CREATE TRIGGER privacy_budget_kept BEFORE DELETE ON privacy_budget
BEGIN SELECT RAISE(ABORT, 'privacy budgets are kept'); END;

-- Each release, kept so that asking the same query again returns the same answer: a fresh draw
-- would let repeated questions average the noise away.
CREATE TABLE privacy_release (
    id INTEGER PRIMARY KEY,
    dataset TEXT NOT NULL,
    audience TEXT NOT NULL,
    query_key TEXT NOT NULL,
    epsilon_micro INTEGER NOT NULL CHECK (epsilon_micro > 0),
    scale REAL NOT NULL CHECK (scale > 0),
    result TEXT NOT NULL CHECK (json_valid(result)),
    created_at TEXT NOT NULL,
    by_account TEXT NOT NULL,
    UNIQUE (dataset, audience, query_key),
    FOREIGN KEY (dataset, audience) REFERENCES privacy_budget (dataset, audience)
);

CREATE TRIGGER privacy_release_kept_update BEFORE UPDATE ON privacy_release
BEGIN SELECT RAISE(ABORT, 'privacy releases are kept as released'); END;
CREATE TRIGGER privacy_release_kept_delete BEFORE DELETE ON privacy_release
BEGIN SELECT RAISE(ABORT, 'privacy releases are kept as released'); END;
