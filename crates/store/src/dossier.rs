//! The works council's consent dossiers: requests, checkpoints, information requests, decisions,
//! conditions and their checks (`migrations/0005_dossier.sql`).

use std::str::FromStr;

use domain::System;
use domain::dossier::{Checkpoint, Learned, Outcome, Status, Verdict};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Error, Store};

/// A dossier as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Dossier {
    pub id: i64,
    pub system: String,
    pub opened_at: String,
    pub opened_by: String,
    pub requested: Date,
    /// The employer asked for consent; false when the council opened the dossier itself.
    pub employer_asked: bool,
    /// The register version consent was asked on, and the system as it stood there.
    pub register_version: i64,
    pub snapshot: System,
    pub status: Status,
    pub decision: Option<Decided>,
    /// The date the nullity month runs from, and how the council learned of it.
    pub nullity: Option<(Date, Learned)>,
    pub expert: Option<Expert>,
}

/// The council's decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub outcome: Outcome,
    pub on: Date,
    pub reasons: String,
}

/// The expert the council invited (WOR 16) and the cost the employer was told of (WOR 22(2)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expert {
    pub name: String,
    pub invited: Date,
    pub cost: String,
}

/// What opening a dossier needs.
#[derive(Debug)]
pub struct NewDossier<'a> {
    pub system: &'a System,
    pub register_version: i64,
    pub opened_by: &'a str,
    pub requested: Date,
    pub employer_asked: bool,
}

/// The council's verdict and notes on one checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckpointNote {
    pub checkpoint: Checkpoint,
    pub verdict: Verdict,
    pub notes: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// One information request (WOR 31).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InformationRequest {
    pub id: i64,
    pub dossier: i64,
    pub question: String,
    /// The rule whose question it came from.
    pub rule: Option<String>,
    pub asked: Date,
    pub due: Date,
    pub asked_by: String,
    /// The answer, the date and who gave it.
    pub answer: Option<(String, Date, String)>,
}

/// One condition of a decision, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionText {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// The CEL check.
    pub check: String,
}

/// One check of one condition.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionCheck {
    pub dossier: i64,
    pub condition: String,
    pub checked_at: String,
    pub as_of: Date,
    pub register_version: i64,
    /// `holds`, `broken` or `unknown`.
    pub state: String,
    pub evidence: serde_json::Value,
}

/// Reads of personal data by one role since a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reads {
    pub role: String,
    pub reads: i64,
    /// Reads of a worker who had not contested a decision before the read.
    pub without_contest: i64,
}

fn parse<T: FromStr<Err = String>>(text: &str) -> Result<T, Error> {
    text.parse().map_err(Error::BadValue)
}

fn date(text: &str) -> Result<Date, Error> {
    text.parse().map_err(|e: jiff::Error| Error::BadTime(format!("{text}: {e}")))
}

fn opt_date(text: Option<String>) -> Result<Option<Date>, Error> {
    text.as_deref().map(date).transpose()
}

fn dossier_from(row: &AnyRow) -> Result<Dossier, Error> {
    let decision = match (row.get::<Option<String>, _>("outcome"), opt_date(row.get("decided_on"))?) {
        (Some(outcome), Some(on)) => Some(Decided {
            outcome: parse(&outcome)?,
            on,
            reasons: row.get::<Option<String>, _>("reasons").unwrap_or_default(),
        }),
        _ => None,
    };
    let nullity = match (opt_date(row.get("nullity_from"))?, row.get::<Option<String>, _>("nullity_learned")) {
        (Some(from), Some(learned)) => Some((from, parse(&learned)?)),
        _ => None,
    };
    let expert = match (row.get::<Option<String>, _>("expert"), opt_date(row.get("expert_invited"))?) {
        (Some(name), Some(invited)) => {
            Some(Expert { name, invited, cost: row.get::<Option<String>, _>("expert_cost").unwrap_or_default() })
        }
        _ => None,
    };
    Ok(Dossier {
        id: row.get("id"),
        system: row.get("system"),
        opened_at: row.get("opened_at"),
        opened_by: row.get("opened_by"),
        requested: date(row.get("requested"))?,
        employer_asked: crate::flag(row, "employer_asked").unwrap_or(false),
        register_version: row.get("register_version"),
        snapshot: serde_json::from_str(row.get("snapshot"))?,
        status: parse(row.get("status"))?,
        decision,
        nullity,
        expert,
    })
}

