//! Imports that survive failure: `inzage import` killed with SIGKILL at every point of its work
//! (security review M8, L14), and files it must refuse.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::{command, generate_small, http_get, inzage, stderr, stop};

/// Every point at which the import can be stopped (`INZAGE_IMPORT_PAUSE`, portal's `pause_at`):
/// before, during and after the copy, inside the transaction and after it.
const POINTS: [&str; 6] = ["before-copy", "copying", "copied", "in-transaction", "committed", "finished"];

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The files in the data folder's `events/`, sorted.
fn events_folder(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join(portal::EVENTS_DIR))
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// What the data folder serves: its versions, its events file, and the events the portal's
/// audits read from that file.
async fn served(data: &Path) -> (i64, PathBuf, u64) {
    let store = store::Store::open(data).await.unwrap();
    let overview = store.overview().await.unwrap();
    let (events, _) = overview.events.clone().expect("an events file");
    let key = guard::Pseudonymiser::load_or_create(&guard::Pseudonymiser::key_path(data)).unwrap();
    let portal = portal::Portal::new(store, key).unwrap();
    let current = portal.current_audits().await.expect("the portal reads what is loaded");
    assert!(current.failed.is_empty(), "every audit reads the file");
    let audits = current.audited;
    assert!(!audits.is_empty(), "the register has a system with a norm");
    for (_, audited) in &audits {
        assert_eq!(audited.events, events, "the audit reads the data set's own file");
    }
    (overview.register_versions, events, audits[0].1.report.events)
}

