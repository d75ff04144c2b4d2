//! `cargo xtask bench audit [--sizes 10000000,100000000] [--runs 3]`: generates scanner events
//! with the generator, runs `inzage audit` end to end from Parquet, and runs the same definitions
//! (shifts, pauses, legal breaks, target attainment) as SQL in DuckDB in the same run; checks that
//! both give the same figures and prints both times, the ratio, peak memory against the input's
//! size in Arrow, and the load. Each size is timed twice: the generator's file, and the same
//! events as pandas writes them (categorical text).
//!
//! `cargo xtask bench notices [--workers 2000]`: a generated organisation of that many workers,
//! imported, and `inzage notices` timed writing every letter (PDF and HTML) and the index: the
//! reporting duty's "2,000 workers in under a minute" (issue 11).
//!
//! `cargo xtask bench inspector [--organisations 1000]`: that many generated organisations,
//! imported into one data folder, and the inspector's overview (`inzage report inspector`, HTML
//! and JSON) timed over them: issue 15's "under 300 ms at 1,000 organisations". The same run
//! times Python reading the same summary files and sorting them, as the floor to compare with.
//!
//! `cargo xtask load [--sessions 200] [--seconds 60] [--data-dir DIR]`: a load test of the worker
//! portal (and with `--seconds 600` a soak test); see the `load` module.
//!
//! `cargo xtask fuzz [--seconds 60] [TARGET…]`: runs each cargo-fuzz target in `fuzz/` for a
//! bounded time and prints executions and findings; see the `fuzz` module.

mod fuzz;
mod load;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// Events per worker over 30 days in the generator's demo organisation (23,558,050 / 200).
const EVENTS_PER_WORKER_30_DAYS: f64 = 117_790.0;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["bench", "audit", rest @ ..] => bench_audit(rest),
        ["bench", "notices", rest @ ..] => bench_notices(rest),
        ["bench", "inspector", rest @ ..] => bench_inspector(rest),
        ["load", rest @ ..] => load::run(rest),
        ["fuzz", rest @ ..] => fuzz::run(rest),
        _ => bail!(
            "usage: cargo xtask bench audit [--sizes 10000000,100000000] [--runs 3]\n       cargo xtask bench notices [--workers 2000]\n       cargo xtask bench inspector [--organisations 1000]\n       {}\n       {}",
            load::USAGE.trim_start_matches("usage: "),
            fuzz::USAGE.trim_start_matches("usage: ")
        ),
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// Runs a command under GNU time; returns (stdout, wall seconds, peak resident MB).
fn timed(cmd: &mut Command) -> anyhow::Result<(String, f64, f64)> {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("TIME %e %M")
        .arg(&program)
        .args(&args)
        .output()
        .with_context(|| format!("running {program:?} (is GNU time installed at /usr/bin/time?)"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        bail!("{program:?} failed: {stderr}");
    }
    let line = stderr.lines().rev().find(|l| l.starts_with("TIME ")).context("no timing line")?;
    let mut parts = line.split_whitespace().skip(1);
    let seconds: f64 = parts.next().context("no seconds")?.parse()?;
    let kb: f64 = parts.next().context("no memory")?.parse()?;
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), seconds, kb / 1024.0))
}

/// Builds the release `inzage` and returns its path.
fn release_inzage() -> anyhow::Result<PathBuf> {
    let status = Command::new("cargo").args(["build", "--release", "-p", "inzage"]).current_dir(root()).status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    Ok(target_dir().join("release/inzage"))
}

/// Installs the Python packages the audit benchmark uses when missing: DuckDB, and pandas with
/// pyarrow for the pandas-written copy of the events and the input's Arrow size.
fn ensure_python_packages() -> anyhow::Result<()> {
    for (module, package) in [("duckdb", "duckdb"), ("pandas", "pandas"), ("pyarrow", "pyarrow")] {
        let ok = Command::new("python3").args(["-c", &format!("import {module}")]).status()?.success();
        if !ok {
            let status = Command::new("python3").args(["-m", "pip", "install", "--quiet", package]).status()?;
            if !status.success() {
                bail!("cannot install the {package} Python package");
            }
        }
    }
    Ok(())
}

