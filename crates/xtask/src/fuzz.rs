//! `cargo xtask fuzz [--seconds 60] [--target-dir DIR] [TARGET…]`: runs the cargo-fuzz targets in
//! `fuzz/` (every parser of outside input; the bodies are in `crates/fuzzing`) for a bounded time
//! each, on the stable toolchain (`-s none`: no sanitizer, which would need nightly), and prints
//! per target the executions, their rate and the findings. Without TARGET it runs them all.
//!
//! Each run starts from the seed corpus in the repository (`fuzz/corpus/TARGET`, read only) and
//! keeps what it discovers in a temporary folder, so the repository's corpus stays small; a
//! finding (a panic, a timeout of 30 s or running out of memory) is written by libFuzzer to
//! `fuzz/artifacts/TARGET/`, and the command exits non-zero. Keep a fixed finding as a seed
//! (`fuzz/corpus/TARGET/bad-…`): `cargo test` replays the seeds.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

pub const USAGE: &str = "usage: cargo xtask fuzz [--seconds 60] [--target-dir DIR] [TARGET…]";

/// The fuzz targets, as `fuzz/Cargo.toml` names them (and `fuzzing::Target::name`).
pub const TARGETS: [&str; 9] = [
    "register_toml",
    "register_json",
    "workers_csv",
    "decisions_csv",
    "events_csv",
    "events_jsonl",
    "events_parquet",
    "column_map",
    "conditions",
];

#[derive(Debug, PartialEq)]
struct Options {
    seconds: u64,
    target_dir: Option<PathBuf>,
    targets: Vec<String>,
}

fn parse_args(rest: &[&str]) -> anyhow::Result<Options> {
    let mut options = Options { seconds: 60, target_dir: None, targets: Vec::new() };
    let mut rest = rest.iter();
    while let Some(&arg) = rest.next() {
        match arg {
            "--seconds" | "--target-dir" => {
                let Some(&value) = rest.next() else { bail!("{arg} needs a value\n{USAGE}") };
                if arg == "--seconds" {
                    options.seconds = value.parse().with_context(|| format!("--seconds {value:?}"))?;
                } else {
                    options.target_dir = Some(PathBuf::from(value));
                }
            }
            target if TARGETS.contains(&target) => options.targets.push(target.to_owned()),
            other => bail!("{other:?} is not a fuzz target; the targets are {}\n{USAGE}", TARGETS.join(", ")),
        }
    }
    if options.seconds == 0 {
        bail!("--seconds must be at least 1");
    }
    if options.targets.is_empty() {
        options.targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    Ok(options)
}

/// What one target's run gave.
#[derive(Debug, Default, PartialEq)]
struct Outcome {
    executions: u64,
    /// Files libFuzzer wrote for a crash, a timeout or running out of memory.
    findings: Vec<String>,
    /// The first lines of a panic's message, if one was found.
    panic: Option<String>,
}

/// Reads libFuzzer's output: `stat::number_of_executed_units` (or the last `#N` status line when
/// the run ended without final statistics) and the `Test unit written to …` lines.
fn outcome_of(output: &str) -> Outcome {
    let mut outcome = Outcome::default();
    for line in output.lines() {
        if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
            outcome.executions = n.trim().parse().unwrap_or(outcome.executions);
        } else if let Some(rest) = line.strip_prefix('#')
            && let Some(n) = rest.split_whitespace().next().and_then(|n| n.parse::<u64>().ok())
        {
            outcome.executions = outcome.executions.max(n);
        } else if let Some(file) = line.split("Test unit written to ").nth(1) {
            outcome.findings.push(file.trim().to_owned());
        } else if outcome.panic.is_none() && line.contains("panicked at") {
            let lines: Vec<&str> = output.lines().skip_while(|l| !l.contains("panicked at")).take(3).collect();
            outcome.panic = Some(lines.join(" / "));
        }
    }
    outcome
}

