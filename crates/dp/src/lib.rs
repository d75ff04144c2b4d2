//! Differential privacy for inzage: integer counts and clamped integer sums released with
//! discrete Laplace noise under pure ε-differential privacy, through [OpenDP] 0.16.
//!
//! A works council or an inspector may see how many workers, or how many events, share a
//! property, but no answer may reveal any one worker. A [`release`] adds noise drawn from the
//! discrete Laplace distribution (the two-sided geometric distribution over the integers) with
//! scale `sensitivity / ε`, where the sensitivity is how far one worker can move the true value:
//!
//! - a count in which each worker contributes at most one row: sensitivity 1;
//! - a sum of per-worker values each clamped to `[0, c]` before summing: sensitivity `c` (one worker
//!   added or removed moves the sum by at most `c`; clamp to `[lo, hi]` and it is
//!   `max(|lo|, |hi|)`). The clamping is the caller's: this crate sees only the true value.
//!
//! The ε a release spends is not computed here: it is what the OpenDP measurement's privacy map
//! gives for the sensitivity ([`Plan::epsilon`]), so a mistake in scale or sensitivity cannot
//! silently understate the cost. Budgets are kept by the store's ledger (one per dataset and
//! audience, with cached releases, so asking again returns the same noisy answer); [`split`]
//! divides one over several queries by basic composition.
//!
//! The noise is integer-valued and sampled exactly (OpenDP uses exact rational arithmetic, not
//! `f64`, so it does not leak through floating-point low bits as a textbook `f64` Laplace does).
//! A noisy count can be below zero or above the true population; it is returned as drawn
//! (rounding or clamping it afterwards is free post-processing, but would bias the mean).
//!
//! Two caveats for whoever relies on this:
//!
//! - **OpenDP's `contrib` code is not yet vetted by the OpenDP team.** In 0.16 every
//!   measurement, `make_laplace` included, is behind the `contrib` feature: in OpenDP's words,
//!   functions whose proofs of correctness have not completed the vetting process.
//! - **Randomness comes from OpenSSL's CSPRNG** (`RAND_priv_bytes`, with the `use-openssl`
//!   feature, linked to the system's libssl). Releases cannot be seeded or replayed; the tests
//!   are therefore statistical, each with a tolerance stated and derived beside it.
//!
//! [OpenDP]: https://opendp.org

use opendp::core::Measurement;
use opendp::domains::{AtomDomain, VectorDomain};
use opendp::measurements::make_laplace;
use opendp::measures::MaxDivergence;
use opendp::metrics::{AbsoluteDistance, L1Distance};
use serde::{Deserialize, Serialize};

/// One integer released with discrete Laplace noise.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Noisy {
    /// The true value plus noise.
    pub value: i64,
    /// The ε this release spent, from the measurement's privacy map.
    pub epsilon: f64,
    /// The noise's scale `b` (the discrete Laplace's probability of `x` is proportional to
    /// `e^(-|x|/b)`).
    pub scale: f64,
    /// `value ± k`, with `k` the smallest integer for which the noise exceeds `k` in absolute value
    /// with probability at most 5 %: the interval holds the true value at least 95 % of the time.
    pub ci95: (i64, i64),
}

/// What went wrong; the messages say what to change.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("ε must be a finite number above 0, not {0}")]
    BadEpsilon(f64),
    #[error(
        "the sensitivity must be at least 1: it is how far one worker can move the true value, and a \
         query no worker can change needs no noise"
    )]
    ZeroSensitivity,
    #[error("a privacy budget cannot be split over 0 queries")]
    NoQueries,
    #[error("a privacy budget of ε = {total} split over {queries} queries leaves less than ε = 0.000001 each")]
    BudgetTooSmall { total: f64, queries: usize },
    #[error("OpenDP refused: {0}")]
    OpenDp(String),
}

