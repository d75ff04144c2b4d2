//! The noise against its stated distribution. OpenDP draws from OpenSSL's CSPRNG, so no run can
//! be seeded: the statistical tests compare with tolerances of ten standard errors, each derived
//! where it is used, so that a correct implementation fails them with a probability far below
//! one in a trillion while a wrong scale fails them every time.

use dp::{Error, plan, release, split};

/// `P(Z = x)` for the discrete Laplace distribution with scale `b`, as OpenDP defines it:
/// `(1 - q)/(1 + q) · q^|x|` with `q = e^(-1/b)`.
fn pmf(b: f64, x: i64) -> f64 {
    let q = (-1.0 / b).exp();
    (1.0 - q) / (1.0 + q) * q.powi(x.unsigned_abs() as i32)
}

/// `P(|Z| > k)` by summing the pmf over `|x| > k` until the terms no longer count (the terms
/// fall geometrically, by `q` each, so what is left after a term `t` is at most `t·q/(1 - q)`:
/// below 2 · 10⁻¹⁷ of the sum for the largest scale used here, 20).
fn tail_beyond(b: f64, k: i64) -> f64 {
    let mut sum = 0.0;
    let mut x = k + 1;
    loop {
        let term = 2.0 * pmf(b, x);
        sum += term;
        if term < 1e-18 * sum {
            return sum;
        }
        x += 1;
    }
}

/// `E[Z^p]` of the noise, by summing the pmf.
fn moment(b: f64, p: i32) -> f64 {
    (1..100_000).map(|x| 2.0 * pmf(b, x) * (x as f64).powi(p)).take_while(|t| *t > 0.0).sum()
}

#[test]
fn the_95_interval_is_the_smallest_k_with_the_noise_beyond_it_at_most_5_percent() {
    for epsilon in [0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 10.0] {
        let plan = plan(1, epsilon).unwrap();
        let b = plan.scale();
        let k = plan.ci95_half_width() as i64;
        assert!(tail_beyond(b, k) <= 0.05, "scale {b}: P(|Z| > {k}) = {}", tail_beyond(b, k));
        if k > 0 {
            assert!(tail_beyond(b, k - 1) > 0.05, "scale {b}: {k} is not the smallest");
        }
        // The closed form the crate derives, P(|Z| ≥ j) = 2 q^j / (1 + q) for j ≥ 1, against the sum.
        let q = (-1.0 / b).exp();
        for j in [1, 2, 5, k.max(1), k + 1] {
            let closed = 2.0 * q.powi(j as i32) / (1.0 + q);
            let summed = tail_beyond(b, j - 1);
            assert!((closed - summed).abs() <= 1e-12 * closed.max(1e-300), "scale {b}, j {j}: {closed} vs {summed}");
        }
    }
    // Worked by hand for scale 4: q = e^-0.25, P(|Z| > 11) = 0.0560, P(|Z| > 12) = 0.0436.
    assert_eq!(plan(1, 0.25).unwrap().ci95_half_width(), 12);
    // Scale 0.1: P(|Z| > 0) = 2e^-10/(1 + e^-10) ≈ 0.00009, so no width at all.
    assert_eq!(plan(1, 10.0).unwrap().ci95_half_width(), 0);
}

