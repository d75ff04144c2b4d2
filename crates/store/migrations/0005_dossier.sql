-- The works council's consent dossiers (issue 10): a request per system, the four checkpoints,
-- information requests, the decision with its conditions, and every check of those conditions.
-- The written forms of the CHECKs are domain::dossier's `as_str`.

CREATE TABLE dossier (
    id                  INTEGER PRIMARY KEY,
    system              TEXT NOT NULL,          -- the system's id in the register
    opened_at           TEXT NOT NULL,          -- RFC 3339, UTC
    opened_by           TEXT NOT NULL,          -- account name
    requested           TEXT NOT NULL,          -- the date consent was asked (or the council opened it)
    employer_asked      INTEGER NOT NULL,       -- 1: the employer asked; 0: the council opened it itself
    register_version    INTEGER NOT NULL REFERENCES register_version (id),
    snapshot            TEXT NOT NULL,          -- the system as asked (domain::System, JSON)
    status              TEXT NOT NULL CHECK (status IN ('requested', 'decided')),
    outcome             TEXT CHECK (outcome IN ('refused', 'granted', 'granted_with_conditions')),
    decided_on          TEXT,                   -- date
    reasons             TEXT,
    nullity_from        TEXT,                   -- date the month of WOR 27(5) runs from
    nullity_learned     TEXT CHECK (nullity_learned IN ('notice', 'otherwise')),
    expert              TEXT,                   -- the expert's account name (WOR 16)
    expert_invited      TEXT,                   -- date
    expert_cost         TEXT,                   -- the cost estimate the employer is told of (WOR 22(2))
    CHECK ((status = 'decided') = (outcome IS NOT NULL AND decided_on IS NOT NULL))
);
CREATE INDEX dossier_system ON dossier (system, id);

CREATE TABLE dossier_checkpoint (
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    checkpoint  TEXT NOT NULL CHECK (checkpoint IN ('necessity', 'privacy', 'production_norms', 'working_conditions')),
    verdict     TEXT NOT NULL CHECK (verdict IN ('open', 'sufficient', 'with_conditions', 'insufficient')),
    notes       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (dossier, checkpoint)
);

-- WOR 31: the council asks, the employer answers.
CREATE TABLE information_request (
    id          INTEGER PRIMARY KEY,
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    question    TEXT NOT NULL,
    rule        TEXT,                           -- the rule whose question it came from, if any
    asked       TEXT NOT NULL,                  -- date
    due         TEXT NOT NULL,                  -- date
    asked_by    TEXT NOT NULL,
    answer      TEXT,
    answered    TEXT,                           -- date
    answered_by TEXT,
    CHECK ((answer IS NULL) = (answered IS NULL))
);
CREATE INDEX information_request_dossier ON information_request (dossier, id);

-- The conditions of a decision: a sentence in both languages and its CEL check.
CREATE TABLE dossier_condition (
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    position    INTEGER NOT NULL,
    id          TEXT NOT NULL,
    text_nl     TEXT NOT NULL,
    text_en     TEXT NOT NULL,
    expression  TEXT NOT NULL,
    PRIMARY KEY (dossier, id)
);

-- Every check of a condition, kept: the newest per condition is its state.
CREATE TABLE condition_check (
    id                  INTEGER PRIMARY KEY,
    dossier             INTEGER NOT NULL REFERENCES dossier (id),
    condition           TEXT NOT NULL,
    checked_at          TEXT NOT NULL,          -- RFC 3339, UTC
    as_of               TEXT NOT NULL,          -- date
    register_version    INTEGER NOT NULL,
    state               TEXT NOT NULL CHECK (state IN ('holds', 'broken', 'unknown')),
    evidence            TEXT NOT NULL           -- JSON: the paths read and their values, and a reason
);
CREATE INDEX condition_check_dossier ON condition_check (dossier, condition, id);