/// The events file as pandas writes it: the text columns categorical (dictionary-encoded, and
/// declared as dictionaries in the file's Arrow schema). Times stay in milliseconds, which the
/// DuckDB script's `epoch_ms` reads.
const PANDAS_COPY: &str = r#"
import sys
import pandas as pd
df = pd.read_parquet(sys.argv[1])
for column in ("worker", "kind", "system"):
    df[column] = df[column].astype("category")
df.to_parquet(sys.argv[2], index=False)
"#;

/// The size in Arrow of the columns the audit reads (worker, time, kind, quantity), text as
/// plain UTF-8 arrays, as the audit's engine holds them: what the audit's memory is measured
/// against.
const ARROW_SIZE: &str = r#"
import sys
import pyarrow as pa
import pyarrow.parquet as pq
table = pq.read_table(sys.argv[1], columns=["worker", "time", "kind", "quantity"])
columns = [c.cast(pa.string()) if pa.types.is_dictionary(c.type) else c for c in table.columns]
print(sum(c.nbytes for c in columns))
"#;

/// The median of `runs` timed runs of `cmd`: (stdout of the last, median wall seconds, highest peak MB).
fn timed_runs(runs: usize, cmd: &mut Command) -> anyhow::Result<(String, f64, f64)> {
    let mut walls = Vec::new();
    let (mut out, mut peak) = (String::new(), 0.0_f64);
    for _ in 0..runs.max(1) {
        let (o, s, mb) = timed(cmd)?;
        walls.push(s);
        peak = peak.max(mb);
        out = o;
    }
    walls.sort_by(f64::total_cmp);
    Ok((out, walls[walls.len() / 2], peak))
}

/// The machine's load average over the last minute: other work distorts the timings.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

fn bench_audit(rest: &[&str]) -> anyhow::Result<()> {
    const USAGE: &str = "usage: cargo xtask bench audit [--sizes 10000000,100000000] [--runs 3]";
    let mut sizes: Vec<u64> = vec![10_000_000, 100_000_000];
    let mut runs = 1;
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match (*arg, args.next()) {
            ("--sizes", Some(list)) => sizes = list.split(',').map(|s| s.trim().parse()).collect::<Result<_, _>>()?,
            ("--runs", Some(n)) => runs = n.parse()?,
            _ => bail!(USAGE),
        }
    }
    ensure_python_packages()?;
    let inzage = release_inzage()?;
    let work = std::env::temp_dir().join("inzage-bench");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("({cores} cores; median of {runs} run(s) each; peak memory the highest of them)");
    println!(
        "| events | workers | file | inzage s | DuckDB s | DuckDB / inzage | inzage peak MB | DuckDB peak MB | input Arrow MB | inzage peak / Arrow | input uncompressed MB | load | same figures |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for size in sizes {
        let workers = ((size as f64 / EVENTS_PER_WORKER_30_DAYS).round() as u64).max(1);
        let dir = work.join(format!("{workers}w"));
        let events = dir.join("events.parquet");
        if !events.exists() {
            let out = Command::new(&inzage)
                .args(["generate", "--workers", &workers.to_string(), "--days", "30", "--out"])
                .arg(&dir)
                .output()?;
            if !out.status.success() {
                bail!("generate failed: {}", String::from_utf8_lossy(&out.stderr));
            }
        }
        // The same events as pandas writes them (Spark too writes dictionary-encoded text,
        // without the Arrow schema).
        let pandas = dir.join("events-pandas.parquet");
        if !pandas.exists() {
            let status = Command::new("python3").arg("-c").arg(PANDAS_COPY).arg(&events).arg(&pandas).status()?;
            if !status.success() {
                bail!("cannot write the pandas copy of {}", events.display());
            }
        }
        let out = Command::new("python3").arg("-c").arg(ARROW_SIZE).arg(&events).output()?;
        if !out.status.success() {
            bail!("cannot measure the Arrow size: {}", String::from_utf8_lossy(&out.stderr));
        }
        let arrow_mb = String::from_utf8_lossy(&out.stdout).trim().parse::<f64>()? / 1e6;
        for (label, file) in [("generated", &events), ("pandas", &pandas)] {
            let load_before = load();
            let (ours, our_s, our_mb) = timed_runs(
                runs,
                Command::new(&inzage).arg("audit").arg("--events").arg(file).args([
                    "--target",
                    "scan=854",
                    "--resamples",
                    "0",
                ]),
            )?;
            let ours: serde_json::Value = serde_json::from_str(&ours)?;
            let script = root().join("bench/duckdb_audit.py");
            let (theirs, duck_s, duck_mb) =
                timed_runs(runs, Command::new("python3").arg(&script).arg(file).arg("854"))?;
            let theirs: serde_json::Value = serde_json::from_str(&theirs)?;
            let same = same_figures(&ours, &theirs);
            println!(
                "| {} | {workers} | {label} | {our_s:.2} | {duck_s:.2} | {:.2} | {our_mb:.0} | {duck_mb:.0} | {arrow_mb:.0} | {:.2} | {:.0} | {load_before}–{} | {} |",
                ours["events"],
                duck_s / our_s,
                our_mb / arrow_mb,
                theirs["uncompressed_bytes"].as_f64().unwrap_or(0.0) / 1e6,
                load(),
                if same { "yes" } else { "NO" },
            );
            if !same {
                bail!("the figures differ ({label}):\ninzage: {}\nDuckDB: {theirs}", ours["breaks"]);
            }
        }
    }
    Ok(())
}