/// 20,000 releases of 1,000 at scale 4 (sensitivity 4, ε = 1).
///
/// The noise's variance at scale 4 is `2q/(1-q)²` with `q = e^-0.25`: σ² = 31.834 (a continuous
/// Laplace would have 2b² = 32), and its fourth moment μ₄ = 6,112.2 (computed below from the pmf).
/// - Mean: standard error σ/√n = 5.642/141.42 = 0.0399; tolerance 10 SE = 0.399.
/// - Sample variance: standard error √((μ₄ − σ⁴)/n) = √((6,112.2 − 1,013.4)/20,000) = 0.505;
///   tolerance 10 SE = 5.05, i.e. 16 % of σ². Scale 3 (σ² = 17.8) or 5 (σ² = 49.8) fail by far.
/// - Coverage of the 95 % interval (k = 12): P(|Z| ≤ 12) = 0.95640, standard error
///   √(0.0436 · 0.9564 / 20,000) = 0.00144; tolerance 10 SE = 0.0144.
///
/// Ten standard errors: a normal tail of 1.5 · 10⁻²³. The one way the normal approximation could
/// understate the risk is a single huge draw; pushing the variance alone up by 5.05 takes
/// |Z| > √(20,000 · 5.05) ≈ 318, whose probability in 20,000 draws is below
/// 20,000 · 2e^(-318/4) ≈ 10⁻³⁰. From below, the one-sided bound for non-negative variables
/// (Maurer 2003) applied to Z² gives `exp(-n · 5.05² / (2 μ₄))` = e^-41.7 ≈ 10⁻¹⁸.
#[test]
fn the_noise_is_unbiased_and_spreads_as_its_scale_says() {
    const N: usize = 20_000;
    const TRUE: i64 = 1_000;
    let plan = plan(4, 1.0).unwrap();
    assert_eq!((plan.scale(), plan.epsilon()), (4.0, 1.0));
    let b = plan.scale();
    let variance = moment(b, 2);
    let q = (-1.0 / b).exp();
    assert!((variance - 2.0 * q / (1.0 - q).powi(2)).abs() < 1e-9, "the pmf sum is the closed form");
    let mu4 = moment(b, 4);

    let draws: Vec<_> = (0..N).map(|_| plan.release(TRUE).unwrap()).collect();
    let values: Vec<f64> = draws.iter().map(|d| d.value as f64).collect();
    let n = N as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sample_variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);

    let mean_tolerance = 10.0 * (variance / n).sqrt();
    assert!((mean - TRUE as f64).abs() <= mean_tolerance, "mean {mean}, expected {TRUE} ± {mean_tolerance}");
    let variance_tolerance = 10.0 * ((mu4 - variance * variance) / n).sqrt();
    assert!(
        (sample_variance - variance).abs() <= variance_tolerance,
        "variance {sample_variance}, expected {variance} ± {variance_tolerance}"
    );

    let k = plan.ci95_half_width() as i64;
    let expected_coverage = 1.0 - tail_beyond(b, k);
    let covered = draws.iter().filter(|d| d.ci95.0 <= TRUE && TRUE <= d.ci95.1).count() as f64 / n;
    let coverage_tolerance = 10.0 * (expected_coverage * (1.0 - expected_coverage) / n).sqrt();
    assert!(
        (covered - expected_coverage).abs() <= coverage_tolerance,
        "coverage {covered}, expected {expected_coverage} ± {coverage_tolerance}"
    );
    for d in &draws {
        assert_eq!((d.epsilon, d.scale, d.ci95), (1.0, 4.0, (d.value - k, d.value + k)));
    }
}

#[test]
fn a_smaller_epsilon_gives_a_wider_interval() {
    let widths: Vec<i64> = [4.0, 2.0, 1.0, 0.5, 0.1, 0.01]
        .into_iter()
        .map(|epsilon| {
            let noisy = release(42, 1, epsilon).unwrap();
            noisy.ci95.1 - noisy.ci95.0
        })
        .collect();
    assert!(widths.windows(2).all(|w| w[0] < w[1]), "{widths:?}");
    // A larger sensitivity at the same ε is wider too.
    assert!(plan(10, 1.0).unwrap().ci95_half_width() > plan(1, 1.0).unwrap().ci95_half_width());
}

