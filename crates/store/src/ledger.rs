//! The privacy-budget ledger (migration 0004): how much ε each audience has spent on a dataset,
//! and every noisy answer it was given.
//!
//! Differentially private answers each leak a little; the leaks add up (basic composition), so
//! each (dataset, audience) pair has a total ε, fixed when it is first used, and every release
//! spends part of it. A release is kept with its query key: asking the same query again returns
//! the stored answer at no cost, because drawing fresh noise each time would let repeated
//! questions average the noise away.
//!
//! Amounts are stored as integer millionths of ε (micro-units): a total is rounded down, a spend
//! up, so rounding never gives away budget. (Before rounding up, an excess of at most 10⁻¹² ε
//! over a whole micro-unit is dropped: that is the size of `f64`'s error on a decimal such as
//! 0.3, not privacy loss.)
//!
//! Nothing here is personal data: the results are noisy aggregates, computed and noised before
//! they reach the store, and nothing is logged.

use std::fmt;

use sqlx::Row;

use crate::{Error, Store};

/// Millionths of ε per ε.
const MICRO: f64 = 1e6;
/// What `f64` rounding may add to a decimal ε, in micro-units; ignored when rounding.
const SLACK: f64 = 1e-6;
/// Beyond this an ε protects nothing, and its micro-units would crowd an `i64`.
const MAX_EPSILON: f64 = 1e6;

/// Who a release is for. Each audience has a budget of its own for each dataset: what the works
/// council has learnt does not use up the inspector's budget, and the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Audience {
    Council,
    Inspector,
    Admin,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Council, Audience::Inspector, Audience::Admin];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Council => "council",
            Audience::Inspector => "inspector",
            Audience::Admin => "admin",
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One question to answer under the ledger.
#[derive(Clone, Copy, Debug)]
pub struct PrivacyRequest<'a> {
    /// The data the answer is about, as a key the caller chooses (for instance the register
    /// version and the events file): a new dataset starts a new budget.
    pub dataset: &'a str,
    pub audience: Audience,
    /// The query with every parameter that changes its answer (what is counted, the grouping,
    /// the clamping bounds, the ε). The same key returns the same stored answer.
    pub query_key: &'a str,
    /// The budget's total ε, used when this dataset and audience are first used; after that the
    /// stored total holds (see [`Budget`]).
    pub total_epsilon: f64,
    /// What the release spends: the ε the measurement's privacy map gives (`dp::Plan::epsilon`).
    pub cost_epsilon: f64,
    /// The noise scale (`dp::Plan::scale`), kept with the release.
    pub scale: f64,
    /// The account asking, kept with the release.
    pub by: &'a str,
}

/// A budget's state, in micro-units of ε.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub total_micro: i64,
    pub spent_micro: i64,
    /// How many answers have been released under it.
    pub releases: i64,
}

impl Budget {
    pub fn total(&self) -> f64 {
        self.total_micro as f64 / MICRO
    }

    pub fn spent(&self) -> f64 {
        self.spent_micro as f64 / MICRO
    }

    pub fn left(&self) -> f64 {
        (self.total_micro - self.spent_micro) as f64 / MICRO
    }
}

/// An answer from the ledger.
#[derive(Clone, Debug, PartialEq)]
pub struct Released {
    pub id: i64,
    /// The noisy result, JSON, exactly as stored when first released.
    pub result: String,
    /// Whether this is an earlier release returned again, at no cost.
    pub cached: bool,
    /// What the release cost when it was made, in micro-units of ε.
    pub epsilon_micro: i64,
    pub scale: f64,
    /// When it was first released (RFC 3339).
    pub created_at: String,
    /// The budget after this call.
    pub budget: Budget,
}

