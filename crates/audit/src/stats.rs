//! The small statistics the audit reports: Fisher's exact test, Wilson and Newcombe intervals,
//! Pearson's r and the median.
//!
//! Each function follows a published definition, cited on the function, so that an expert can
//! recompute every number of `inzage audit` by hand or with R (see `docs/audit-definitions.md`:
//! `groups[].rows[].p_value`, `breaks.break_penalty.ci95_pp`, `reliability.split_half_r` and the
//! medians of `norms` and `review`).

use statrs::function::factorial::ln_factorial;

/// The two-sided 95 % standard normal quantile, z₀.₉₇₅ = Φ⁻¹(0.975) (Abramowitz & Stegun,
/// *Handbook of Mathematical Functions*, table 26.5: 1.959963985), as R's `qnorm(0.975)` prints it
/// to 16 digits.
pub const Z95: f64 = 1.959963984540054;

/// Relative tolerance R's `fisher.test` allows when it compares a table's probability with the
/// observed one (`relErr <- 1 + 10^(-7)`), so that tables of mathematically equal probability are
/// not split by rounding.
const FISHER_REL_ERR: f64 = 1e-7;

/// Two-sided p-value of Fisher's exact test for the 2×2 table `[[a, b], [c, d]]`.
///
/// Definition: Fisher, R. A. (1935), "The logic of inductive inference", *Journal of the Royal
/// Statistical Society* 98:39–82, and Fisher, *The Design of Experiments* (1935), §2 (the
/// lady tasting tea); Agresti, *Categorical Data Analysis* (3rd ed., 2013), §3.5.1. With the
/// margins fixed, the top-left cell `x` follows the hypergeometric distribution
///
/// ```text
/// P(x) = C(a+b, x) · C(c+d, a+c−x) / C(n, a+c),   max(0, (a+c)−(c+d)) ≤ x ≤ min(a+b, a+c)
/// ```
///
/// and the two-sided p-value is the sum of `P(x)` over every `x` with `P(x) ≤ P(a) · (1 + 10⁻⁷)`:
/// the "probability of tables at most as likely as the observed one" rule, with the relative
/// tolerance of R's `fisher.test` (which this matches for 2×2 tables with the default
/// `alternative = "two.sided"`).
///
/// The probabilities are computed in log space from ln-factorials and normalised by their sum
/// (as R does), so the result stays accurate when `n = a+b+c+d` is in the hundreds of thousands;
/// the cost is one pass over the support of `x` (at most `min(a+b, a+c) + 1` values).
///
/// A table with an empty row or column has only one table with its margins, so its p-value is 1.
#[must_use]
pub fn fisher_exact_two_sided(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let row1 = a + b;
    let row2 = c + d;
    let col1 = a + c;
    let col2 = b + d;
    if row1 == 0 || row2 == 0 || col1 == 0 || col2 == 0 {
        return 1.0;
    }
    let lo = col1.saturating_sub(row2);
    let hi = col1.min(row1);

    // ln P(x) up to a constant (the terms that do not depend on x cancel in the normalisation):
    // ln C(row1, x) + ln C(row2, col1 − x) = −ln x! − ln (row1−x)! − ln (col1−x)! − ln (row2−col1+x)! + const.
    // `row2 - (col1 - x)` cannot underflow because x ≥ lo = col1 − row2.
    let ln_weight = |x: u64| -> f64 {
        -(ln_factorial(x) + ln_factorial(row1 - x) + ln_factorial(col1 - x) + ln_factorial(row2 - (col1 - x)))
    };

    // Scale by the weight at the mode, floor((row1+1)(col1+1)/(n+2)), the largest of all, so that
    // no exponential overflows and the largest term is 1.
    let n = u128::from(row1) + u128::from(row2);
    let mode = (u128::from(row1) + 1) * (u128::from(col1) + 1) / (n + 2);
    let mode = u64::try_from(mode).unwrap_or(hi).clamp(lo, hi);
    let ln_max = ln_weight(mode);

    let ln_observed = ln_weight(a);
    let threshold = ln_observed + FISHER_REL_ERR.ln_1p();

    let mut total = 0.0_f64;
    let mut at_most_observed = 0.0_f64;
    for x in lo..=hi {
        let ln_w = ln_weight(x);
        let w = (ln_w - ln_max).exp();
        total += w;
        if ln_w <= threshold {
            at_most_observed += w;
        }
    }
    (at_most_observed / total).min(1.0)
}