fn same_figures(ours: &serde_json::Value, duck: &serde_json::Value) -> bool {
    let close = |a: &serde_json::Value, b: &serde_json::Value| match (a.as_f64(), b.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
        _ => false,
    };
    close(&ours["shifts"], &duck["shifts"])
        && close(&ours["breaks"]["shifts_needing_break"], &duck["shifts_needing_break"])
        && close(&ours["breaks"]["shifts_missing_legal_break"], &duck["shifts_missing_legal_break"])
        && close(&ours["norms"][0]["shifts_rated"], &duck["shifts_rated"])
        && close(&ours["norms"][0]["share_meeting_target"], &duck["share_meeting_target"])
        && close(&ours["norms"][0]["median_rate"], &duck["median_rate"])
}

fn bench_notices(args: &[&str]) -> anyhow::Result<()> {
    let workers: u32 = match args {
        ["--workers", n] => n.parse()?,
        [] => 2000,
        _ => bail!("usage: cargo xtask bench notices [--workers 2000]"),
    };
    let inzage = release_inzage()?;
    let work = std::env::temp_dir().join("inzage-bench-notices");
    let _ = std::fs::remove_dir_all(&work);
    let (generated, data, letters) = (work.join("generated"), work.join("data"), work.join("letters"));
    let run = |args: &[&std::ffi::OsStr]| -> anyhow::Result<()> {
        let out = Command::new(&inzage).args(args).output()?;
        if !out.status.success() {
            bail!("inzage {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(())
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    let n = workers.to_string();
    run(&[&os("generate"), &os("--workers"), &os(&n), &os("--days"), &os("1"), &os("--out"), generated.as_os_str()])?;
    let file = |name: &str| generated.join(name).into_os_string();
    run(&[
        &os("import"),
        &os("--data-dir"),
        data.as_os_str(),
        &os("--register"),
        &file("register.toml"),
        &os("--workers"),
        &file("workers.csv"),
        &os("--decisions"),
        &file("decisions.csv"),
    ])?;
    let (_, seconds, peak) = timed(
        Command::new(&inzage)
            .args(["notices", "--data-dir"])
            .arg(&data)
            .arg("--out")
            .arg(&letters)
            .arg("--workers")
            .arg(generated.join("workers.csv")),
    )?;
    let written = std::fs::read_dir(&letters)?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    let bytes: u64 =
        std::fs::read_dir(&letters)?.filter_map(Result::ok).filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum();
    println!(
        "| workers | letters (PDF + HTML) | seconds | letters/s | share of the 60 s budget | peak MB | MB written | cores |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {workers} | {written} | {seconds:.1} | {:.0} | {:.2} | {peak:.0} | {:.0} | {} |",
        written as f64 / seconds,
        seconds / 60.0,
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    if written != workers as usize {
        bail!("{written} letters for {workers} workers");
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// The Python floor of the overview: read every summary file, sort by violations, print JSON.
const PYTHON_OVERVIEW: &str = r#"
import json, os, sys
root = os.path.join(sys.argv[1], "organisations")
rows = []
for org in sorted(os.listdir(root)):
    with open(os.path.join(root, org, "summary.json")) as f:
        rows.append(json.load(f))
rows.sort(key=lambda s: (-sum(s["violations"].values()), s["name"].lower(), s["id"]))
json.dump({"total": len(rows), "organisations": rows}, sys.stdout)
"#;

fn bench_inspector(args: &[&str]) -> anyhow::Result<()> {
    let count: u32 = match args {
        ["--organisations", n] => n.parse()?,
        [] => 1000,
        _ => bail!("usage: cargo xtask bench inspector [--organisations 1000]"),
    };
    let inzage = release_inzage()?;
    let work = std::env::temp_dir().join("inzage-bench-inspector");
    let _ = std::fs::remove_dir_all(&work);
    let (generated, data) = (work.join("generated"), work.join("data"));
    let n = count.to_string();
    let (_, generate_s, _) =
        timed(Command::new(&inzage).args(["generate", "--organisations", &n, "--days", "1", "--out"]).arg(&generated))?;
    let (_, import_s, import_mb) =
        timed(Command::new(&inzage).arg("import").arg("--organisations").arg(&generated).arg("--data-dir").arg(&data))?;
    let runs = 7;
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut html = Vec::new();
    let mut json = Vec::new();
    let mut python = Vec::new();
    let mut total = 0;
    for _ in 0..runs {
        let (_, s, _) =
            timed(Command::new(&inzage).args(["report", "inspector", "--format", "html", "--data-dir"]).arg(&data))?;
        html.push(s);
        let (out, s, _) =
            timed(Command::new(&inzage).args(["report", "inspector", "--format", "json", "--data-dir"]).arg(&data))?;
        json.push(s);
        let parsed: serde_json::Value = serde_json::from_str(&out)?;
        total = parsed["total"].as_u64().unwrap_or(0);
        let (out, s, _) = timed(Command::new("python3").arg("-c").arg(PYTHON_OVERVIEW).arg(&data))?;
        python.push(s);
        let floor: serde_json::Value = serde_json::from_str(&out)?;
        if floor["total"] != parsed["total"] {
            bail!("python read {} organisations, inzage {}", floor["total"], parsed["total"]);
        }
    }
    if total != u64::from(count) {
        bail!("the overview shows {total} organisations of {count}");
    }
    let (h, j, p) = (median(html), median(json), median(python));
    println!("generate: {generate_s:.1} s; import of {count} organisations: {import_s:.1} s (peak {import_mb:.0} MB)");
    println!(
        "| organisations | overview HTML (s) | overview JSON (s) | Python reading the summaries (s) | HTML / Python | budget 0.3 s used |"
    );
    println!("|---|---|---|---|---|---|");
    println!("| {count} | {h:.3} | {j:.3} | {p:.3} | {:.2} | {:.0} % |", h / p, 100.0 * h / 0.3);
    println!("(median of {runs} runs each, wall time of the whole process, GNU time's resolution 0.01 s)");
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}
