//! `inzage conditions`: a works council's conditions checked against what is loaded, and the
//! catalogue they are picked from.

use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;
use rules::conditions::{self, Outcome, State};

use super::{BadInput, DataDir, date, open_portal};

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Check a conditions file against a system's data: each condition holds, is broken or is
    /// unknown. Exit 0: none broken; 1: one is broken; 2: the file cannot be used.
    Check(CheckArgs),
    /// Print the built-in catalogue of conditions, in the conditions file's format, to copy and adapt.
    Catalogue,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    data: DataDir,
    /// The system's id in the register.
    #[arg(long)]
    system: String,
    /// The conditions file (TOML, `[[condition]]` entries: see docs/conditions.md).
    #[arg(long)]
    conditions: PathBuf,
    /// text or json.
    #[arg(long, default_value = "text")]
    format: String,
    /// The date the conditions are read on (default: today).
    #[arg(long)]
    as_of: Option<String>,
}

pub async fn run(command: Command, t: &Tr) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(args) => check(args, t).await,
        Command::Catalogue => {
            print!("{}", conditions::to_toml(conditions::catalogue()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn check(args: CheckArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    if !matches!(args.format.as_str(), "text" | "json") {
        return Err(BadInput(
            t.tn("cli-bad-format", &[("format", args.format.clone()), ("allowed", "text, json".into())]),
        )
        .into());
    }
    let as_of = args.as_of.as_deref().map(|d| date(t, "--as-of", d)).transpose()?;
    let file = args.conditions.display().to_string();
    let source = std::fs::read_to_string(&args.conditions)
        .map_err(|e| BadInput(t.tn("cli-cannot-read", &[("file", file.clone()), ("message", e.to_string())])))?;
    let list = conditions::parse(&source, &file).map_err(|e| BadInput(e.to_string()))?;
    if list.is_empty() {
        return Err(BadInput(t.tn("cli-no-conditions", &[("file", file.clone())])).into());
    }
    let portal = open_portal(t, &args.data.folder(t, false)?).await?;
    let as_of = match as_of {
        Some(d) => d,
        None => portal.today().await?,
    };
    let outcomes = match portal.check_conditions(&args.system, &list, as_of).await {
        Err(portal::Error::NotFound) => {
            return Err(BadInput(t.tn("cli-unknown-system", &[("system", args.system.clone())])).into());
        }
        other => other?,
    };
    let lang = t.lang.code();
    if args.format == "json" {
        let rows: Vec<serde_json::Value> = outcomes
            .iter()
            .zip(&list)
            .map(|(o, c)| {
                serde_json::json!({
                    "id": o.id, "state": o.state, "text": { "nl": c.text.nl, "en": c.text.en }, "check": c.check,
                    "evidence": o.evidence, "reason": o.reason, "why": o.why,
                })
            })
            .collect();
        let doc = serde_json::json!({ "system": args.system, "as_of": as_of.to_string(), "conditions": rows });
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        for (o, c) in outcomes.iter().zip(&list) {
            println!("{:<8} {}: {}", t.v("condition-state", o.state.as_str()), o.id, c.text.get(lang));
            for line in evidence_lines(t, o) {
                println!("         {line}");
            }
        }
        let count = |s: State| outcomes.iter().filter(|o| o.state == s).count().to_string();
        println!(
            "{}",
            t.ta(
                "cli-conditions-summary",
                &[("holds", count(State::Holds)), ("broken", count(State::Broken)), ("unknown", count(State::Unknown))],
            )
        );
    }
    let broken = outcomes.iter().any(|o| o.state == State::Broken);
    Ok(if broken { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The figures a check read, a line each, then why it is unknown, in the reader's language.
fn evidence_lines(t: &Tr, o: &Outcome) -> Vec<String> {
    let figures = o.evidence.iter().map(|e| portal::council::evidence_text(t, std::slice::from_ref(e), &[]));
    figures.chain(o.why.iter().map(|w| portal::council::why_text(t, w))).collect()
}