/// Why the ledger did not answer. In every case nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError<E> {
    #[error(
        "not enough privacy budget left: this query costs ε = {cost}, and the {audience} has ε = {left} left of \
         its total ε = {total} for dataset `{dataset}` (spent: ε = {spent}). Nothing was released. The budget is \
         per dataset and audience: a new dataset (a new import) has its own."
    )]
    BudgetSpent { dataset: String, audience: Audience, cost: f64, spent: f64, left: f64, total: f64 },
    #[error("{what} must be a finite number of at least 0.000001 and at most 1,000,000, not {value}")]
    BadEpsilon { what: &'static str, value: f64 },
    #[error("the noise scale must be a finite number above 0, not {0}")]
    BadScale(f64),
    #[error("the release could not be computed: {0}")]
    Compute(#[source] E),
    #[error(transparent)]
    Store(#[from] Error),
}

impl<E> From<sqlx::Error> for ReleaseError<E> {
    fn from(e: sqlx::Error) -> Self {
        ReleaseError::Store(Error::Sql(e))
    }
}

/// ε in micro-units, rounded up (a spend): at least one.
fn micro_up(epsilon: f64) -> i64 {
    ((epsilon * MICRO - SLACK).ceil() as i64).max(1)
}

/// ε in micro-units, rounded down (a total).
fn micro_down(epsilon: f64) -> i64 {
    (epsilon * MICRO + SLACK).floor() as i64
}

fn checked<E>(what: &'static str, value: f64) -> Result<f64, ReleaseError<E>> {
    if value.is_finite() && value > 0.0 && value <= MAX_EPSILON && micro_down(value) >= 1 {
        Ok(value)
    } else {
        Err(ReleaseError::BadEpsilon { what, value })
    }
}

impl Store {
    /// Answers a differentially private query under the budget of `request.dataset` and
    /// `request.audience`, all in one `BEGIN IMMEDIATE` transaction (so two releases cannot both
    /// spend the same remainder):
    ///
    /// 1. a query key released before is returned as stored, at no cost, even once the budget
    ///    is spent;
    /// 2. otherwise the budget is created with `total_epsilon` if it is new, and a cost that
    ///    would take the spending past the total is refused with [`ReleaseError::BudgetSpent`];
    /// 3. otherwise `compute` draws the answer (JSON), and the release and its cost are stored.
    ///
    /// `compute` runs while the database's write lock is held: compute the true value before,
    /// and let `compute` only add the noise. If it fails, nothing is written and nothing spent
    /// (its answer was never shown, so nothing leaked).
    pub async fn privacy_release<E>(
        &self,
        request: &PrivacyRequest<'_>,
        compute: impl FnOnce() -> Result<String, E>,
    ) -> Result<Released, ReleaseError<E>> {
        let total_micro = micro_down(checked("the total ε", request.total_epsilon)?);
        let cost_micro = micro_up(checked("the ε of a release", request.cost_epsilon)?);
        if !request.scale.is_finite() || request.scale <= 0.0 {
            return Err(ReleaseError::BadScale(request.scale));
        }
        let (dataset, audience) = (request.dataset, request.audience.as_str());

        let mut tx = self.begin_write(crate::Lock::PrivacyBudget).await?;
        let earlier = sqlx::query(
            "SELECT id, result, epsilon_micro, scale, created_at FROM privacy_release \
             WHERE dataset = $1 AND audience = $2 AND query_key = $3",
        )
        .bind(dataset)
        .bind(audience)
        .bind(request.query_key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = earlier {
            let budget = budget_of(&mut tx, dataset, audience)
                .await?
                .ok_or_else(|| Error::BadValue(format!("a release of dataset `{dataset}` has no budget")))?;
            tx.commit().await?;
            return Ok(Released {
                id: row.get("id"),
                result: row.get("result"),
                cached: true,
                epsilon_micro: row.get("epsilon_micro"),
                scale: row.get("scale"),
                created_at: row.get("created_at"),
                budget,
            });
        }

        let now = jiff::Timestamp::now().to_string();
        sqlx::query(
            "INSERT INTO privacy_budget (dataset, audience, total_micro, spent_micro, created_at) \
             VALUES ($1, $2, $3, 0, $4) ON CONFLICT (dataset, audience) DO NOTHING",
        )
        .bind(dataset)
        .bind(audience)
        .bind(total_micro)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let budget = budget_of(&mut tx, dataset, audience)
            .await?
            .ok_or_else(|| Error::BadValue(format!("the budget of dataset `{dataset}` was not created")))?;
        if budget.spent_micro + cost_micro > budget.total_micro {
            // Dropping the transaction rolls it back, a budget created above included.
            return Err(ReleaseError::BudgetSpent {
                dataset: dataset.to_owned(),
                audience: request.audience,
                cost: cost_micro as f64 / MICRO,
                spent: budget.spent(),
                left: budget.left(),
                total: budget.total(),
            });
        }

        let result = compute().map_err(ReleaseError::Compute)?;
        serde_json::from_str::<serde::de::IgnoredAny>(&result).map_err(Error::Encode)?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO privacy_release (dataset, audience, query_key, epsilon_micro, scale, result, created_at, \
             by_account) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(dataset)
        .bind(audience)
        .bind(request.query_key)
        .bind(cost_micro)
        .bind(request.scale)
        .bind(&result)
        .bind(&now)
        .bind(request.by)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE privacy_budget SET spent_micro = spent_micro + $1 WHERE dataset = $2 AND audience = $3")
            .bind(cost_micro)
            .bind(dataset)
            .bind(audience)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Released {
            id,
            result,
            cached: false,
            epsilon_micro: cost_micro,
            scale: request.scale,
            created_at: now,
            budget: Budget { spent_micro: budget.spent_micro + cost_micro, releases: budget.releases + 1, ..budget },
        })
    }

    /// The budget of a dataset and audience, for display; `None` before its first release.
    /// The answer released before for `query_key`, if there is one: showing it again costs
    /// nothing and spends nothing.
    pub async fn privacy_cached(
        &self,
        dataset: &str,
        audience: Audience,
        query_key: &str,
    ) -> Result<Option<String>, Error> {
        Ok(sqlx::query_scalar(
            "SELECT result FROM privacy_release WHERE dataset = $1 AND audience = $2 AND query_key = $3",
        )
        .bind(dataset)
        .bind(audience.as_str())
        .bind(query_key)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn privacy_budget(&self, dataset: &str, audience: Audience) -> Result<Option<Budget>, Error> {
        let mut conn = self.pool.acquire().await?;
        budget_of(&mut conn, dataset, audience.as_str()).await
    }
}

async fn budget_of(conn: &mut sqlx::AnyConnection, dataset: &str, audience: &str) -> Result<Option<Budget>, Error> {
    let row = sqlx::query(
        "SELECT total_micro, spent_micro, \
                (SELECT COUNT(*) FROM privacy_release r WHERE r.dataset = b.dataset AND r.audience = b.audience) \
                AS releases \
         FROM privacy_budget b WHERE dataset = $1 AND audience = $2",
    )
    .bind(dataset)
    .bind(audience)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Budget {
        total_micro: r.get("total_micro"),
        spent_micro: r.get("spent_micro"),
        releases: r.get("releases"),
    }))
}