fn request_from(row: &AnyRow) -> Result<InformationRequest, Error> {
    let answer = match (row.get::<Option<String>, _>("answer"), opt_date(row.get("answered"))?) {
        (Some(text), Some(on)) => Some((text, on, row.get::<Option<String>, _>("answered_by").unwrap_or_default())),
        _ => None,
    };
    Ok(InformationRequest {
        id: row.get("id"),
        dossier: row.get("dossier"),
        question: row.get("question"),
        rule: row.get("rule"),
        asked: date(row.get("asked"))?,
        due: date(row.get("due"))?,
        asked_by: row.get("asked_by"),
        answer,
    })
}

/// The columns `dossier_from` reads.
macro_rules! dossier_columns {
    () => {
        "id, system, opened_at, opened_by, requested, employer_asked, register_version, snapshot, status, outcome, \
         decided_on, reasons, nullity_from, nullity_learned, expert, expert_invited, expert_cost"
    };
}

/// The columns `request_from` reads.
macro_rules! request_columns {
    () => {
        "id, dossier, question, rule, asked, due, asked_by, answer, answered, answered_by"
    };
}

impl Store {
    /// Opens a consent dossier for a system, with its checkpoints open.
    pub async fn open_dossier(&self, new: &NewDossier<'_>) -> Result<i64, Error> {
        let now = jiff::Timestamp::now().to_string();
        let mut tx = self.pool.begin().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO dossier (system, opened_at, opened_by, requested, employer_asked, register_version, \
             snapshot, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested') RETURNING id",
        )
        .bind(&new.system.id)
        .bind(&now)
        .bind(new.opened_by)
        .bind(new.requested.to_string())
        .bind(i64::from(new.employer_asked))
        .bind(new.register_version)
        .bind(serde_json::to_string(new.system)?)
        .fetch_one(&mut *tx)
        .await?;
        for c in Checkpoint::ALL {
            sqlx::query(
                "INSERT INTO dossier_checkpoint (dossier, checkpoint, verdict, notes, updated_at, updated_by) \
                 VALUES ($1, $2, 'open', '', $3, $4)",
            )
            .bind(id)
            .bind(c.as_str())
            .bind(&now)
            .bind(new.opened_by)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Every dossier, newest first, or one system's.
    pub async fn dossiers(&self, system: Option<&str>) -> Result<Vec<Dossier>, Error> {
        let sql =
            concat!("SELECT ", dossier_columns!(), " FROM dossier WHERE ($1 IS NULL OR system = $1) ORDER BY id DESC");
        let rows = sqlx::query(sql).bind(system).fetch_all(&self.pool).await?;
        rows.iter().map(dossier_from).collect()
    }

    /// One dossier.
    pub async fn dossier(&self, id: i64) -> Result<Option<Dossier>, Error> {
        let sql = concat!("SELECT ", dossier_columns!(), " FROM dossier WHERE id = $1");
        sqlx::query(sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(dossier_from).transpose()
    }

    /// The council's verdict and notes on one checkpoint. False if the dossier is decided.
    pub async fn set_checkpoint(
        &self,
        dossier: i64,
        checkpoint: Checkpoint,
        verdict: Verdict,
        notes: &str,
        by: &str,
    ) -> Result<bool, Error> {
        let changed = sqlx::query(
            "UPDATE dossier_checkpoint SET verdict = $1, notes = $2, updated_at = $3, updated_by = $4 \
             WHERE dossier = $5 AND checkpoint = $6 \
             AND (SELECT d.status FROM dossier d WHERE d.id = dossier_checkpoint.dossier) = 'requested'",
        )
        .bind(verdict.as_str())
        .bind(notes)
        .bind(jiff::Timestamp::now().to_string())
        .bind(by)
        .bind(dossier)
        .bind(checkpoint.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// The checkpoints of a dossier, in the order the article names them.
    pub async fn checkpoints(&self, dossier: i64) -> Result<Vec<CheckpointNote>, Error> {
        let rows = sqlx::query(
            "SELECT checkpoint, verdict, notes, updated_at, updated_by FROM dossier_checkpoint WHERE dossier = $1",
        )
        .bind(dossier)
        .fetch_all(&self.pool)
        .await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(CheckpointNote {
                    checkpoint: parse(r.get("checkpoint"))?,
                    verdict: parse(r.get("verdict"))?,
                    notes: r.get("notes"),
                    updated_at: r.get("updated_at"),
                    updated_by: r.get("updated_by"),
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        out.sort_by_key(|c| c.checkpoint);
        Ok(out)
    }

    /// Asks the employer a question (WOR 31).
    pub async fn ask(
        &self,
        dossier: i64,
        question: &str,
        rule: Option<&str>,
        asked: Date,
        due: Date,
        by: &str,
    ) -> Result<i64, Error> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO information_request (dossier, question, rule, asked, due, asked_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(dossier)
        .bind(question)
        .bind(rule)
        .bind(asked.to_string())
        .bind(due.to_string())
        .bind(by)
        .fetch_one(&self.pool).await?)
    }

    /// Answers an information request. False if it is answered already or does not exist.
    pub async fn answer_request(&self, id: i64, answer: &str, on: Date, by: &str) -> Result<bool, Error> {
        let changed = sqlx::query(
            "UPDATE information_request SET answer = $1, answered = $2, answered_by = $3 WHERE id = $4 AND answer IS NULL",
        )
        .bind(answer)
        .bind(on.to_string())
        .bind(by)
        .bind(id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// A dossier's information requests, oldest first; every dossier's with `None`.
    pub async fn information_requests(&self, dossier: Option<i64>) -> Result<Vec<InformationRequest>, Error> {
        let sql = concat!(
            "SELECT ",
            request_columns!(),
            " FROM information_request WHERE ($1 IS NULL OR dossier = $1) ORDER BY id"
        );
        let rows = sqlx::query(sql).bind(dossier).fetch_all(&self.pool).await?;
        rows.iter().map(request_from).collect()
    }

    /// One information request.
    pub async fn information_request(&self, id: i64) -> Result<Option<InformationRequest>, Error> {
        let sql = concat!("SELECT ", request_columns!(), " FROM information_request WHERE id = $1");
        sqlx::query(sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(request_from).transpose()
    }

    /// Records the council's decision with its conditions, in one transaction. False if the
    /// dossier is decided already or does not exist: a decision is final, a new request is a new
    /// dossier.
    pub async fn decide(&self, dossier: i64, decided: &Decided, conditions: &[ConditionText]) -> Result<bool, Error> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE dossier SET status = 'decided', outcome = $1, decided_on = $2, reasons = $3 \
             WHERE id = $4 AND status = 'requested'",
        )
        .bind(decided.outcome.as_str())
        .bind(decided.on.to_string())
        .bind(&decided.reasons)
        .bind(dossier)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Ok(false);
        }
        for (position, c) in conditions.iter().enumerate() {
            sqlx::query(
                "INSERT INTO dossier_condition (dossier, position, id, text_nl, text_en, expression) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(dossier)
            .bind(position as i64)
            .bind(&c.id)
            .bind(&c.nl)
            .bind(&c.en)
            .bind(&c.check)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The conditions of a decided dossier, in the order given.
    pub async fn conditions(&self, dossier: i64) -> Result<Vec<ConditionText>, Error> {
        let rows = sqlx::query(
            "SELECT id, text_nl, text_en, expression FROM dossier_condition WHERE dossier = $1 ORDER BY position",
        )
        .bind(dossier)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| ConditionText {
                id: r.get("id"),
                nl: r.get("text_nl"),
                en: r.get("text_en"),
                check: r.get("expression"),
            })
            .collect())
    }

    /// Sets the date the nullity month runs from (WOR 27(5)).
    pub async fn set_nullity(&self, dossier: i64, from: Date, learned: Learned) -> Result<bool, Error> {
        let changed = sqlx::query("UPDATE dossier SET nullity_from = $1, nullity_learned = $2 WHERE id = $3")
            .bind(from.to_string())
            .bind(learned.as_str())
            .bind(dossier)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(changed == 1)
    }

    /// Records the expert the council invited and the cost notice.
    pub async fn set_expert(&self, dossier: i64, expert: &Expert) -> Result<bool, Error> {
        let changed =
            sqlx::query("UPDATE dossier SET expert = $1, expert_invited = $2, expert_cost = $3 WHERE id = $4")
                .bind(&expert.name)
                .bind(expert.invited.to_string())
                .bind(&expert.cost)
                .bind(dossier)
                .execute(&self.pool)
                .await?
                .rows_affected();
        Ok(changed == 1)
    }

    /// Keeps the results of one round of condition checks, all or none.
    pub async fn record_checks(&self, checks: &[ConditionCheck]) -> Result<(), Error> {
        let mut tx = self.pool.begin().await?;
        for c in checks {
            sqlx::query(
                "INSERT INTO condition_check (dossier, condition, checked_at, as_of, register_version, state, evidence) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(c.dossier)
            .bind(&c.condition)
            .bind(&c.checked_at)
            .bind(c.as_of.to_string())
            .bind(c.register_version)
            .bind(&c.state)
            .bind(serde_json::to_string(&c.evidence)?)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The newest check of each condition of a dossier.
    pub async fn latest_checks(&self, dossier: i64) -> Result<Vec<ConditionCheck>, Error> {
        let rows = sqlx::query(
            "SELECT dossier, condition, checked_at, as_of, register_version, state, evidence FROM condition_check \
             WHERE id IN (SELECT MAX(id) FROM condition_check WHERE dossier = $1 GROUP BY condition) ORDER BY id",
        )
        .bind(dossier)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ConditionCheck {
                    dossier: r.get("dossier"),
                    condition: r.get("condition"),
                    checked_at: r.get("checked_at"),
                    as_of: date(r.get("as_of"))?,
                    register_version: r.get("register_version"),
                    state: r.get("state"),
                    evidence: serde_json::from_str(r.get("evidence"))?,
                })
            })
            .collect()
    }

    /// Each condition's states in the order they were checked, up to `until` (RFC 3339 text):
    /// `(dossier, condition, checked_at, state)`. A condition broken or restored is a change of
    /// state between two checks.
    pub async fn condition_states(&self, until: &str) -> Result<Vec<(i64, String, String, String)>, Error> {
        let rows = sqlx::query(
            "SELECT dossier, condition, checked_at, state FROM condition_check WHERE checked_at < $1 ORDER BY dossier, condition, id",
        )
        .bind(until)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| (r.get("dossier"), r.get("condition"), r.get("checked_at"), r.get("state"))).collect())
    }

    /// Reads of personal data from `from` up to `until` (RFC 3339 text, compared as text), by the
    /// reader's role; `without_contest` counts reads of a worker who had not contested a decision
    /// before the read. The entries about accounts — one made for a worker (`account …`) and the
    /// people page's name beside a pseudonym (`people …`) — are in the worker's log but are no
    /// read of their data, so the conditions do not count them.
    pub async fn reads_between(&self, from: &str, until: &str) -> Result<Vec<Reads>, Error> {
        let rows = sqlx::query(
            "SELECT actor_role, COUNT(*) AS reads, \
             CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM contest c WHERE c.worker = access_log.worker \
                  AND c.opened_at <= access_log.time) THEN 0 ELSE 1 END), 0) AS BIGINT) AS without_contest \
             FROM access_log WHERE time >= $1 AND time < $2 \
             AND what NOT LIKE 'account %' AND what NOT LIKE 'people %' \
             GROUP BY actor_role ORDER BY actor_role",
        )
        .bind(from)
        .bind(until)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| Reads {
                role: r.get("actor_role"),
                reads: r.get("reads"),
                without_contest: r.get("without_contest"),
            })
            .collect())
    }
}