pub fn run(rest: &[&str]) -> anyhow::Result<()> {
    let options = parse_args(rest)?;
    let fuzz = crate::root().join("fuzz");
    let installed =
        Command::new("cargo").args(["fuzz", "--version"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
    if !installed.is_ok_and(|s| s.success()) {
        bail!("cargo-fuzz is not installed: cargo install cargo-fuzz");
    }
    let target_dir = options.target_dir.clone().unwrap_or_else(|| crate::target_dir().join("fuzz"));
    let flags = |command: &mut Command| {
        command.args(["-s", "none", "--codegen-units", "16", "--target-dir"]).arg(&target_dir).current_dir(&fuzz);
    };
    let mut build = Command::new("cargo");
    build.args(["fuzz", "build"]);
    flags(&mut build);
    eprintln!("Building the fuzz targets (cargo fuzz build -s none)…");
    if !build.status()?.success() {
        bail!("cargo fuzz build failed");
    }

    let work = tempfile::Builder::new().prefix("inzage-fuzz-").tempdir()?;
    let mut rows = Vec::new();
    for target in &options.targets {
        let discovered = work.path().join(target);
        std::fs::create_dir_all(&discovered)?;
        std::fs::create_dir_all(fuzz.join("artifacts").join(target))?;
        eprintln!("Fuzzing {target} for {} s…", options.seconds);
        let started = Instant::now();
        let mut command = Command::new("cargo");
        command.args(["fuzz", "run", target]);
        flags(&mut command);
        let output = command
            .arg(&discovered)
            .arg(Path::new("corpus").join(target))
            .args(["--", &format!("-max_total_time={}", options.seconds), "-timeout=30", "-print_final_stats=1"])
            .output()
            .with_context(|| format!("running cargo fuzz run {target}"))?;
        let seconds = started.elapsed().as_secs_f64();
        let text = String::from_utf8_lossy(&output.stderr);
        let log = work.path().join(format!("{target}.log"));
        std::fs::write(&log, text.as_bytes())?;
        let outcome = outcome_of(&text);
        if outcome.executions == 0 && outcome.findings.is_empty() {
            let tail: Vec<&str> = text.lines().rev().take(15).collect::<Vec<_>>().into_iter().rev().collect();
            bail!("{target}: cargo fuzz run did not run ({}):\n{}", output.status, tail.join("\n"));
        }
        rows.push((target.clone(), seconds, outcome));
    }

    println!("| target | seconds | executions | executions/s | findings |");
    println!("|---|---|---|---|---|");
    for (target, seconds, outcome) in &rows {
        let findings = if outcome.findings.is_empty() { "0".to_owned() } else { outcome.findings.join(", ") };
        println!(
            "| {target} | {seconds:.0} | {} | {:.0} | {findings} |",
            outcome.executions,
            outcome.executions as f64 / seconds.max(1e-9)
        );
    }
    let found: Vec<_> = rows.iter().filter(|(_, _, o)| !o.findings.is_empty()).collect();
    if !found.is_empty() {
        for (target, _, outcome) in &found {
            eprintln!("{target}: {}", outcome.panic.as_deref().unwrap_or("a crash, timeout or out of memory"));
        }
        // The logs stay for reading; the discovered inputs with them.
        let kept = work.keep();
        bail!("{} of {} targets have findings; libFuzzer's logs are in {}", found.len(), rows.len(), kept.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_seconds_and_targets() {
        let all = parse_args(&["--seconds", "120"]).unwrap();
        assert_eq!((all.seconds, all.targets.len()), (120, TARGETS.len()));
        let one = parse_args(&["events_parquet", "--target-dir", "/var/tmp/f"]).unwrap();
        assert_eq!(
            one,
            Options {
                seconds: 60,
                target_dir: Some(PathBuf::from("/var/tmp/f")),
                targets: vec!["events_parquet".into()]
            }
        );
        assert!(parse_args(&["parquet"]).is_err(), "an unknown target");
        assert!(parse_args(&["--seconds", "0"]).is_err());
        assert!(parse_args(&["--seconds"]).is_err());
    }

    #[test]
    fn every_target_has_a_file_in_fuzz() {
        for target in TARGETS {
            let file = crate::root().join("fuzz/fuzz_targets").join(format!("{target}.rs"));
            assert!(file.is_file(), "{} is missing", file.display());
        }
    }

    #[test]
    fn reads_executions_and_findings_from_libfuzzer() {
        let clean = "INFO: Seed: 1\n#2\tINITED cov: 10 ft: 10 corp: 1/1b exec/s: 0 rss: 30Mb\n\
                     #524288\tpulse  cov: 99 ft: 120 corp: 9/80b exec/s: 8738 rss: 61Mb\n\
                     Done 1048576 runs in 120 second(s)\nstat::number_of_executed_units: 1048577\n\
                     stat::average_exec_per_sec:     8738\n";
        assert_eq!(outcome_of(clean), Outcome { executions: 1_048_577, findings: vec![], panic: None });
        let crash = "#1024\tpulse  cov: 9 ft: 9 corp: 1/1b exec/s: 512 rss: 30Mb\n\
                     thread '<unnamed>' panicked at parquet/src/file/footer.rs:10:5:\nrange start must not be greater than end\n\
                     ==1== ERROR: libFuzzer: deadly signal\n\
                     artifact_prefix='artifacts/events_parquet/'; Test unit written to artifacts/events_parquet/crash-da39\n";
        let outcome = outcome_of(crash);
        assert_eq!(outcome.executions, 1024);
        assert_eq!(outcome.findings, vec!["artifacts/events_parquet/crash-da39".to_owned()]);
        assert!(outcome.panic.unwrap().contains("range start must not be greater than end"));
    }
}
