//! `inzage cluster` and `inzage audit --cluster`: the events prepared in order, and (with the
//! `cluster` feature) a scheduler and two executors as separate processes on loopback whose
//! audit equals the one on this machine byte for byte.

use std::path::Path;

use super::{generate_small, inzage, stderr, stdout};

/// `generate_small`'s events prepared for a cluster in `dir/events.parquet`.
fn prepared(dir: &Path) -> std::path::PathBuf {
    generate_small(dir);
    let out = dir.join("sequenced.parquet");
    let events = dir.join("events.parquet");
    let o = inzage(&["cluster", "prepare", "--events", events.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("written in order to"), "{}", stdout(&o));
    out
}

#[test]
fn prepare_names_a_bad_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "worker,time,kind\nA,2026-03-02T06:00:00Z,scan\nA,2026-03-02T07:00:00Z,\n").unwrap();
    let out = dir.path().join("out.parquet");
    let o = inzage(&["cluster", "prepare", "--events", bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.csv: line 3") && stderr(&o).contains("`kind`"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = inzage(&["cluster", "executor", "--scheduler", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("HOST:PORT"), "{}", stderr(&o));
}

#[cfg(not(feature = "cluster"))]
#[test]
fn without_the_feature_the_cluster_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let events = prepared(dir.path());
    for args in [
        vec!["cluster", "scheduler", "--port", "1"],
        vec!["cluster", "executor", "--scheduler", "127.0.0.1:1"],
        vec!["audit", "--events", events.to_str().unwrap(), "--cluster", "df://127.0.0.1:1"],
    ] {
        let o = inzage(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--features cluster"), "{args:?}: {}", stderr(&o));
    }
}

/// A free port on loopback, and the one after it.
#[cfg(feature = "cluster")]
fn free_ports() -> u16 {
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if port < u16::MAX && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
}

/// Processes killed when the test ends, however it ends.
#[cfg(feature = "cluster")]
struct Processes(Vec<std::process::Child>);

#[cfg(feature = "cluster")]
impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[cfg(feature = "cluster")]
#[test]
fn a_scheduler_and_two_executor_processes_give_this_machines_report() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let sequenced = prepared(dir.path());
    let g = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let scheduler = free_ports();
    // Before anything listens: a file that was not prepared, and a scheduler that is not there.
    let refused = |events: String, expected: &str| {
        let url = format!("df://127.0.0.1:{scheduler}");
        let o = inzage(&["audit", "--events", &events, "--target", "scan=854", "--cluster", &url]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    };
    refused(g("events.parquet"), "no column `seq`; the cluster reads events in inzage's columns");
    refused(sequenced.to_str().unwrap().to_owned(), "no scheduler answers at df://127.0.0.1:");
    let spawn =
        |args: &[String]| super::command().args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let mut processes =
        Processes(vec![spawn(&["cluster".into(), "scheduler".into(), "--port".into(), scheduler.to_string()])]);
    // The executors start once the scheduler listens.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", scheduler)).is_err() {
        assert!(std::time::Instant::now() < deadline, "the scheduler did not listen");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for _ in 0..2 {
        let port = free_ports();
        processes.0.push(spawn(&[
            "cluster".into(),
            "executor".into(),
            "--scheduler".into(),
            format!("127.0.0.1:{scheduler}"),
            "--port".into(),
            port.to_string(),
        ]));
    }
    let audit = |events: &str, cluster: Option<String>| {
        let mut args = vec![
            "audit".to_owned(),
            "--events".into(),
            events.to_owned(),
            "--workers".into(),
            g("workers.csv"),
            "--decisions".into(),
            g("decisions.csv"),
            "--register".into(),
            g("register.toml"),
            "--min-group".into(),
            "5".into(),
        ];
        if let Some(url) = cluster {
            args.extend(["--cluster".into(), url]);
        }
        let o = super::command().args(&args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let here = audit(&g("events.parquet"), None);
    let there = audit(sequenced.to_str().unwrap(), Some(format!("df://127.0.0.1:{scheduler}")));
    assert_eq!(there, here, "the report, byte for byte");
    let report: serde_json::Value = serde_json::from_str(&here).unwrap();
    assert!(report["shifts"].as_u64().unwrap() > 10, "{report}");
    // Both executors are still there to be stopped: neither fell over.
    for child in &mut processes.0 {
        assert!(child.try_wait().unwrap().is_none(), "a cluster process ended early");
    }
}
