//! Accounts, sessions, invitations, contests and the access log against a real SQLite file.

use domain::{Decision, Role};
use sqlx::Row;
use store::{ChainBreak, Error, Head, Opened, Store};

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
    assert_eq!(store.end_sessions(a.id).await.unwrap(), (2, 0));
    assert!(store.session("s3", 5_001, 1_800, 43_200).await.unwrap().is_none());
}

#[tokio::test]
async fn an_invitation_sets_a_password_once_and_not_after_it_expires() {
    let (_dir, store) = fresh().await;
    let a = store.invite("new", Role::Council, None, None, "inv", 2_000).await.unwrap();
    assert!(!a.active);
    store.invite("late", Role::Expert, None, None, "old", 500).await.unwrap();
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
    assert_eq!(store.open_contest("P-1", "w1", theirs, deadline, "not mine", 5).await.unwrap(), Opened::NotTheirs);
    let Opened::Opened(id) =
        store.open_contest("P-1", "w1", mine[0].0, deadline, "the scanner was broken", 5).await.unwrap()
    else {
        panic!("not opened")
    };
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
    assert_eq!(entries(&store).await, Ok(0));
    for (actor, worker) in [("w1", "P-1"), ("admin", "P-1"), ("w2", "P-2")] {
        store.log_access(actor, Role::Worker, worker, "page /me").await.unwrap();
    }
    assert_eq!(entries(&store).await, Ok(3));
    assert_eq!(store.access_log("P-1", Some(1)).await.unwrap().len(), 1);
    let mine = store.access_log("P-1", None).await.unwrap();
    assert_eq!(mine.iter().map(|a| a.actor.as_str()).collect::<Vec<_>>(), ["admin", "w1"]);
    assert_eq!(mine[0].prev_hash, mine[1].hash);

    // The database refuses changes; someone with the file can drop the guard, and the chain shows it.
    let raw = store::Raw::open(dir.path()).await.unwrap();
    assert!(sqlx::query("UPDATE access_log SET what = 'x' WHERE id = 2").execute(raw.pool()).await.is_err());
    assert!(sqlx::query("DELETE FROM access_log WHERE id = 2").execute(raw.pool()).await.is_err());
    raw.drop_trigger("access_log", "access_log_append_only_update").await.unwrap();
    sqlx::query("UPDATE access_log SET actor = 'nobody' WHERE id = 2").execute(raw.pool()).await.unwrap();
    assert_eq!(entries(&store).await, Err(ChainBreak { id: 2, reason: "log-changed" }));
    raw.drop_trigger("access_log", "access_log_append_only_delete").await.unwrap();
    sqlx::query("DELETE FROM access_log WHERE id = 1").execute(raw.pool()).await.unwrap();
    assert_eq!(entries(&store).await, Err(ChainBreak { id: 2, reason: "log-missing" }));
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
    assert_eq!(entries(&store).await, Ok(64));
}

/// The chain's verdict: its number of entries, or where it breaks.
async fn entries(store: &Store) -> Result<u64, ChainBreak> {
    store.verify_access_log(None).await.unwrap().map(|v| v.head.count)
}

/// The chain's verdict against a head noted down earlier.
async fn against(store: &Store, head: &Head) -> Result<u64, ChainBreak> {
    store.verify_access_log(Some(head)).await.unwrap().map(|v| v.head.count)
}

/// A connection to the database file as someone who holds only the file has it: the
/// append-only triggers dropped.
async fn raw_file(dir: &tempfile::TempDir) -> store::Raw {
    let raw = store::Raw::open(dir.path()).await.unwrap();
    raw.drop_trigger("access_log", "access_log_append_only_update").await.unwrap();
    raw.drop_trigger("access_log", "access_log_append_only_delete").await.unwrap();
    raw
}

