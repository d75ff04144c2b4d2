//! `inzage check` and `inzage rules`: the rulebook from the command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use locale::Tr;
use rules::{Rulebook, Settings, Severity};

use super::{BadInput, date};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The register (TOML or JSON).
    file: PathBuf,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// Read the law as it stands (or will stand) on this date (YYYY-MM-DD); default today.
    #[arg(long)]
    as_of: Option<String>,
    /// When the AI Act's Annex III high-risk duties apply (YYYY-MM-DD; default 2027-12-02).
    #[arg(long)]
    annex_iii: Option<String>,
    /// When the Dutch act transposing the Platform Work Directive applies (YYYY-MM-DD; default:
    /// not yet, so its rules are advice).
    #[arg(long)]
    pwd_from: Option<String>,
    /// An audit report (`inzage audit --format json`) for a system, as SYSTEM=FILE; the rules
    /// that read the audit's figures use it. May be given more than once.
    #[arg(long, value_name = "SYSTEM=FILE")]
    audit: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// Only the rules that are law there: NL, DE, US-CA, US-NY, US-WA, US-MN or US-OR (default:
    /// every rule).
    #[arg(long, value_parser = parse_jurisdiction)]
    jurisdiction: Option<domain::Jurisdiction>,
}

fn parse_jurisdiction(text: &str) -> Result<domain::Jurisdiction, String> {
    text.trim().to_ascii_uppercase().parse()
}

pub fn run(args: Args, t: &Tr) -> anyhow::Result<ExitCode> {
    let as_of = match &args.as_of {
        Some(text) => date(t, "--as-of", text)?,
        None => jiff::ZonedDateTime::now().date(),
    };
    let annex_iii_from = match &args.annex_iii {
        Some(text) => date(t, "--annex-iii", text)?,
        None => rules::ANNEX_III_DEFAULT,
    };
    let pwd_from = args.pwd_from.as_deref().map(|text| date(t, "--pwd-from", text)).transpose()?;
    let settings = Settings { as_of, annex_iii_from, pwd_from };
    let register = formats::read_register(&args.file)?;
    let audits = audits(t, &args.audit, &register)?;
    let book = Rulebook::builtin()?;
    let findings = book.check_audited(&register, &settings, &audits)?;
    let mut out = std::io::stdout().lock();
    if args.format == Output::Json {
        let report = serde_json::json!({
            "register": args.file.display().to_string(),
            "organisation": register.organisation.name,
            "as_of": as_of.to_string(),
            "annex_iii_from": settings.annex_iii_from.to_string(),
            "pwd_from": settings.pwd_from.map(|d| d.to_string()),
            "audits": audits.keys().collect::<Vec<_>>(),
            "findings": findings,
        });
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", rules::report::text(&register, &findings, as_of, t.lang))?;
    }
    let violation = findings.iter().any(|f| f.severity == Severity::Violation);
    Ok(if violation { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn rules(args: RulesArgs, t: &Tr) -> anyhow::Result<ExitCode> {
    let book = Rulebook::builtin()?;
    let listed: Vec<&rules::Rule> =
        book.rules().iter().filter(|r| args.jurisdiction.is_none_or(|j| r.applies_in(j))).collect();
    let mut out = std::io::stdout().lock();
    if args.format == Output::Json {
        let list: Vec<_> = listed
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.def.id,
                    "severity": r.def.severity,
                    "effective_from": r.def.effective_from,
                    "gate": r.def.gate,
                    "before_gate": r.def.before_gate,
                    "values": r.def.values,
                    "verified": r.def.verified,
                    "citations": r.def.citations,
                    "scope": r.def.scope,
                    "condition": r.def.condition,
                    "needs": r.def.needs,
                    "text": r.def.text,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "rules": list }))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in listed {
        let citations: Vec<String> =
            r.def.citations.iter().map(|c| format!("{} {}", c.instrument, c.article)).collect();
        let text = r.words_in(if t.lang == locale::Lang::En { "en" } else { "nl" });
        let unverified = if r.def.verified { "" } else { " (?)" };
        writeln!(
            out,
            "{:<42} {:<9} {}{unverified}\n{:<42} {}",
            r.def.id,
            r.def.severity.as_str(),
            citations.join("; "),
            "",
            text.title
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The audit reports of `--audit SYSTEM=FILE`, by system id.
fn audits(
    t: &Tr,
    given: &[String],
    register: &domain::Register,
) -> anyhow::Result<std::collections::BTreeMap<String, serde_json::Value>> {
    let mut audits = std::collections::BTreeMap::new();
    for arg in given {
        let Some((system, file)) = arg.split_once('=') else {
            return Err(BadInput(t.tn("check-audit-form", &[("arg", arg.clone())])).into());
        };
        if !register.systems.iter().any(|s| s.id == system) {
            return Err(BadInput(t.tn("check-audit-system", &[("system", system.into())])).into());
        }
        if audits.contains_key(system) {
            return Err(BadInput(t.tn("check-audit-twice", &[("system", system.into())])).into());
        }
        let text = std::fs::read_to_string(file)
            .map_err(|e| BadInput(t.tn("check-audit-read", &[("file", file.into()), ("message", e.to_string())])))?;
        let report: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            BadInput(t.tn(
                "check-audit-json",
                &[("file", file.into()), ("line", e.line().to_string()), ("message", e.to_string())],
            ))
        })?;
        if !report.is_object() {
            return Err(BadInput(t.tn("check-audit-not-report", &[("file", file.into())])).into());
        }
        audits.insert(system.to_owned(), report);
    }
    Ok(audits)
}