#[test]
fn the_epsilon_spent_comes_from_the_privacy_map_and_never_exceeds_what_was_asked() {
    for sensitivity in [1, 2, 3, 7, 10, 1_000] {
        for epsilon in [0.01, 0.1, 0.3, 1.0 / 3.0, 0.7, 1.0, 2.5, 8.0] {
            let plan = plan(sensitivity, epsilon).unwrap();
            assert!(plan.epsilon() <= epsilon, "{sensitivity}, {epsilon}: {}", plan.epsilon());
            assert!(plan.epsilon() >= epsilon * (1.0 - 1e-12), "{sensitivity}, {epsilon}: {}", plan.epsilon());
            let scale = sensitivity as f64 / epsilon;
            assert!(plan.scale() >= scale && plan.scale() <= scale * (1.0 + 1e-12));
            let noisy = plan.release(0).unwrap();
            assert_eq!((noisy.epsilon, noisy.scale), (plan.epsilon(), plan.scale()));
        }
    }
    let noisy = release(10, 3, 0.5).unwrap();
    assert_eq!((noisy.epsilon, noisy.scale), (0.5, 6.0));
}

#[test]
fn a_budget_splits_into_shares_that_never_add_up_to_more() {
    assert_eq!(split(1.0, 4).unwrap(), 0.25);
    assert_eq!(split(1.0, 3).unwrap(), 0.333_333);
    assert_eq!(split(0.3, 1).unwrap(), 0.3);
    for total in [0.1, 0.3, 0.5, 1.0, 2.0, 3.0] {
        for queries in 1..=40 {
            let share = split(total, queries).unwrap();
            let micro = (share * 1e6).round();
            assert!((share * 1e6 - micro).abs() < 1e-6, "a whole millionth: {share}");
            assert!(micro * queries as f64 <= (total * 1e6).round(), "{total} over {queries}: {share}");
            assert!(plan(1, share).unwrap().epsilon() <= share);
        }
    }
    assert!(matches!(split(0.000_01, 11), Err(Error::BudgetTooSmall { .. })));
}

#[test]
fn a_bad_epsilon_or_sensitivity_is_refused_with_a_clear_message() {
    for epsilon in [0.0, -0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = release(5, 1, epsilon).unwrap_err();
        assert!(matches!(e, Error::BadEpsilon(_)), "{epsilon}: {e:?}");
        assert!(e.to_string().starts_with("ε must be a finite number above 0, not"), "{e}");
        assert!(split(epsilon, 2).is_err());
    }
    let e = release(5, 0, 1.0).unwrap_err();
    assert!(matches!(e, Error::ZeroSensitivity));
    assert!(e.to_string().contains("sensitivity must be at least 1"), "{e}");
    let e = split(1.0, 0).unwrap_err();
    assert_eq!(e.to_string(), "a privacy budget cannot be split over 0 queries");
}

/// A table's cells released together: each cell gets the plan's scale, the vector spends the
/// plan's ε once, and the cells' noise spreads as the scale says (the same ten-standard-error
/// tolerance as above, over 200 rounds of 100 cells).
#[test]
fn a_vector_spends_its_epsilon_once_and_each_cell_gets_the_plans_noise() {
    let plan = plan(24, 2.0).unwrap();
    assert_eq!(plan.scale(), 12.0);
    let b = plan.scale();
    let variance = moment(b, 2);
    let mu4 = moment(b, 4);
    let truth: Vec<i64> = (0..100).map(|i| 50 * i).collect();
    let mut noise = Vec::new();
    for _ in 0..200 {
        let cells = plan.release_vector(&truth).unwrap();
        assert_eq!(cells.len(), truth.len());
        for (cell, t) in cells.iter().zip(&truth) {
            assert_eq!((cell.epsilon, cell.scale), (2.0, 12.0), "ε of the whole vector, not per cell");
            noise.push((cell.value - t) as f64);
        }
    }
    let n = noise.len() as f64;
    let mean = noise.iter().sum::<f64>() / n;
    let sample_variance = noise.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    assert!(mean.abs() <= 10.0 * (variance / n).sqrt(), "mean noise {mean}");
    let tolerance = 10.0 * ((mu4 - variance * variance) / n).sqrt();
    assert!(
        (sample_variance - variance).abs() <= tolerance,
        "variance {sample_variance}, expected {variance} ± {tolerance}"
    );
}