/// Wilson score interval for a binomial proportion `x / n`, without continuity correction.
///
/// Definition: Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical
/// inference", *Journal of the American Statistical Association* 22:209–212; method 3 of
/// Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion: comparison
/// of seven methods", *Statistics in Medicine* 17:857–872. With `p = x/n`:
///
/// ```text
/// (x + z²/2 ± z·√(n·p·(1−p) + z²/4)) / (n + z²)
/// ```
///
/// The lower limit is exactly 0 when `x = 0` and the upper limit exactly 1 when `x = n`.
/// For `n = 0` there is no information and the whole range `(0, 1)` is returned; `x` above `n`
/// is treated as `n`.
#[must_use]
pub fn wilson_interval(x: u64, n: u64, z: f64) -> (f64, f64) {
    debug_assert!(x <= n, "wilson_interval: x = {x} exceeds n = {n}");
    if n == 0 {
        return (0.0, 1.0);
    }
    let x = x.min(n);
    let nf = n as f64;
    let xf = x as f64;
    let p = xf / nf;
    let z2 = z * z;
    let denom = nf + z2;
    let centre = (xf + z2 / 2.0) / denom;
    let half = z * (nf * p * (1.0 - p) + z2 / 4.0).sqrt() / denom;
    let lower = if x == 0 { 0.0 } else { (centre - half).max(0.0) };
    let upper = if x == n { 1.0 } else { (centre + half).min(1.0) };
    (lower, upper)
}

/// Newcombe's hybrid score interval for the difference of two independent proportions
/// `p1 − p2 = x1/n1 − x2/n2`.
///
/// Definition: method 10 of Newcombe, R. G. (1998), "Interval estimation for the difference
/// between independent proportions: comparison of eleven methods", *Statistics in Medicine*
/// 17:873–890 (the "square-and-add" combination of the two Wilson score intervals without
/// continuity correction). With `(l1, u1)` and `(l2, u2)` the Wilson intervals of
/// [`wilson_interval`] at the same `z`, and `d = p1 − p2`:
///
/// ```text
/// lower = d − √((p1 − l1)² + (u2 − p2)²)
/// upper = d + √((u1 − p1)² + (p2 − l2)²)
/// ```
///
/// The limits lie in `[−1, 1]` by construction; they are clamped there against rounding.
///
/// Precondition: `n1 > 0` and `n2 > 0` (debug builds panic otherwise; release builds return NaN
/// limits, since a proportion of nothing is undefined).
#[must_use]
pub fn newcombe_difference(x1: u64, n1: u64, x2: u64, n2: u64, z: f64) -> (f64, f64) {
    debug_assert!(n1 > 0 && n2 > 0, "newcombe_difference: both groups must be non-empty");
    if n1 == 0 || n2 == 0 {
        return (f64::NAN, f64::NAN);
    }
    let (l1, u1) = wilson_interval(x1, n1, z);
    let (l2, u2) = wilson_interval(x2, n2, z);
    let p1 = x1.min(n1) as f64 / n1 as f64;
    let p2 = x2.min(n2) as f64 / n2 as f64;
    let d = p1 - p2;
    let lower = d - (p1 - l1).hypot(u2 - p2);
    let upper = d + (u1 - p1).hypot(p2 - l2);
    (lower.clamp(-1.0, 1.0), upper.clamp(-1.0, 1.0))
}