/// The attacker's rewrite: every entry's link recomputed from the first, with a key (a guess,
/// or the real one) or as plain SHA-256 (the chain as it was before it was keyed).
async fn rechain(raw: &store::Raw, key: Option<&guard::LogKey>) {
    let rows = sqlx::query("SELECT id, time, actor, actor_role, worker, what FROM access_log ORDER BY id")
        .fetch_all(raw.pool())
        .await
        .unwrap();
    let mut prev = guard::CHAIN_START.to_owned();
    for r in rows {
        let id: i64 = r.get("id");
        let fields: Vec<String> = ["time", "actor", "actor_role", "worker", "what"].iter().map(|c| r.get(*c)).collect();
        let mut all = vec![id.to_string()];
        all.extend(fields);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let hash = match key {
            Some(key) => key.link(&prev, &all),
            None => guard::chain_hash(&prev, &all),
        };
        sqlx::query("UPDATE access_log SET prev_hash = $1, hash = $2 WHERE id = $3")
            .bind(&prev)
            .bind(&hash)
            .bind(id)
            .execute(raw.pool())
            .await
            .unwrap();
        prev = hash;
    }
}

/// Three reads of P-1's data, the second by the admin; the head the works council noted down.
async fn three_reads() -> (tempfile::TempDir, Store, Head) {
    let (dir, store) = fresh().await;
    store.log_access("w1", Role::Worker, "P-1", "page /me").await.unwrap();
    store.log_access("privacy", Role::Admin, "P-1", "contest /contests/1").await.unwrap();
    store.log_access("w1", Role::Worker, "P-1", "archive /me/archive.zip").await.unwrap();
    let head = store.access_log_head().await.unwrap();
    assert_eq!(head.count, 3);
    assert_eq!(against(&store, &head).await, Ok(3));
    assert_eq!(head.to_string().parse::<Head>(), Ok(head.clone()), "COUNT:HASH reads back");
    (dir, store, head)
}

#[tokio::test]
async fn the_last_entry_deleted_from_the_file_is_caught_by_the_head_noted_down() {
    let (dir, store, head) = three_reads().await;
    let raw = raw_file(&dir).await;
    sqlx::query("DELETE FROM access_log WHERE id = 3").execute(raw.pool()).await.unwrap();
    // What is left is a whole chain; only the anchor outside the database shows the cut.
    assert_eq!(entries(&store).await, Ok(2));
    assert_eq!(against(&store, &head).await, Err(ChainBreak { id: 3, reason: "log-cut" }));
}

#[tokio::test]
async fn an_admin_read_rewritten_as_the_workers_own_is_caught_even_with_every_hash_recomputed_without_the_key() {
    let (dir, store, head) = three_reads().await;
    let raw = raw_file(&dir).await;
    sqlx::query("UPDATE access_log SET actor = 'w1', actor_role = 'worker' WHERE id = 2")
        .execute(raw.pool())
        .await
        .unwrap();
    assert_eq!(entries(&store).await, Err(ChainBreak { id: 2, reason: "log-changed" }));
    // Recomputed as the old, unkeyed chain.
    rechain(&raw, None).await;
    assert_eq!(entries(&store).await, Err(ChainBreak { id: 1, reason: "log-changed" }));
    // Recomputed under a key of the attacker's own.
    rechain(&raw, Some(&guard::LogKey::new([1; 32]))).await;
    assert_eq!(entries(&store).await, Err(ChainBreak { id: 1, reason: "log-changed" }));
    assert_eq!(against(&store, &head).await, Err(ChainBreak { id: 1, reason: "log-changed" }));
}

#[tokio::test]
async fn an_actor_rewritten_by_someone_with_the_key_is_caught_by_the_head_noted_down() {
    let (dir, store, head) = three_reads().await;
    let key = guard::LogKey::load(&dir.path().join(guard::LOG_KEY_FILE)).unwrap().unwrap();
    let raw = raw_file(&dir).await;
    sqlx::query("UPDATE access_log SET actor = 'w1', actor_role = 'worker' WHERE id = 2")
        .execute(raw.pool())
        .await
        .unwrap();
    rechain(&raw, Some(&key)).await;
    // With the key the chain can be made whole again; the head noted down outside cannot.
    assert_eq!(entries(&store).await, Ok(3));
    assert_eq!(against(&store, &head).await, Err(ChainBreak { id: 3, reason: "log-head-differs" }));
    // A head noted down when the log was shorter still holds for the entries before the change.
    assert_eq!(against(&store, &Head { count: 0, hash: guard::CHAIN_START.into() }).await, Ok(3));
}

