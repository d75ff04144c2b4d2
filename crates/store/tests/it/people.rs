//! Accounts, sessions, invitations, contests and the access log against a real SQLite file.

use domain::{Decision, Role};
use store::{ChainBreak, Error, Store};

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn names_are_unique_and_a_worker_account_needs_a_worker() {
    let (_dir, store) = fresh().await;
    store.add_account("anna", Role::Admin, None, Some("$argon2id$x")).await.unwrap();
    assert!(matches!(store.add_account("anna", Role::Council, None, None).await, Err(Error::Taken(n)) if n == "anna"));
    assert!(store.add_account("bob", Role::Worker, None, Some("h")).await.is_err(), "a worker without a pseudonym");
    assert!(store.add_account("cas", Role::Council, Some("P-1"), Some("h")).await.is_err(), "a council with one");
    let (account, hash) = store.account_for_login("anna").await.unwrap().unwrap();
    assert_eq!((account.role, hash.as_deref()), (Role::Admin, Some("$argon2id$x")));
    assert_eq!(store.account_for_login("nobody").await.unwrap(), None);
}

#[tokio::test]
async fn sessions_expire_when_idle_or_old_and_log_out_everywhere_ends_them_all() {
    let (_dir, store) = fresh().await;
    let a = store.add_account("w", Role::Worker, Some("P-1"), Some("h")).await.unwrap();
    store.create_session(a.id, "s1", "c1", 1_000).await.unwrap();
    store.create_session(a.id, "s2", "c2", 1_000).await.unwrap();
    let s = store.session("s1", 1_100, 1_800, 43_200).await.unwrap().unwrap();
    assert_eq!((s.account.name.as_str(), s.csrf.as_str()), ("w", "c1"));
    // Touched at 1,100: idle from then.
    assert!(store.session("s1", 2_800, 1_800, 43_200).await.unwrap().is_some());
    assert!(store.session("s1", 2_800 + 1_801, 1_800, 43_200).await.unwrap().is_none(), "idle too long");
    assert!(store.session("s1", 2_800, 1_800, 43_200).await.unwrap().is_none(), "deleted once expired");
    assert!(store.session("s2", 1_000 + 43_201, 100_000, 43_200).await.unwrap().is_none(), "too old");
    store.create_session(a.id, "s3", "c3", 5_000).await.unwrap();
    store.create_session(a.id, "s4", "c4", 5_000).await.unwrap();
    assert_eq!(store.end_sessions(a.id).await.unwrap(), 2);
    assert!(store.session("s3", 5_001, 1_800, 43_200).await.unwrap().is_none());
}

#[tokio::test]
async fn an_invitation_sets_a_password_once_and_not_after_it_expires() {
    let (_dir, store) = fresh().await;
    let a = store.invite("new", Role::Council, None, "inv", 2_000).await.unwrap();
    assert!(!a.active);
    store.invite("late", Role::Expert, None, "old", 500).await.unwrap();
    assert_eq!(store.invitation("inv", 1_000).await.unwrap().map(|a| a.name), Some("new".into()));
    assert_eq!(store.invitation("old", 1_000).await.unwrap(), None, "expired");
    assert!(!store.accept_invitation("old", 1_000, "h").await.unwrap());
    assert!(store.accept_invitation("inv", 1_000, "h").await.unwrap());
    assert!(!store.accept_invitation("inv", 1_000, "h2").await.unwrap(), "used once");
    let (account, hash) = store.account_for_login("new").await.unwrap().unwrap();
    assert!(account.active);
    assert_eq!(hash.as_deref(), Some("h"));
}

async fn with_decisions(store: &Store, dir: &std::path::Path) {
    let register = domain::Register {
        format: domain::REGISTER_FORMAT.into(),
        organisation: domain::Organisation::new("X"),
        systems: Vec::new(),
    };
    let d = |worker: &str, time: &str| Decision {
        worker: worker.into(),
        time: time.parse().unwrap(),
        decision: "warning".into(),
        automated: Some(true),
        reviewed: None,
        review_seconds: None,
        overturned: None,
        score: Some(700.0),
        reason: Some("below the line".into()),
    };
    let decisions = [d("P-1", "2026-03-02T13:00:00Z"), d("P-2", "2026-03-03T13:00:00Z")];
    let source = dir.display().to_string();
    let import = store::Import {
        register: &register,
        source: &source,
        author: "t",
        workers: &[],
        decisions: &decisions,
        events: None,
        time_zone: domain::DEFAULT_TIME_ZONE,
    };
    store.import(&import).await.unwrap();
}

