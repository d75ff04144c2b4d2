//! The store against a real SQLite file in a fresh folder per test.

mod people;

use std::collections::BTreeMap;

use domain::{Decision, Organisation, REGISTER_FORMAT, Register, Status, System, Worker};
use store::{Import, Store};

fn register(name: &str, systems: &[&str]) -> Register {
    Register {
        format: REGISTER_FORMAT.into(),
        organisation: Organisation { works_council: Some(true), ..Organisation::new(name) },
        systems: systems.iter().map(|id| System::new(*id, format!("System {id}"), Status::Live)).collect(),
    }
}

fn worker(id: &str, contract: &str) -> Worker {
    Worker { id: id.into(), attributes: BTreeMap::from([("contract".to_owned(), contract.to_owned())]) }
}

#[tokio::test]
async fn an_import_reads_back_and_a_second_is_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    assert!(store.is_empty().await.unwrap());
    assert_eq!(store.latest_register().await.unwrap(), None);

    let first = register("Eerste B.V.", &["a", "b"]);
    let workers: Vec<Worker> =
        (0..12).map(|i| worker(&format!("W{i}"), if i < 11 { "flex" } else { "permanent" })).collect();
    let decisions = vec![Decision {
        worker: "W1".into(),
        time: "2026-03-02T13:00:00Z".parse().unwrap(),
        decision: "warning".into(),
        automated: Some(true),
        reviewed: Some(true),
        review_seconds: Some(8.0),
        overturned: Some(false),
        score: Some(700.5),
        reason: Some("pace below the line".into()),
    }];
    let events = dir.path().join("events.parquet");
    store
        .import(&Import {
            register: &first,
            source: "first.toml",
            author: "test",
            workers: &workers,
            decisions: &decisions,
            events: Some((&events, 42)),
        })
        .await
        .unwrap();
    let latest = store.latest_register().await.unwrap().unwrap();
    assert_eq!(latest.register, first);
    let mut sorted = workers.clone();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(store.workers().await.unwrap(), sorted);
    assert_eq!(store.decisions().await.unwrap(), decisions);
    assert_eq!(latest.source, "first.toml");
    let overview = store.overview().await.unwrap();
    assert_eq!((overview.workers, overview.decisions, overview.automated_decisions), (12, 1, 1));
    assert_eq!(overview.events, Some((events.clone(), 42)));

    let groups = store.attribute_groups(10).await.unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].groups, vec![("flex".to_owned(), 11)]);
    assert_eq!(groups[0].suppressed, 1, "the one permanent worker must not be shown as a group");

    let second = register("Tweede B.V.", &["a"]);
    let v2 = store
        .import(&Import {
            register: &second,
            source: "second.toml",
            author: "test",
            workers: &[],
            decisions: &[],
            events: None,
        })
        .await
        .unwrap();
    let latest = store.latest_register().await.unwrap().unwrap();
    assert_eq!((latest.id, &latest.register), (v2, &second));
    let overview = store.overview().await.unwrap();
    assert_eq!(overview.register_versions, 2);
    let history = store.register_history().await.unwrap();
    assert_eq!(
        history.iter().map(|v| v.register.organisation.name.as_str()).collect::<Vec<_>>(),
        ["Eerste B.V.", "Tweede B.V."]
    );
    assert_eq!(overview.workers, 12, "an import without workers keeps the workers");
}

#[tokio::test]
async fn reopening_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).await.unwrap();
        let r = register("Blijvend B.V.", &["x"]);
        store
            .import(&Import {
                register: &r,
                source: "r.toml",
                author: "test",
                workers: &[],
                decisions: &[],
                events: None,
            })
            .await
            .unwrap();
    }
    let store = Store::open(dir.path()).await.unwrap();
    assert!(!store.is_empty().await.unwrap());
    assert_eq!(store.latest_register().await.unwrap().unwrap().register.organisation.name, "Blijvend B.V.");
}