#[tokio::test]
async fn a_log_from_before_the_key_verifies_and_its_keyed_start_cannot_be_moved() {
    let (dir, store) = fresh().await;
    drop(store);
    // A database from before migration 0007: two entries with plain SHA-256 links, no key yet.
    let raw = raw_file(&dir).await;
    for (id, actor) in [(1, "w1"), (2, "privacy")] {
        sqlx::query(
            "INSERT INTO access_log (id, time, actor, actor_role, worker, what, prev_hash, hash) \
             VALUES ($1, '2026-01-01T00:00:00Z', $2, 'worker', 'P-1', 'page /me', '', '')",
        )
        .bind(id)
        .bind(actor)
        .execute(raw.pool())
        .await
        .unwrap();
    }
    rechain(&raw, None).await;
    sqlx::query("UPDATE access_log_keyed SET since = 3, seal = NULL").execute(raw.pool()).await.unwrap();
    let key_file = dir.path().join(guard::LOG_KEY_FILE);
    std::fs::remove_file(&key_file).unwrap();

    // Opened again: a new key, the start sealed; old and new entries verify.
    let store = Store::open(dir.path()).await.unwrap();
    store.log_access("w1", Role::Worker, "P-1", "page /me").await.unwrap();
    let verified = store.verify_access_log(None).await.unwrap().unwrap();
    assert_eq!((verified.head.count, verified.unkeyed), (3, 2));

    // Moving the start past the keyed entry and rewriting it as an old, unkeyed one.
    sqlx::query("UPDATE access_log_keyed SET since = 4").execute(raw.pool()).await.unwrap();
    rechain(&raw, None).await;
    assert_eq!(entries(&store).await, Err(ChainBreak { id: 4, reason: "log-seal" }));
    // Moving it back and clearing the seal to have it sealed again: opening refuses.
    sqlx::query("UPDATE access_log_keyed SET since = 3, seal = NULL").execute(raw.pool()).await.unwrap();
    drop(store);
    assert!(matches!(Store::open(dir.path()).await, Err(Error::LogKeyUnsealed(_))));
    // Without its key file the log can be neither checked nor continued.
    let store_dir = tempfile::tempdir().unwrap();
    drop(Store::open(store_dir.path()).await.unwrap());
    std::fs::remove_file(store_dir.path().join(guard::LOG_KEY_FILE)).unwrap();
    assert!(matches!(Store::open(store_dir.path()).await, Err(Error::LogKeyMissing(_))));
}

/// Group commit: entries written together still form one chain, each exactly once, and every
/// caller returns only after its own entry is in the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn entries_committed_together_are_each_in_the_chain_once_before_their_caller_returns() {
    let (_dir, store) = fresh().await;
    let mut tasks = Vec::new();
    for i in 0..300 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let what = format!("page {i}");
            store.log_access("w", Role::Worker, "P-1", &what).await.unwrap();
            // Returned: the entry is there, whoever's transaction wrote it.
            let mine = store.access_log("P-1", None).await.unwrap();
            assert_eq!(mine.iter().filter(|a| a.what == what).count(), 1, "{what}");
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(entries(&store).await, Ok(300));
    let all = store.access_log("P-1", None).await.unwrap();
    let whats: std::collections::BTreeSet<&str> = all.iter().map(|a| a.what.as_str()).collect();
    assert_eq!(whats.len(), 300);
}

/// When the database refuses a group's transaction, every caller in it hears so (none hangs),
/// nothing of the group is in the chain, and the next entries chain on as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refused_group_commit_fails_every_caller_in_it_and_leaves_the_chain_whole() {
    let (dir, store) = fresh().await;
    store.log_access("w", Role::Worker, "P-1", "page before").await.unwrap();
    let raw = store::Raw::open(dir.path()).await.unwrap();
    raw.refuse_inserts("access_log", "refuse", "disk full").await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..50 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let what = format!("page {i}");
            let write = store.log_access("w", Role::Worker, "P-1", &what);
            tokio::time::timeout(std::time::Duration::from_secs(20), write).await
        }));
    }
    for t in tasks {
        let answered = t.await.unwrap().expect("a caller hung");
        let err = answered.expect_err("written although the database refused");
        assert!(err.to_string().contains("disk full"), "{err}");
    }
    raw.drop_trigger("access_log", "refuse").await.unwrap();
    store.log_access("w", Role::Worker, "P-1", "page after").await.unwrap();
    assert_eq!(entries(&store).await, Ok(2));
}
