//! The privacy-budget ledger against a real SQLite file.

use std::sync::atomic::{AtomicUsize, Ordering};

use store::{Audience, Budget, PrivacyRequest, ReleaseError, Store};

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    (dir, store)
}

/// A request under a budget of ε = 1 for the council on dataset `v1`.
fn ask(query_key: &str, cost: f64) -> PrivacyRequest<'_> {
    PrivacyRequest {
        dataset: "v1:events.parquet",
        audience: Audience::Council,
        query_key,
        total_epsilon: 1.0,
        cost_epsilon: cost,
        scale: 1.0 / cost,
        by: "council-anna",
    }
}

type Outcome = Result<store::Released, ReleaseError<&'static str>>;

async fn release(store: &Store, request: &PrivacyRequest<'_>, answer: i64) -> Outcome {
    store.privacy_release(request, || Ok(format!(r#"{{"value":{answer}}}"#))).await
}

/// A compute that must not run.
fn never() -> Result<String, &'static str> {
    panic!("the answer was drawn again")
}

fn budget(total_micro: i64, spent_micro: i64, releases: i64) -> Option<Budget> {
    Some(Budget { total_micro, spent_micro, releases })
}

#[tokio::test]
async fn a_repeated_query_costs_nothing_and_returns_the_identical_stored_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let first = release(&store, &ask("count:decisions", 0.25), 17).await.unwrap();
    assert!(!first.cached);
    assert_eq!((first.result.as_str(), first.epsilon_micro), (r#"{"value":17}"#, 250_000));
    assert_eq!(first.budget, Budget { total_micro: 1_000_000, spent_micro: 250_000, releases: 1 });

    let again = store.privacy_release(&ask("count:decisions", 0.25), never).await.unwrap();
    assert!(again.cached);
    assert_eq!((again.id, &again.result, again.epsilon_micro), (first.id, &first.result, 250_000));
    assert_eq!((again.scale, &again.created_at), (first.scale, &first.created_at));
    assert_eq!(again.budget, first.budget, "asking again spends nothing");

    // Kept across a restart too, and whatever cost or total the caller now names.
    drop(store);
    let store = Store::open(dir.path()).await.unwrap();
    let mut changed = ask("count:decisions", 0.9);
    changed.total_epsilon = 5.0;
    let later = store.privacy_release(&changed, never).await.unwrap();
    assert_eq!((later.cached, later.result), (true, first.result));
    assert_eq!(
        store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(),
        budget(1_000_000, 250_000, 1)
    );
}

#[tokio::test]
async fn a_query_past_the_budget_is_refused_and_nothing_is_written() {
    let (_dir, store) = fresh().await;
    release(&store, &ask("a", 0.7), 1).await.unwrap();
    let e = store.privacy_release(&ask("b", 0.4), never).await.unwrap_err();
    let message = e.to_string();
    assert!(
        matches!(e, ReleaseError::BudgetSpent { cost: 0.4, spent: 0.7, total: 1.0, audience: Audience::Council, .. }),
        "{e:?}"
    );
    for part in
        ["costs ε = 0.4", "council has ε = 0.3 left", "total ε = 1", "`v1:events.parquet`", "per dataset and audience"]
    {
        assert!(message.contains(part), "{part:?} in {message}");
    }
    assert_eq!(
        store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(),
        budget(1_000_000, 700_000, 1)
    );

    // What is left can still be spent to the last millionth: 0.7 + 0.3 is 1 in micro-units.
    let last = release(&store, &ask("c", 0.3), 3).await.unwrap();
    assert_eq!(last.budget, Budget { total_micro: 1_000_000, spent_micro: 1_000_000, releases: 2 });
    assert!(matches!(release(&store, &ask("d", 0.000_001), 4).await, Err(ReleaseError::BudgetSpent { .. })));
    // An earlier answer is still there once the budget is spent.
    assert!(store.privacy_release(&ask("a", 0.7), never).await.unwrap().cached);

    // A first query that alone exceeds a new budget does not even create the budget.
    let mut other = ask("a", 2.0);
    other.dataset = "v2:events.parquet";
    assert!(matches!(store.privacy_release(&other, never).await, Err(ReleaseError::BudgetSpent { .. })));
    assert_eq!(store.privacy_budget("v2:events.parquet", Audience::Council).await.unwrap(), None);
}

#[tokio::test]
async fn a_failed_computation_spends_nothing() {
    let (_dir, store) = fresh().await;
    let e = store.privacy_release(&ask("a", 0.5), || Err("no events file")).await.unwrap_err();
    assert!(matches!(e, ReleaseError::Compute("no events file")), "{e:?}");
    assert_eq!(store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(), None);
    let e = store.privacy_release(&ask("a", 0.5), || Ok::<_, &str>("not json".to_owned())).await.unwrap_err();
    assert!(matches!(e, ReleaseError::Store(store::Error::Encode(_))), "{e:?}");
    assert_eq!(store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(), None);
    // The same query then goes through, drawn once.
    assert!(!release(&store, &ask("a", 0.5), 9).await.unwrap().cached);
}

/// Eight releases of ε = 0.3 against a budget of 1, at once, on four connections: each holds the
/// write lock while it draws (the sleep widens the window), so exactly three get through.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_releases_cannot_together_exceed_the_budget() {
    let (_dir, store) = fresh().await;
    let computed = std::sync::Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (store, computed) = (store.clone(), computed.clone());
            tokio::spawn(async move {
                let key = format!("query-{i}");
                store
                    .privacy_release(&ask(&key, 0.3), || {
                        computed.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        Ok::<_, &str>(format!(r#"{{"value":{i}}}"#))
                    })
                    .await
            })
        })
        .collect();
    let mut granted = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(released) => {
                assert!(!released.cached);
                granted += 1;
            }
            Err(ReleaseError::BudgetSpent { .. }) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!((granted, computed.load(Ordering::SeqCst)), (3, 3));
    assert_eq!(
        store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(),
        budget(1_000_000, 900_000, 3)
    );

    // And the pair the ledger exists for: two of 0.6 against a fresh budget of 1.
    let mut requests = [ask("x", 0.6), ask("y", 0.6)];
    for r in &mut requests {
        r.dataset = "v2";
    }
    let [x, y] = requests;
    let (a, b) = tokio::join!(release(&store, &x, 1), release(&store, &y, 2));
    assert!(a.is_ok() != b.is_ok(), "exactly one of the two: {a:?} {b:?}");
    assert_eq!(store.privacy_budget("v2", Audience::Council).await.unwrap(), budget(1_000_000, 600_000, 1));
}

#[tokio::test]
async fn each_audience_has_its_own_budget_and_its_own_answers() {
    let (_dir, store) = fresh().await;
    let council = release(&store, &ask("count", 1.0), 10).await.unwrap();
    assert!(matches!(release(&store, &ask("other", 0.1), 0).await, Err(ReleaseError::BudgetSpent { .. })));
    let inspector = PrivacyRequest { audience: Audience::Inspector, ..ask("count", 1.0) };
    let theirs = release(&store, &inspector, 12).await.unwrap();
    assert!(!theirs.cached, "the inspector does not get the council's draw, nor spend its budget");
    assert_eq!(theirs.result, r#"{"value":12}"#);
    assert_ne!(theirs.id, council.id);
    assert_eq!(
        store.privacy_budget("v1:events.parquet", Audience::Inspector).await.unwrap(),
        budget(1_000_000, 1_000_000, 1)
    );
    assert_eq!(
        store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(),
        budget(1_000_000, 1_000_000, 1)
    );
    assert_eq!(store.privacy_budget("v1:events.parquet", Audience::Admin).await.unwrap(), None);
    let admin = PrivacyRequest { audience: Audience::Admin, ..ask("other", 0.1) };
    assert_eq!(
        release(&store, &admin, 5).await.unwrap().budget,
        Budget { total_micro: 1_000_000, spent_micro: 100_000, releases: 1 }
    );
}

#[tokio::test]
async fn spends_round_up_to_millionths_and_shares_of_a_budget_fit_it() {
    let (_dir, store) = fresh().await;
    // A third is charged 333,334 millionths, never 333,333.
    assert_eq!(release(&store, &ask("third", 1.0 / 3.0), 0).await.unwrap().epsilon_micro, 333_334);
    assert_eq!(release(&store, &ask("small", 0.000_001_1), 0).await.unwrap().epsilon_micro, 2);
    assert!(matches!(release(&store, &ask("tiny", 1e-9), 0).await, Err(ReleaseError::BadEpsilon { .. })));
    // Three shares of 333,333 millionths (what `dp::split(1.0, 3)` gives) fit a budget of 1.
    let mut fresh_dataset = ask("", 0.333_333);
    fresh_dataset.dataset = "v2";
    for key in ["a", "b", "c"] {
        let share = PrivacyRequest { query_key: key, ..fresh_dataset };
        assert_eq!(release(&store, &share, 0).await.unwrap().epsilon_micro, 333_333);
    }
    assert_eq!(store.privacy_budget("v2", Audience::Council).await.unwrap(), budget(1_000_000, 999_999, 3));
}

#[tokio::test]
async fn a_bad_epsilon_or_scale_is_refused() {
    let (_dir, store) = fresh().await;
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e-9, 2e6] {
        let e = release(&store, &PrivacyRequest { total_epsilon: bad, ..ask("a", 0.1) }, 0).await.unwrap_err();
        assert!(matches!(e, ReleaseError::BadEpsilon { what: "the total ε", .. }), "{bad}: {e:?}");
    }
    for bad in [0.0, -0.5, f64::NAN, f64::INFINITY] {
        let e = release(&store, &ask("a", bad), 0).await.unwrap_err();
        assert!(e.to_string().starts_with("the ε of a release must be a finite number"), "{bad}: {e}");
    }
    let e = release(&store, &PrivacyRequest { scale: f64::NAN, ..ask("a", 0.1) }, 0).await.unwrap_err();
    assert!(matches!(e, ReleaseError::BadScale(_)));
    assert_eq!(store.privacy_budget("v1:events.parquet", Audience::Council).await.unwrap(), None);
}

/// Deleting a release would let the same query be drawn again; resetting the spending would
/// undo the budget. The database refuses both, whoever asks.
#[tokio::test]
async fn releases_and_spending_cannot_be_undone_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    release(&store, &ask("a", 0.5), 1).await.unwrap();
    drop(store);
    let raw = store::Raw::open(dir.path()).await.unwrap();
    for statement in [
        "DELETE FROM privacy_release",
        "UPDATE privacy_release SET result = '{\"value\":2}'",
        "UPDATE privacy_budget SET spent_micro = 0",
        "UPDATE privacy_budget SET total_micro = 9000000",
        "DELETE FROM privacy_budget",
    ] {
        assert!(raw.run(statement).await.is_err(), "{statement}");
    }
}