#[tokio::test]
async fn a_worker_contests_only_their_own_decision_and_every_step_is_kept() {
    let (dir, store) = fresh().await;
    with_decisions(&store, dir.path()).await;
    let mine = store.decisions_of("P-1").await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1.reason.as_deref(), Some("below the line"));
    let theirs = store.decisions_of("P-2").await.unwrap()[0].0;
    let deadline = jiff::civil::date(2026, 4, 2);
    assert_eq!(store.open_contest("P-1", "w1", theirs, deadline, "not mine").await.unwrap(), None);
    let id = store.open_contest("P-1", "w1", mine[0].0, deadline, "the scanner was broken").await.unwrap().unwrap();
    assert_eq!(store.contests(Some("P-2")).await.unwrap(), vec![]);
    assert!(store.answer_contest(id, "admin", true, "the scanner log confirms it").await.unwrap());
    assert!(!store.answer_contest(id, "admin", false, "again").await.unwrap(), "answered once");
    let c = store.contest(id).await.unwrap().unwrap();
    assert!(c.answered);
    assert_eq!(c.deadline, "2026-04-02");
    let steps: Vec<(&str, Option<&str>, &str)> =
        c.steps.iter().map(|s| (s.kind.as_str(), s.outcome.as_deref(), s.text.as_str())).collect();
    assert_eq!(
        steps,
        [("opened", None, "the scanner was broken"), ("answered", Some("overturned"), "the scanner log confirms it")]
    );
}

#[tokio::test]
async fn the_access_log_is_append_only_and_tampering_breaks_the_chain() {
    let (dir, store) = fresh().await;
    assert_eq!(store.verify_access_log().await.unwrap(), Ok(0));
    for (actor, worker) in [("w1", "P-1"), ("admin", "P-1"), ("w2", "P-2")] {
        store.log_access(actor, Role::Worker, worker, "page /me").await.unwrap();
    }
    assert_eq!(store.verify_access_log().await.unwrap(), Ok(3));
    assert_eq!(store.access_log("P-1", Some(1)).await.unwrap().len(), 1);
    let mine = store.access_log("P-1", None).await.unwrap();
    assert_eq!(mine.iter().map(|a| a.actor.as_str()).collect::<Vec<_>>(), ["admin", "w1"]);
    assert_eq!(mine[0].prev_hash, mine[1].hash);

    // The database refuses changes; someone with the file can drop the guard, and the chain shows it.
    let url = format!("sqlite:{}", dir.path().join(store::DB_FILE).display());
    let raw = sqlx::SqlitePool::connect(&url).await.unwrap();
    assert!(sqlx::query("UPDATE access_log SET what = 'x' WHERE id = 2").execute(&raw).await.is_err());
    assert!(sqlx::query("DELETE FROM access_log WHERE id = 2").execute(&raw).await.is_err());
    sqlx::query("DROP TRIGGER access_log_append_only_update").execute(&raw).await.unwrap();
    sqlx::query("UPDATE access_log SET actor = 'nobody' WHERE id = 2").execute(&raw).await.unwrap();
    assert_eq!(
        store.verify_access_log().await.unwrap(),
        Err(ChainBreak { id: 2, reason: "its fields were changed after it was written" })
    );
    sqlx::query("DROP TRIGGER access_log_append_only_delete").execute(&raw).await.unwrap();
    sqlx::query("DELETE FROM access_log WHERE id = 1").execute(&raw).await.unwrap();
    assert_eq!(
        store.verify_access_log().await.unwrap(),
        Err(ChainBreak { id: 2, reason: "an entry before this one is missing" })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_reads_of_personal_data_all_reach_the_chain() {
    let (_dir, store) = fresh().await;
    let a = store.add_account("w", Role::Worker, Some("P-1"), Some("h")).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..64 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            // Other writes in between, as sessions being created and touched are.
            store.create_session(a.id, &format!("s{i}"), "c", 1_000).await.unwrap();
            store.session(&format!("s{i}"), 1_100, 1_800, 43_200).await.unwrap();
            store.log_access("w", Role::Worker, "P-1", &format!("page {i}")).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(store.verify_access_log().await.unwrap(), Ok(64));
}