impl From<opendp::error::Error> for Error {
    fn from(e: opendp::error::Error) -> Error {
        // OpenDP's Display shows only the variant; its message is what says why.
        Error::OpenDp(match e.message {
            Some(message) => format!("{}: {message}", e.variant),
            None => e.variant.to_string(),
        })
    }
}

/// A release planned but not yet drawn: the noise scale, and the ε the privacy map charges for
/// it. The ledger checks [`Plan::epsilon`] against the budget before [`Plan::release`] draws.
///
/// It holds plain numbers (OpenDP's measurements are neither `Send` nor `Sync`), and the
/// measurement is built again for each release.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    sensitivity: u64,
    scale: f64,
    epsilon: f64,
}

type Laplace = Measurement<AtomDomain<i64>, AbsoluteDistance<u64>, MaxDivergence, i64>;
type VectorLaplace = Measurement<VectorDomain<AtomDomain<i64>>, L1Distance<u64>, MaxDivergence, Vec<i64>>;

fn vector_laplace(scale: f64) -> Result<VectorLaplace, Error> {
    Ok(make_laplace(VectorDomain::new(AtomDomain::<i64>::default()), L1Distance::<u64>::default(), scale, None)?)
}

fn laplace(scale: f64) -> Result<Laplace, Error> {
    Ok(make_laplace(AtomDomain::<i64>::default(), AbsoluteDistance::<u64>::default(), scale, None)?)
}

/// Plans a release of a value that one worker can move by at most `sensitivity`, at privacy
/// loss `epsilon`: scale `sensitivity / epsilon`. Where that division rounds the scale down, so
/// that the privacy map would charge a hair more than `epsilon`, the scale is raised by one unit
/// in the last place until it does not: the plan never spends more than was asked.
pub fn plan(sensitivity: u64, epsilon: f64) -> Result<Plan, Error> {
    if !epsilon.is_finite() || epsilon <= 0.0 {
        return Err(Error::BadEpsilon(epsilon));
    }
    if sensitivity == 0 {
        return Err(Error::ZeroSensitivity);
    }
    let mut scale = sensitivity as f64 / epsilon;
    if !scale.is_finite() || scale <= 0.0 {
        return Err(Error::BadEpsilon(epsilon));
    }
    loop {
        let spent = laplace(scale)?.map(&sensitivity)?;
        if spent <= epsilon {
            return Ok(Plan { sensitivity, scale, epsilon: spent });
        }
        scale = scale.next_up();
    }
}

/// Releases `true_value` with discrete Laplace noise of scale `sensitivity / epsilon`: pure
/// ε-differential privacy for a value that one worker can move by at most `sensitivity`.
/// The same as `plan(sensitivity, epsilon)?.release(true_value)`.
pub fn release(true_value: i64, sensitivity: u64, epsilon: f64) -> Result<Noisy, Error> {
    plan(sensitivity, epsilon)?.release(true_value)
}

impl Plan {
    /// The ε a release spends, as the OpenDP measurement's privacy map gives it for the
    /// sensitivity; at most the ε asked for.
    pub fn epsilon(&self) -> f64 {
        self.epsilon
    }

