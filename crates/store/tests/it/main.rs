//! The store against a real SQLite file in a fresh folder per test.

mod ledger;
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
            time_zone: domain::DEFAULT_TIME_ZONE,
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

    let second = register("Tweede B.V.", &["a"]);
    let v2 = store
        .import(&Import {
            register: &second,
            source: "second.toml",
            author: "test",
            workers: &[],
            decisions: &[],
            events: None,
            time_zone: domain::DEFAULT_TIME_ZONE,
        })
        .await
        .unwrap();
    let latest = store.latest_register().await.unwrap().unwrap();
    assert_eq!((latest.id, &latest.register), (v2, &second));
    let overview = store.overview().await.unwrap();
    assert_eq!(overview.register_versions, 2);
    let history = store.register_history().await.unwrap();
    assert_eq!(
        history.versions.iter().map(|v| v.register.organisation.name.as_str()).collect::<Vec<_>>(),
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
                time_zone: domain::DEFAULT_TIME_ZONE,
            })
            .await
            .unwrap();
    }
    let store = Store::open(dir.path()).await.unwrap();
    assert!(!store.is_empty().await.unwrap());
    assert_eq!(store.latest_register().await.unwrap().unwrap().register.organisation.name, "Blijvend B.V.");
}

/// `inzage import --tz` read the decisions in the given zone but did not keep it, so the portal
/// read the events file's local times as Europe/Amsterdam whatever the import said.
#[tokio::test]
async fn the_imports_time_zone_is_kept_with_the_events_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let r = register("Overzee Inc.", &["x"]);
    let events = dir.path().join("events.csv");
    assert_eq!(store.events_time_zone().await.unwrap(), domain::DEFAULT_TIME_ZONE, "nothing imported yet");
    let first = Import {
        register: &r,
        source: "r.toml",
        author: "test",
        workers: &[],
        decisions: &[],
        events: Some((&events, 3)),
        time_zone: "America/New_York",
    };
    store.import(&first).await.unwrap();
    assert_eq!(store.events_time_zone().await.unwrap(), "America/New_York");
    let overview = store.overview().await.unwrap();
    assert_eq!(overview.events, Some((events.clone(), 3)));
    assert_eq!(overview.events_time_zone.as_deref(), Some("America/New_York"));

    // A later import without an events file keeps the events file and its zone.
    store.import(&Import { events: None, time_zone: "Asia/Tokyo", ..first }).await.unwrap();
    assert_eq!(store.events_time_zone().await.unwrap(), "America/New_York");

    // The same database reopened reads the same zone.
    drop(store);
    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.events_time_zone().await.unwrap(), "America/New_York");
}

/// A dataset imported before migration 0003 has no zone: it was read in the default zone.
#[tokio::test]
async fn a_dataset_imported_before_the_zone_was_stored_reads_as_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let r = register("Oud B.V.", &["x"]);
    let events = dir.path().join("events.csv");
    store
        .import(&Import {
            register: &r,
            source: "r.toml",
            author: "test",
            workers: &[],
            decisions: &[],
            events: Some((&events, 3)),
            time_zone: "America/New_York",
        })
        .await
        .unwrap();
    drop(store);
    // What an older inzage wrote: the row without the column's value.
    store::Raw::open(dir.path()).await.unwrap().run("UPDATE dataset SET time_zone = NULL").await.unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.events_time_zone().await.unwrap(), "Europe/Amsterdam");
    assert_eq!(store.overview().await.unwrap().events_time_zone.as_deref(), Some("Europe/Amsterdam"));
}

/// Security review M10: a register that `Register::validate` did not see (a library caller, or
/// a check that misses a field) with `inf` in it was stored as JSON `null`, and every later read
/// of that version failed. The store now reads the JSON back before it commits.
#[tokio::test]
async fn a_register_that_would_not_read_back_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    for hours in [f64::INFINITY, f64::NAN] {
        let mut odd = register("Oneindig B.V.", &["a", "planner"]);
        odd.systems[1].shift = Some(domain::Shift { hours, break_minutes: vec![30] });
        let import = Import {
            register: &odd,
            source: "register.toml",
            author: "test",
            workers: &[],
            decisions: &[],
            events: None,
            time_zone: domain::DEFAULT_TIME_ZONE,
        };
        let err = store.import(&import).await.unwrap_err();
        assert!(matches!(err, store::Error::NotStorable(_)), "{hours}: {err:?}");
        assert!(err.to_string().contains("cannot be stored") && err.to_string().contains("system `planner`"), "{err}");
    }
    assert!(store.is_empty().await.unwrap(), "nothing was stored");
    assert!(store.register_history().await.unwrap().versions.is_empty());
}