/// Pearson's product-moment correlation coefficient of the pairs `(xs[i], ys[i])`.
///
/// Definition: Pearson, K. (1895), "Notes on regression and inheritance in the case of two
/// parents", *Proceedings of the Royal Society of London* 58:240–242:
///
/// ```text
/// r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² · Σ (y − ȳ)²)
/// ```
///
/// computed with the two-pass (centred) sums. Returns `None` when the slices differ in length,
/// hold fewer than 2 pairs, either variable is constant (zero variance: r is undefined), or a
/// value is not finite. The result is clamped to `[−1, 1]` against rounding.
#[must_use]
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() != ys.len() || xs.len() < 2 {
        return None;
    }
    if xs.iter().chain(ys).any(|v| !v.is_finite()) {
        return None;
    }
    // Exactly constant data: test it directly, because the computed mean of equal values can
    // differ from them by rounding and would leave tiny, meaningless deviations.
    let constant = |v: &[f64]| v.iter().all(|&e| e == v[0]);
    if constant(xs) || constant(ys) {
        return None;
    }
    let n = xs.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0_f64, 0.0_f64, 0.0_f64);
    for (&x, &y) in xs.iter().zip(ys) {
        let dx = x - mean_x;
        let dy = y - mean_y;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if !(sxx > 0.0 && syy > 0.0) {
        return None;
    }
    let r = sxy / (sxx.sqrt() * syy.sqrt());
    if r.is_finite() { Some(r.clamp(-1.0, 1.0)) } else { None }
}

/// The median of `values`, which are sorted in place (ascending, by [`f64::total_cmp`]).
///
/// Definition: the middle order statistic for an odd count, and for an even count the mean of
/// the two middle order statistics (the usual sample median; Hyndman & Fan (1996), "Sample
/// quantiles in statistical packages", *The American Statistician* 50:361–365, type 7 at p = ½,
/// which is R's default `median`). `None` when `values` is empty. Under `total_cmp` a NaN
/// sorts after every number (or before, if its sign bit is set), so NaNs count as extremes
/// rather than poisoning the comparison.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        return Some(values[mid]);
    }
    let (lo, hi) = (values[mid - 1], values[mid]);
    let mean = (lo + hi) / 2.0;
    if mean.is_infinite() && lo.is_finite() && hi.is_finite() {
        // lo + hi overflowed: halve first.
        Some(lo / 2.0 + hi / 2.0)
    } else {
        Some(mean)
    }
}

/// The quantile of `sorted` (ascending) at `p` in [0, 1], R's default (Hyndman & Fan type 7):
/// `h = (n − 1) p`, the value at `⌊h⌋` plus `(h − ⌊h⌋)` of the step to the next. `None` when
/// empty.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Welch's unequal-variances t-test of the means of `a` and `b`: `(t, df, p)`, two-sided.
///
/// Definition: Welch, B. L. (1947), "The generalization of 'Student's' problem when several
/// different population variances are involved", *Biometrika* 34:28–35. With sample means
/// `m`, sample variances `s²` (divisor `n − 1`) and sizes `n`:
/// `t = (m_a − m_b) / √(s_a²/n_a + s_b²/n_b)`, and the Welch–Satterthwaite degrees of freedom
/// `df = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))`;
/// `p = 2 · P(T_df ≥ |t|)`. This is R's `t.test(a, b)` (its default, `var.equal = FALSE`).
/// `None` with fewer than two values on a side, or when both sides have no spread (no test).
pub fn welch_t_test(a: &[f64], b: &[f64]) -> Option<(f64, f64, f64)> {
    use statrs::distribution::{ContinuousCDF, StudentsT};
    let (na, nb) = (a.len() as f64, b.len() as f64);
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
    let var = |x: &[f64], m: f64| x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0);
    let (ma, mb) = (mean(a), mean(b));
    let (va, vb) = (var(a, ma) / na, var(b, mb) / nb);
    let se2 = va + vb;
    if se2 <= 0.0 || !se2.is_finite() {
        return None;
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2 * se2 / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = (2.0 * (1.0 - dist.cdf(t.abs()))).clamp(0.0, 1.0);
    Some((t, df, p))
}

