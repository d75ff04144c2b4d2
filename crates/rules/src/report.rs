//! The findings as text for a terminal, grouped by system, worst first, in Dutch or English.
//! Every phrase comes from the `locale` crate's `check.ftl`.

use std::fmt::Write;

use domain::Register;
use locale::{Lang, Tr, printable};

use crate::{Finding, Kind, Severity, Tally};

/// The text report, in `lang`. Names and texts from the register are escaped for the terminal
/// (`locale::printable`): a control character in them cannot forge a line or hide the findings
/// after it (security review L7).
pub fn text(register: &Register, findings: &[Finding], as_of: jiff::civil::Date, lang: Lang) -> String {
    locale::printable_lines(&unescaped(register, findings, as_of, lang))
}

fn unescaped(register: &Register, findings: &[Finding], as_of: jiff::civil::Date, lang: Lang) -> String {
    let tr = Tr::new(lang);
    let t = |key: &str, args: &[(&'static str, String)]| tr.ta(key, args);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n",
        t(
            "check-heading",
            &[("organisation", printable(&register.organisation.name).into_owned()), ("date", as_of.to_string())]
        )
    );
    let mut systems: Vec<(&domain::System, Vec<&Finding>, Tally)> = register
        .systems
        .iter()
        .map(|s| {
            let mine: Vec<&Finding> = findings.iter().filter(|f| f.system == s.id).collect();
            let tally = Tally::of(mine.iter().copied());
            (s, mine, tally)
        })
        .collect();
    // Worst systems first; the register's order among equals.
    systems.sort_by_key(|(_, _, t)| std::cmp::Reverse((t.violations, t.risks, t.advice)));
    for (system, mine, tally) in &systems {
        let _ = writeln!(
            out,
            "== {}",
            t(
                "check-system",
                &[("name", printable(&system.name).into_owned()), ("id", printable(&system.id).into_owned())]
            )
        );
        let _ = writeln!(
            out,
            "   {}",
            t(
                "check-tally",
                &[
                    ("violations", tally.violations.to_string()),
                    ("risks", tally.risks.to_string()),
                    ("advice", tally.advice.to_string())
                ]
            )
        );
        if mine.is_empty() {
            let _ = writeln!(out, "   {}\n", t("check-nothing", &[]));
            continue;
        }
        for f in mine {
            let label = match (f.kind, f.severity) {
                (Kind::Question, _) => t("check-question", &[]),
                (_, Severity::Violation) => t("check-severity-violation", &[]),
                (_, Severity::Risk) => t("check-severity-risk", &[]),
                (_, Severity::Advice) => t("check-severity-advice", &[]),
            };
            let citations: Vec<String> =
                f.citations.iter().map(|c| format!("{} {}", c.instrument, c.article)).collect();
            let _ = writeln!(out, "\n   [{label}] {} — {}", f.title.get(lang.code()), citations.join("; "));
            let _ = writeln!(out, "   {}", f.message.get(lang.code()));
            if f.kind == Kind::Finding {
                let _ = writeln!(out, "   {}: {}", t("check-why", &[]), f.explanation.get(lang.code()));
                let _ = writeln!(out, "   {}: {}", t("check-todo", &[]), f.action.get(lang.code()));
            }
            if let Some(from) = &f.in_force_from {
                let _ = writeln!(out, "   ({})", t("check-in-force", &[("date", from.clone())]));
            }
            if f.waits_for.is_some() {
                let _ = writeln!(out, "   ({})", t("check-waits-pwd", &[]));
            }
            if !f.verified {
                let _ = writeln!(out, "   ({})", t("check-unverified", &[]));
            }
            let _ = writeln!(out, "   [{}]", f.rule);
        }
        let _ = writeln!(out);
    }
    let all = Tally::of(findings);
    let questions = findings.iter().filter(|f| f.kind == Kind::Question).count();
    let _ = writeln!(
        out,
        "{}",
        t(
            "check-total",
            &[
                ("violations", all.violations.to_string()),
                ("risks", all.risks.to_string()),
                ("advice", all.advice.to_string()),
                ("questions", questions.to_string())
            ]
        )
    );
    out
}