#[tokio::test]
async fn an_import_killed_at_any_point_leaves_a_whole_version_served_and_its_leftovers_are_removed() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate_small(first.path());
    // The second import brings another, larger events file (CSV: more than one chunk of the copy).
    let o = inzage(&[
        "generate",
        "--workers",
        "20",
        "--days",
        "2",
        "--seed",
        "9",
        "--format",
        "csv",
        "--out",
        s(second.path()),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let g = |name: &str| first.path().join(name).to_str().unwrap().to_owned();
    let new_events = second.path().join("events.csv");
    assert!(std::fs::metadata(&new_events).unwrap().len() > 1 << 20, "the copy is stopped half-way");

    for point in POINTS {
        let data = tempfile::tempdir().unwrap();
        let d = s(data.path());
        super::import_all(first.path(), data.path());
        let (_, old_file, old_events) = served(data.path()).await;
        let old_bytes = std::fs::read(&old_file).unwrap();

        let mut import = command()
            .args(["import", "--data-dir", d, "--register", &g("register.toml"), "--events", s(&new_events)])
            .env("INZAGE_IMPORT_PAUSE", point)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut said = String::new();
        let mut lines = BufReader::new(import.stderr.take().unwrap()).lines();
        if point != "finished" {
            // Wait until it stands at the point, then kill it (SIGKILL: no clean-up runs).
            for line in lines.by_ref() {
                let line = line.unwrap();
                said.push_str(&line);
                if line.contains(&format!("paused at {point}")) {
                    break;
                }
            }
            assert!(said.contains(point), "the import never reached {point}: {said}");
            import.kill().unwrap();
        }
        let status = import.wait().unwrap();
        assert_eq!(status.success(), point == "finished", "{point}");

        let (versions, file, events) = served(data.path()).await;
        let switched = matches!(point, "committed" | "finished");
        if switched {
            assert_eq!(versions, 2, "{point}: the new version is whole");
            assert_ne!(file, old_file, "{point}: the new version has a file of its own");
            assert!(events > old_events, "{point}: the portal reads the new events");
        } else {
            assert_eq!(versions, 1, "{point}: nothing of the killed import is loaded");
            assert_eq!(file, old_file, "{point}");
            assert_eq!(events, old_events, "{point}: the portal reads the previous events");
        }
        if !switched || point == "committed" {
            // The file the previous version used was never written to, renamed or removed.
            assert_eq!(std::fs::read(&old_file).unwrap(), old_bytes, "{point}: the previous events file is intact");
        }

        // The next start removes what the killed import left, and keeps the file in use.
        let mut serve = command()
            .args(["serve", "--data-dir", d, "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let addr = super::address(&mut serve);
        let home = http_get(&addr, "/");
        let log = stop(serve);
        assert!(home.starts_with("HTTP/1.1 200"), "{point}: {home}");
        let in_use = file.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(events_folder(data.path()), [in_use], "{point}: only the file in use is left; serve said {log}");
        if point == "copying" {
            assert!(log.contains(".partial"), "{point}: the leftover is named: {log}");
        }
    }
}

/// Security review M9 and L10: `import` took an events file with one malformed row, or a header
/// with a column twice, and then every worker's page failed with 500. Now the file is read as the
/// portal reads it, and refused (exit 2, naming the row or the column); nothing changes.
#[tokio::test]
async fn an_events_file_the_portal_cannot_read_is_refused_at_import_with_its_row() {
    let (generated, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let o = inzage(&["generate", "--workers", "12", "--days", "1", "--format", "csv", "--out", s(generated.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let g = |name: &str| generated.path().join(name).to_str().unwrap().to_owned();
    let d = s(data.path());
    let o = inzage(&["import", "--data-dir", d, "--register", &g("register.toml"), "--events", &g("events.csv")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = events_folder(data.path());

    let good = std::fs::read_to_string(g("events.csv")).unwrap();
    let header = good.lines().next().unwrap().to_owned();
    let rows = good.lines().count() - 1;
    let first = good.lines().nth(1).unwrap().to_owned();
    let cases = [
        // One row with a field too many, at the end: the engine stopped there, in the portal.
        ("extra-field.csv", format!("{good}{first},surplus\n"), "line".to_owned()),
        // One row whose time cannot be read, named by row and column.
        (
            "bad-time.csv",
            format!("{good}{}\n", first.replacen(first.split(',').nth(1).unwrap(), "soon", 1)),
            format!("(row {} after the header), column `time`", rows + 1),
        ),
        // A header with a column twice (the last one would silently win).
        (
            "twice.csv",
            good.replacen(&header, &format!("{header},kind"), 1),
            "the column `kind` appears more than once".to_owned(),
        ),
        // A byte-order mark is not a problem: this one is read.
        ("bom.csv", format!("\u{feff}{good}"), String::new()),
    ];
    for (name, text, said) in cases {
        let bad = generated.path().join(name);
        std::fs::write(&bad, text).unwrap();
        let o = inzage(&["import", "--data-dir", d, "--register", &g("register.toml"), "--events", s(&bad)]);
        if said.is_empty() {
            assert!(o.status.success(), "{name}: {}", stderr(&o));
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(name) && stderr(&o).contains(&said), "{name}: {}", stderr(&o));
        assert_eq!(super::versions(data.path()).await, 1, "{name}: nothing is loaded");
        assert_eq!(events_folder(data.path()), before, "{name}: nothing is copied");
    }
}

/// Security review M7 and L10: a workers file with a `name` column was stored in clear beside
/// the pseudonym, and one with the `worker` header twice stored the second identifier in clear.
/// Now an identifying column is not stored (and import says so), and a repeated header is
/// refused with exit 2, naming it.
#[tokio::test]
async fn a_name_column_is_not_stored_and_a_second_worker_column_is_refused() {
    let (generated, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate_small(generated.path());
    let register = generated.path().join("register.toml");
    let d = s(data.path());
    let workers = generated.path().join("named.csv");
    let mut text = String::from("worker,name,staff_number,contract\n");
    for i in 1..=30 {
        text.push_str(&format!(
            "W{i:04},de Vries {i},{},{}\n",
            1000 + i,
            if i % 3 == 0 { "flex" } else { "permanent" }
        ));
    }
    std::fs::write(&workers, &text).unwrap();
    let o = inzage(&["import", "--data-dir", d, "--register", s(&register), "--workers", s(&workers)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("not stored") && said.contains("name, staff_number"), "{said}");
    let store = store::Store::open(data.path()).await.unwrap();
    let stored = store.workers().await.unwrap();
    assert_eq!(stored.len(), 30);
    for w in &stored {
        assert_eq!(w.attributes.keys().collect::<Vec<_>>(), ["contract"], "{:?}", w.attributes);
        assert!(w.id.starts_with("P-"), "only the pseudonym: {}", w.id);
    }
    drop(store);

    let twice = generated.path().join("twice.csv");
    std::fs::write(&twice, "worker,worker,gender\nW0001,W0009,m\nW0002,W0010,f\n").unwrap();
    let o = inzage(&["import", "--data-dir", d, "--register", s(&register), "--workers", s(&twice)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("twice.csv") && stderr(&o).contains("the column `worker` appears more than once"),
        "{}",
        stderr(&o)
    );
    assert_eq!(super::versions(data.path()).await, 1);
}

/// Security review L3: with umask 022 the data folder was 0755 and the database, its `-wal`
/// and `-shm`, and the events copy (raw worker identifiers) 0644: any local user could read
/// them. A key others can read was used without a word.
#[cfg(unix)]
#[tokio::test]
async fn another_local_user_cannot_read_the_data_folder_and_a_readable_key_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let (generated, parent) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate_small(generated.path());
    let g = |name: &str| generated.path().join(name).to_str().unwrap().to_owned();
    let data = parent.path().join("inzage-data");
    let o = command()
        .args(["import", "--data-dir", s(&data), "--register", &g("register.toml"), "--events", &g("events.parquet")])
        .args(["--workers", &g("workers.csv")])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("can be read by others"), "a new key is the owner's: {}", stderr(&o));
    assert_eq!(mode(&data), 0o700, "the data folder");
    assert_eq!(mode(&data.join(portal::EVENTS_DIR)), 0o700, "events/");
    for name in [store::DB_FILE.to_owned(), format!("{}-wal", store::DB_FILE), format!("{}-shm", store::DB_FILE)] {
        if data.join(&name).exists() {
            assert_eq!(mode(&data.join(&name)), 0o600, "{name}");
        }
    }
    let copy = data.join(portal::EVENTS_DIR).join(&events_folder(&data)[0]);
    assert_eq!(mode(&copy), 0o600, "the events copy holds raw identifiers");

    std::fs::set_permissions(data.join("pseudonym.key"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = command()
        .args(["import", "--data-dir", s(&data), "--register", &g("register.toml")])
        .env_remove("INZAGE_KEY_FILE")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("can be read by others (mode 644)"), "{}", stderr(&o));
}

/// Security review L8: `inzage audit` on a crafted 15-byte Parquet file panicked in the parquet
/// crate (exit 101), and a CSV row with a field too many was "query engine: …" with exit 1.
/// Both are the file's fault: exit 2, the file named.
#[test]
fn a_fifteen_byte_parquet_and_a_ragged_csv_row_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("x.parquet");
    std::fs::write(&parquet, b"PAR1garbagePAR1").unwrap();
    let ragged = dir.path().join("ragged.csv");
    std::fs::write(&ragged, "worker,time,kind\nW1,2026-03-02T06:00:00Z,scan\nW1,2026-03-02T06:00:05Z,scan,3\n")
        .unwrap();
    for file in [&parquet, &ragged] {
        let o = inzage(&["audit", "--events", s(file), "--target", "scan=854"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(stderr(&o).contains(name) && !stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
}

/// Security review L9: event kinds were looked up in a list (70,000 kinds took 10 s, a million
/// hours), and past 65,536 kinds their `u16` id wrapped, so events counted as another kind.
/// Now a hash map, and a file with more kinds than fit is refused, naming the row.
#[test]
fn an_events_file_with_more_kinds_than_fit_is_refused_not_counted_as_another_kind() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("kinds.csv");
    let mut text = String::from("worker,time,kind\n");
    for i in 0..=audit::MAX_KINDS {
        text.push_str(&format!("W1,{},k{i}\n", 1_770_000_000 + i));
    }
    std::fs::write(&events, text).unwrap();
    let o = inzage(&["audit", "--events", s(&events), "--target", "k0=854"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let row = audit::MAX_KINDS + 1;
    assert!(stderr(&o).contains(&format!("(row {row} after the header), column `kind`")), "{}", stderr(&o));
    assert!(stderr(&o).contains("different event kinds"), "{}", stderr(&o));
}

/// Security review L11: `demo` and `serve` share `./inzage-data`, and `demo --reset` deleted the
/// database there — contests and the append-only access log — without asking. Now it refuses a
/// database the demo did not make alone (exit 2, nothing deleted), unless `--force`.
#[tokio::test]
async fn demo_reset_refuses_to_wipe_a_folder_the_demo_did_not_make_unless_forced() {
    let (generated, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate_small(generated.path());
    let d = s(data.path());
    let register = generated.path().join("register.toml");
    let o = inzage(&["import", "--data-dir", d, "--register", s(&register)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = command()
        .args(["user", "add", "--role", "admin", "--name", "fg-jansen", "--password-stdin", "--data-dir", d])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"a long enough password\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));

    let o = inzage(&["demo", "--reset", "--data-dir", d, "--port", "0", "--workers", "12", "--days", "2"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("fg-jansen") && stderr(&o).contains("inzage import") && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(super::versions(data.path()).await, 1, "nothing was deleted");
    let accounts = store::Store::open(data.path()).await.unwrap().accounts().await.unwrap();
    assert_eq!(accounts.len(), 1);

    // With --force it starts over as the demo.
    let (child, addr) = super::start_demo(data.path(), &["--reset", "--force"]);
    let home = http_get(&addr, "/");
    let log = stop(child);
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(log.contains("Generating the demo organisation"), "{log}");
    let accounts = store::Store::open(data.path()).await.unwrap().accounts().await.unwrap();
    assert!(accounts.iter().all(|a| a.name != "fg-jansen"), "{accounts:?}");
}