    /// The discrete Laplace noise's scale.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    pub fn sensitivity(&self) -> u64 {
        self.sensitivity
    }

    /// `k` of the 95 % interval `value ± k` (see [`Noisy::ci95`]), known before anything is
    /// drawn, to show what accuracy a budget buys.
    pub fn ci95_half_width(&self) -> u64 {
        ci95_half_width(self.scale)
    }

    /// Releases a whole vector at once — a table's cells, say — when one worker can move the
    /// cells by at most `sensitivity` *in total* (the L1 distance: the sum over cells of how far
    /// each moves). Each cell gets noise of this plan's scale, and the whole vector spends the
    /// plan's ε once: the ε of every returned [`Noisy`] is that of the vector, from the vector
    /// measurement's own privacy map, not an ε per cell.
    pub fn release_vector(&self, true_values: &[i64]) -> Result<Vec<Noisy>, Error> {
        let measurement = vector_laplace(self.scale)?;
        let epsilon = measurement.map(&self.sensitivity)?;
        if epsilon > self.epsilon {
            return Err(Error::OpenDp(format!(
                "the vector's privacy map charges ε = {epsilon}, more than the plan's ε = {}",
                self.epsilon
            )));
        }
        let values = measurement.invoke(&true_values.to_vec())?;
        let k = i64::try_from(self.ci95_half_width()).unwrap_or(i64::MAX);
        Ok(values
            .into_iter()
            .map(|value| Noisy {
                value,
                epsilon,
                scale: self.scale,
                ci95: (value.saturating_sub(k), value.saturating_add(k)),
            })
            .collect())
    }

    /// Draws the noise and releases `true_value`. Each call draws afresh: releasing the same value
    /// twice spends the ε twice, so keep and reuse the answer (the store's ledger does).
    pub fn release(&self, true_value: i64) -> Result<Noisy, Error> {
        let measurement = laplace(self.scale)?;
        let epsilon = measurement.map(&self.sensitivity)?;
        let value = measurement.invoke(&true_value)?;
        let k = i64::try_from(self.ci95_half_width()).unwrap_or(i64::MAX);
        Ok(Noisy { value, epsilon, scale: self.scale, ci95: (value.saturating_sub(k), value.saturating_add(k)) })
    }
}

/// The smallest `k ≥ 0` with `P(|Z| > k) ≤ 0.05` for `Z` discrete Laplace with scale `b`.
///
/// With `q = e^(-1/b)`, `P(Z = x) = (1 - q)/(1 + q) · q^|x|`, so for `k ≥ 1`
/// `P(Z ≥ k) = (1 - q)/(1 + q) · q^k / (1 - q) = q^k / (1 + q)` and
/// `P(|Z| ≥ k) = 2 q^k / (1 + q)`; hence `P(|Z| > k) = P(|Z| ≥ k + 1) = 2 q^(k+1) / (1 + q)`,
/// which is at most 0.05 when `k + 1 ≥ b · ln(40 / (1 + q))`. The closed form is then checked
/// against the tail itself, one step either way, against rounding.
fn ci95_half_width(b: f64) -> u64 {
    let q = (-1.0 / b).exp();
    let tail = |k: u64| 2.0 * (-((k + 1) as f64) / b).exp() / (1.0 + q);
    // `as` saturates: an absurd scale gives u64::MAX, not a wrapped number.
    let mut k = ((b * (40.0 / (1.0 + q)).ln()).ceil() - 1.0).max(0.0) as u64;
    if k >= 1 << 53 {
        // Past f64's integers a step of one changes nothing.
        return k;
    }
    while k > 0 && tail(k - 1) <= 0.05 {
        k -= 1;
    }
    while tail(k) > 0.05 {
        k += 1;
    }
    k
}

/// Splits a budget `total` evenly over `queries` queries by basic composition: the ε of
/// sequentially released queries add up, so `queries` releases of ε each cost `queries × ε`.
/// (Advanced composition or zCDP would give more per query for many queries at the price of a
/// δ; pure ε keeps the ledger a sum.)
///
/// The share is rounded down to a whole millionth, the store ledger's unit, so that `queries`
/// shares never add up to more than `total` once the ledger has rounded each spend up.
pub fn split(total: f64, queries: usize) -> Result<f64, Error> {
    if !total.is_finite() || total <= 0.0 {
        return Err(Error::BadEpsilon(total));
    }
    if queries == 0 {
        return Err(Error::NoQueries);
    }
    // The tiny addition keeps a decimal total such as 0.3 (0.29999999999999998… in binary) at
    // its whole millionths; it can raise the total by at most 10⁻¹², far below one millionth.
    let micro = ((total * 1e6 + 1e-6).floor() / queries as f64).floor();
    if micro < 1.0 {
        return Err(Error::BudgetTooSmall { total, queries });
    }
    Ok(micro / 1e6)
}