/// The portal reads the newest register, the events file and its zone once per request
/// (`store::one_snapshot`), and parses a register version once. A version another process adds
/// (`inzage import` while the portal runs) is seen by the next request, never half-way through
/// one; an import inside a request is seen by the rest of it.
#[tokio::test]
async fn a_request_sees_one_moment_and_the_next_request_sees_another_processes_import() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let events = dir.path().join("events.csv");
    let import = |name: &'static str, zone: &'static str| Import {
        register: Box::leak(Box::new(register(name, &["a"]))),
        source: "r.toml",
        author: "test",
        workers: &[],
        decisions: &[],
        events: Some((&events, 7)),
        time_zone: zone,
    };
    store.import(&import("Eerste B.V.", "Europe/Amsterdam")).await.unwrap();
    // Another process: its own store on the same file.
    let other = Store::open(dir.path()).await.unwrap();
    let name = |v: Option<store::RegisterVersion>| v.unwrap().register.organisation.name;
    store::one_snapshot(async {
        assert_eq!(name(store.latest_register().await.unwrap()), "Eerste B.V.");
        // Another task, as another process would be: the request's snapshot is not its.
        let (other, path) = (other.clone(), events.clone());
        tokio::spawn(async move {
            let second = register("Tweede B.V.", &["a"]);
            let import = Import {
                register: &second,
                source: "r.toml",
                author: "test",
                workers: &[],
                decisions: &[],
                events: Some((&path, 7)),
                time_zone: "Asia/Tokyo",
            };
            other.import(&import).await.unwrap();
        })
        .await
        .unwrap();
        // The same request: the same moment, the register and the zone together.
        assert_eq!(name(store.latest_register().await.unwrap()), "Eerste B.V.");
        assert_eq!(store.events_time_zone().await.unwrap(), "Europe/Amsterdam");
    })
    .await;
    // The next request: the other process's version, and its zone.
    store::one_snapshot(async {
        assert_eq!(name(store.latest_register().await.unwrap()), "Tweede B.V.");
        assert_eq!(store.events_time_zone().await.unwrap(), "Asia/Tokyo");
        assert_eq!(store.events_file().await.unwrap(), Some((events.clone(), 7)));
        // An import inside a request is seen by the rest of it.
        store.import(&import("Derde B.V.", "Europe/Lisbon")).await.unwrap();
        assert_eq!(name(store.latest_register().await.unwrap()), "Derde B.V.");
        assert_eq!(store.events_time_zone().await.unwrap(), "Europe/Lisbon");
    })
    .await;
    // Outside a request every call asks: the already parsed version is reused, and is right.
    let latest = store.latest_register().await.unwrap().unwrap();
    assert_eq!((latest.id, latest.register.organisation.name.as_str()), (3, "Derde B.V."));
    assert_eq!(latest, store.latest_register().await.unwrap().unwrap());
    // Reused, not read again: a document changed by hand under the parsed version is not parsed
    // by this store, while a store that never parsed it (another process) reads it, broken.
    let raw = store::Raw::open(dir.path()).await.unwrap();
    assert_eq!(raw.run("UPDATE register_version SET document = 'not json' WHERE id = 3").await.unwrap(), 1);
    assert_eq!(store.latest_register().await.unwrap().unwrap(), latest, "the parsed version is kept");
    let fresh = Store::open(dir.path()).await.unwrap();
    assert!(matches!(fresh.latest_register().await, Err(store::Error::Corrupt { id: 3, .. })));
}

/// A URL shown in a message never carries a password, even one after `?` or an `@` inside it.
#[test]
fn a_database_url_is_shown_without_its_password() {
    use store::Database;
    let shown = |url: &str| Database::Postgres(url.into()).shown();
    assert_eq!(shown("postgres://u:p@ss@db.example:5432/inzage"), "postgres://u@db.example:5432/inzage");
    assert_eq!(shown("postgres://db.example/inzage?password=secret&sslmode=require"), "postgres://db.example/inzage");
    assert_eq!(shown("postgresql://u@h/d#password"), "postgresql://u@h/d");
    assert_eq!(
        Database::from_option(Some("mysql://x")).map(|_| ()),
        Err(Database::from_option(Some("x")).unwrap_err())
    );
    assert_eq!(Database::from_option(Some("  ")), Ok(Database::Embedded));
}

/// PostgreSQL is used only where it compares text as SQLite does (`Store::open` refuses others).
#[test]
fn only_a_database_that_sorts_text_byte_by_byte_is_taken() {
    assert!(store::sorts_bytewise("C", "c"));
    assert!(store::sorts_bytewise("C.UTF-8", "c"));
    assert!(store::sorts_bytewise("POSIX", "c"));
    assert!(!store::sorts_bytewise("en_US.UTF-8", "c"));
    assert!(!store::sorts_bytewise("nl_NL.utf8", "c"));
    // ICU decides the order whatever datcollate says.
    assert!(!store::sorts_bytewise("C", "i"));
}