/// The Mann–Whitney U test (Wilcoxon rank-sum) of `a` against `b`: `(U, p)`, two-sided, with
/// the normal approximation, the tie correction and a continuity correction of ½.
///
/// Definition: Mann, H. B. & Whitney, D. R. (1947), "On a test of whether one of two random
/// variables is stochastically larger than the other", *Annals of Mathematical Statistics*
/// 18:50–60; the tie-corrected variance as in Hollander, Wolfe & Chicken, *Nonparametric
/// Statistical Methods* (3rd ed., 2014), §4.1. With mid-ranks over both samples together, `R_a`
/// the sum of `a`'s ranks, `U = R_a − n_a(n_a + 1)/2` (`a`'s U, as R's `wilcox.test` reports
/// `W`), `μ = n_a n_b / 2`, `σ² = n_a n_b / 12 · ((N + 1) − Σ(t³ − t) / (N(N − 1)))` over the
/// tie groups `t`, `z = (|U − μ| − ½) / σ`, `p = 2 (1 − Φ(z))`. This is R's
/// `wilcox.test(a, b, exact = FALSE, correct = TRUE)`. `None` when a side is empty or every
/// value is equal.
pub fn mann_whitney_u(a: &[f64], b: &[f64]) -> Option<(f64, f64)> {
    use statrs::distribution::{ContinuousCDF, Normal};
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let mut all: Vec<(f64, bool)> = a.iter().map(|v| (*v, true)).chain(b.iter().map(|v| (*v, false))).collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0));
    let n = all.len();
    let (mut rank_a, mut ties) = (0.0, 0.0);
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && all[j + 1].0 == all[i].0 {
            j += 1;
        }
        // Ranks i+1 ..= j+1 share their mean.
        let mid = (i + j + 2) as f64 / 2.0;
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        rank_a += mid * all[i..=j].iter().filter(|x| x.1).count() as f64;
        i = j + 1;
    }
    let (na, nb, nn) = (a.len() as f64, b.len() as f64, n as f64);
    let u = rank_a - na * (na + 1.0) / 2.0;
    let mu = na * nb / 2.0;
    let sigma2 = na * nb / 12.0 * ((nn + 1.0) - ties / (nn * (nn - 1.0)));
    if sigma2 <= 0.0 || !sigma2.is_finite() {
        return None;
    }
    let z = ((u - mu).abs() - 0.5).max(0.0) / sigma2.sqrt();
    let p = (2.0 * (1.0 - Normal::standard().cdf(z))).clamp(0.0, 1.0);
    Some((u, p))
}

