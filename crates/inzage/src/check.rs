//! `inzage check` and `inzage rules`: the rulebook from the command line.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use rules::{Rulebook, Settings, Severity};

use crate::BadInput;

fn date(flag: &str, text: &str) -> Result<jiff::civil::Date, BadInput> {
    text.parse().map_err(|_| BadInput(format!("{flag} `{text}` is not a date; write it as YYYY-MM-DD")))
}

pub fn run(file: &Path, json: bool, as_of: Option<&str>, annex_iii: &str, lang: &str) -> anyhow::Result<ExitCode> {
    let as_of = match as_of {
        Some(text) => date("--as-of", text)?,
        None => jiff::ZonedDateTime::now().date(),
    };
    let settings = Settings { as_of, annex_iii_from: date("--annex-iii", annex_iii)? };
    let register = formats::read_register(file)?;
    let book = Rulebook::builtin()?;
    let findings = book.check(&register, &settings)?;
    let mut out = std::io::stdout().lock();
    if json {
        let report = serde_json::json!({
            "register": file.display().to_string(),
            "organisation": register.organisation.name,
            "as_of": as_of.to_string(),
            "annex_iii_from": settings.annex_iii_from.to_string(),
            "findings": findings,
        });
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", rules::report::text(&register, &findings, as_of, lang))?;
    }
    let violation = findings.iter().any(|f| f.severity == Severity::Violation);
    Ok(if violation { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub fn rules(json: bool, lang: &str) -> anyhow::Result<()> {
    let book = Rulebook::builtin()?;
    let mut out = std::io::stdout().lock();
    if json {
        let list: Vec<_> = book
            .rules()
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.def.id,
                    "severity": r.def.severity,
                    "effective_from": r.def.effective_from,
                    "gate": r.def.gate,
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
        return Ok(());
    }
    for r in book.rules() {
        let citations: Vec<String> =
            r.def.citations.iter().map(|c| format!("{} {}", c.instrument, c.article)).collect();
        let text = if lang == "en" { &r.def.text.en } else { &r.def.text.nl };
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
    Ok(())
}