/// Holm's step-down adjustment of `p` for the number of tests, `p.len()`: each adjusted value,
/// in the order given.
///
/// Definition: Holm, S. (1979), "A simple sequentially rejective multiple test procedure",
/// *Scandinavian Journal of Statistics* 6:65–70, as adjusted p-values (R's
/// `p.adjust(p, "holm")`): with the p-values sorted ascending `p₍₁₎ ≤ … ≤ p₍ₘ₎`, the adjusted
/// `p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎)`. A test is significant at level α after the
/// correction when its adjusted value is below α; this controls the chance of any false mark
/// among all m tests at α.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (j, &i) in order.iter().enumerate() {
        running = running.max(((m - j) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{ContinuousCDF, Normal};

    /// Tolerance for values published to 4 decimals.
    const TOL4: f64 = 5e-4;

    fn assert_close(got: f64, want: f64, tol: f64, what: &str) {
        assert!((got - want).abs() <= tol, "{what}: got {got}, want {want} ± {tol}");
    }

    // ---- Z95 ----------------------------------------------------------------------------

    #[test]
    fn z95_is_the_published_normal_quantile() {
        // Abramowitz & Stegun, table 26.5: z for Q = 0.025 is 1.95996 39845 (10 decimals).
        assert_close(Z95, 1.959_963_984_5, 1e-10, "A&S 26.5");
        // And statrs's own inverse normal CDF agrees.
        let q = Normal::standard().inverse_cdf(0.975);
        assert_close(Z95, q, 1e-9, "statrs inverse_cdf(0.975)");
    }

    // ---- Fisher's exact test -------------------------------------------------------------

    #[test]
    fn fisher_tea_tasting() {
        // Fisher (1935), the lady tasting tea: [[3, 1], [1, 3]]. R:
        // fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857 (= 34/70: the tables with
        // x = 0, 1, 3, 4 have probabilities 1, 16, 16, 1 out of 70; x = 1 ties x = 3 exactly,
        // which exercises the 1 + 1e-7 tolerance).
        let p = fisher_exact_two_sided(3, 1, 1, 3);
        assert_close(p, 0.4857, TOL4, "tea tasting");
        assert_close(p, 34.0 / 70.0, 1e-12, "tea tasting, exact 34/70");
    }

    #[test]
    fn fisher_dieting_example() {
        // Wikipedia "Fisher's exact test" (men/women × dieting): men 1 dieting, 11 not; women
        // 9 dieting, 3 not. Published two-sided p = 0.002759; R:
        // fisher.test(matrix(c(1, 9, 11, 3), 2)) gives p-value = 0.002759.
        let p = fisher_exact_two_sided(1, 11, 9, 3);
        assert_close(p, 0.002759, 5e-7, "dieting [[1,11],[9,3]]");
        // The transposed layout (rows = dieting, columns = sex) is the same test.
        assert_close(fisher_exact_two_sided(1, 9, 11, 3), 0.002759, 5e-7, "dieting transposed");
    }

    #[test]
    fn fisher_perfect_separation_closed_form() {
        // [[k, 0], [0, k]]: only x = 0 and x = k are as unlikely as the observed table, each
        // with probability 1 / C(2k, k). C(20, 10) = 184756, C(40, 20) = 137846528820
        // (central binomial coefficients, OEIS A000984).
        assert_close(fisher_exact_two_sided(10, 0, 0, 10), 2.0 / 184_756.0, 1e-15, "[[10,0],[0,10]]");
        assert_close(fisher_exact_two_sided(10, 0, 0, 10), 1.0825e-5, 5e-10, "[[10,0],[0,10]] to 5 digits");
        let p = fisher_exact_two_sided(20, 0, 0, 20);
        let want = 2.0 / 137_846_528_820.0;
        assert!((p - want).abs() <= want * 1e-9, "[[20,0],[0,20]]: {p} vs {want}");
    }

    #[test]
    fn fisher_empty_rows_and_columns_give_one() {
        assert_eq!(fisher_exact_two_sided(0, 0, 0, 0), 1.0);
        assert_eq!(fisher_exact_two_sided(0, 0, 3, 4), 1.0); // empty first row
        assert_eq!(fisher_exact_two_sided(5, 2, 0, 0), 1.0); // empty second row
        assert_eq!(fisher_exact_two_sided(0, 7, 0, 9), 1.0); // empty first column
        assert_eq!(fisher_exact_two_sided(6, 0, 8, 0), 1.0); // empty second column
    }

    #[test]
    fn fisher_is_invariant_under_row_column_swaps_and_transpose() {
        for &(a, b, c, d) in &[(1, 11, 9, 3), (3, 1, 1, 3), (5, 2, 1, 9), (0, 4, 7, 2), (12, 30, 4, 41)] {
            let p = fisher_exact_two_sided(a, b, c, d);
            for (name, q) in [
                ("swap rows", fisher_exact_two_sided(c, d, a, b)),
                ("swap columns", fisher_exact_two_sided(b, a, d, c)),
                ("transpose", fisher_exact_two_sided(a, c, b, d)),
                ("rotate", fisher_exact_two_sided(d, c, b, a)),
            ] {
                assert!((p - q).abs() <= 1e-12, "{name} of {:?}: {p} vs {q}", (a, b, c, d));
            }
            assert!(p > 0.0 && p <= 1.0);
        }
    }

    #[test]
    fn fisher_table_at_its_expectation_gives_one() {
        // With the observed table at the mode every table is at most as likely, so p = 1; at
        // n = 100,000 this sums 50,001 terms and checks the log-space normalisation.
        assert_close(fisher_exact_two_sided(2, 2, 2, 2), 1.0, 1e-12, "n = 8");
        assert_close(fisher_exact_two_sided(25_000, 25_000, 25_000, 25_000), 1.0, 1e-9, "n = 100,000");
    }

    #[test]
    fn fisher_large_n_closed_form() {
        // [[2, N−2], [0, N]]: margins N, N and 2, 2N−2; P(0) = P(2) = (N−1) / (2(2N−1)) and
        // P(1) = N / (2N−1), so the two-sided p is (N−1)/(2N−1). N = 50,000 → n = 100,000.
        let big_n = 50_000_u64;
        let want = (big_n - 1) as f64 / (2 * big_n - 1) as f64;
        let p = fisher_exact_two_sided(2, big_n - 2, 0, big_n);
        assert_close(p, want, 1e-10, "[[2, N-2], [0, N]]");
    }

    // ---- Wilson --------------------------------------------------------------------------

    #[test]
    fn wilson_matches_newcombe_1998_table_i() {
        // Newcombe (1998), Stat Med 17:857–872, Table I, method 3 (Wilson score, no continuity
        // correction), 95 %.
        let cases =
            [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)];
        for (x, n, lo, hi) in cases {
            let (l, u) = wilson_interval(x, n, Z95);
            assert_close(l, lo, TOL4, &format!("{x}/{n} lower"));
            assert_close(u, hi, TOL4, &format!("{x}/{n} upper"));
        }
    }

    #[test]
    fn wilson_edges() {
        assert_eq!(wilson_interval(0, 20, Z95).0, 0.0);
        assert_eq!(wilson_interval(29, 29, Z95).1, 1.0);
        assert_eq!(wilson_interval(0, 0, Z95), (0.0, 1.0));
        // Symmetry: the interval of x/n mirrors that of (n−x)/n.
        let (l, u) = wilson_interval(3, 17, Z95);
        let (l2, u2) = wilson_interval(14, 17, Z95);
        assert_close(l, 1.0 - u2, 1e-12, "mirror lower");
        assert_close(u, 1.0 - l2, 1e-12, "mirror upper");
    }

    // ---- Newcombe ------------------------------------------------------------------------

    #[test]
    fn newcombe_matches_newcombe_1998_table_ii_method_10() {
        // Newcombe (1998), Stat Med 17:873–890, Table II, method 10 (score interval without
        // continuity correction), 95 %: examples (a)–(h).
        let cases = [
            (56, 70, 48, 80, 0.0524, 0.3339), // (a)
            (9, 10, 3, 10, 0.1705, 0.8090),   // (b)
            (6, 7, 2, 7, 0.0582, 0.8062),     // (c)
            (5, 56, 0, 29, -0.0381, 0.1926),  // (d)
            (0, 10, 0, 20, -0.1611, 0.2775),  // (e)
            (0, 10, 0, 10, -0.2775, 0.2775),  // (f)
            (10, 10, 0, 20, 0.6791, 1.0000),  // (g)
            (10, 10, 0, 10, 0.6075, 1.0000),  // (h)
        ];
        for (x1, n1, x2, n2, lo, hi) in cases {
            let (l, u) = newcombe_difference(x1, n1, x2, n2, Z95);
            let what = format!("{x1}/{n1} − {x2}/{n2}");
            assert_close(l, lo, TOL4, &format!("{what} lower"));
            assert_close(u, hi, TOL4, &format!("{what} upper"));
        }
    }

    #[test]
    fn newcombe_is_antisymmetric_and_contains_the_estimate() {
        for &(x1, n1, x2, n2) in &[(56, 70, 48, 80), (5, 56, 0, 29), (3, 11, 9, 12), (0, 4, 4, 4)] {
            let (l, u) = newcombe_difference(x1, n1, x2, n2, Z95);
            let (l2, u2) = newcombe_difference(x2, n2, x1, n1, Z95);
            assert_close(l, -u2, 1e-12, "swap lower");
            assert_close(u, -l2, 1e-12, "swap upper");
            let d = x1 as f64 / n1 as f64 - x2 as f64 / n2 as f64;
            assert!(l <= d && d <= u && (-1.0..=1.0).contains(&l) && (-1.0..=1.0).contains(&u));
        }
        assert_eq!(newcombe_difference(0, 10, 10, 10, Z95).0, -1.0);
    }

    // ---- Pearson -------------------------------------------------------------------------

    #[test]
    fn pearson_perfect_lines() {
        let xs = [1.0, 2.0, 3.0, 4.0, 5.0];
        let up: Vec<f64> = xs.iter().map(|x| 3.0 * x + 2.0).collect();
        let down: Vec<f64> = xs.iter().map(|x| -0.5 * x + 10.0).collect();
        assert_close(pearson(&xs, &up).unwrap(), 1.0, 1e-12, "linear");
        assert_close(pearson(&xs, &down).unwrap(), -1.0, 1e-12, "anti-linear");
    }

    #[test]
    fn pearson_anscombe_quartet() {
        // Anscombe, F. J. (1973), "Graphs in statistical analysis", The American Statistician
        // 27:17–21: data sets I and II share x and have correlation 0.816 (to 3 decimals).
        let x = [10.0, 8.0, 13.0, 9.0, 11.0, 14.0, 6.0, 4.0, 12.0, 7.0, 5.0];
        let y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
        let y2 = [9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74];
        assert_close(pearson(&x, &y1).unwrap(), 0.816, TOL4, "Anscombe I");
        assert_close(pearson(&x, &y2).unwrap(), 0.816, TOL4, "Anscombe II");
    }

    #[test]
    fn pearson_undefined_cases() {
        assert_eq!(pearson(&[], &[]), None);
        assert_eq!(pearson(&[1.0], &[2.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[1.0]), None);
        assert_eq!(pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 4.0]), None);
        assert_eq!(pearson(&[1.0, 2.0, 4.0], &[7.0, 7.0, 7.0]), None);
        assert_eq!(pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]), None);
        // Two distinct pairs always lie on a line.
        assert_close(pearson(&[1.0, 2.0], &[5.0, 3.0]).unwrap(), -1.0, 1e-12, "two pairs");
    }

    // ---- Median --------------------------------------------------------------------------

    #[test]
    fn median_odd_even_empty() {
        let mut odd = [3.0, 1.0, 2.0];
        assert_eq!(median(&mut odd), Some(2.0));
        assert_eq!(odd, [1.0, 2.0, 3.0], "sorted in place");

        let mut even = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(median(&mut even), Some(2.5));

        let mut one = [7.5];
        assert_eq!(median(&mut one), Some(7.5));

        let mut none: [f64; 0] = [];
        assert_eq!(median(&mut none), None);

        let mut neg = [-1.0, -3.0, 10.0, -2.0];
        assert_eq!(median(&mut neg), Some(-1.5));

        let mut huge = [f64::MAX, f64::MAX];
        assert_eq!(median(&mut huge), Some(f64::MAX));
    }
    /// SciPy 1.17.1: `ttest_ind([1,2,3,4,5], [2,4,6,8,10,12], equal_var=False)` gives
    /// t = -2.376354103144, df = 6.972255729795, p = 0.049284338207.
    #[test]
    fn welch_matches_r() {
        let (t, df, p) = welch_t_test(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 6.0, 8.0, 10.0, 12.0]).unwrap();
        assert_close(t, -2.376354103144, 1e-9, "t");
        assert_close(df, 6.972255729795, 1e-9, "df");
        assert_close(p, 0.049284338207, 1e-8, "p");
        assert!(welch_t_test(&[1.0], &[2.0, 3.0]).is_none(), "one value is no sample");
        assert!(welch_t_test(&[1.0, 1.0], &[2.0, 2.0]).is_none(), "no spread, no test");
    }

    /// SciPy 1.17.1: `mannwhitneyu([1,2,3,4,5], [2,4,6,8,10,12], use_continuity=True,
    /// method='asymptotic')` gives U = 5.0, p = 0.081439732305 (ties at 2 and 4).
    #[test]
    fn mann_whitney_matches_r() {
        let (u, p) = mann_whitney_u(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 6.0, 8.0, 10.0, 12.0]).unwrap();
        assert_close(u, 5.0, 1e-12, "U");
        assert_close(p, 0.081439732305, 1e-8, "p");
        assert!(mann_whitney_u(&[], &[1.0]).is_none());
    }

    /// R's `p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")`, recomputed with NumPy by the
    /// formula: 0.03 0.06 0.06 0.02.
    #[test]
    fn holm_matches_r() {
        let got = holm(&[0.01, 0.04, 0.03, 0.005]);
        for (g, w) in got.iter().zip([0.03, 0.06, 0.06, 0.02]) {
            assert_close(*g, w, 1e-12, "holm");
        }
        assert!(holm(&[]).is_empty());
        assert_eq!(holm(&[0.6, 0.7]), vec![1.0, 1.0], "capped at 1");
    }

    /// NumPy's `quantile([1, 3, 4, 10], [.25, .5, .75])` (type 7 too): 2.5 3.5 5.5.
    #[test]
    fn quantiles_are_r_type_7() {
        let v = [1.0, 3.0, 4.0, 10.0];
        assert_eq!([0.25, 0.5, 0.75].map(|p| quantile(&v, p).unwrap()), [2.5, 3.5, 5.5]);
        assert_eq!(quantile(&[], 0.5), None);
    }
}
