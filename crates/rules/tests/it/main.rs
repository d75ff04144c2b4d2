//! The rulebook, tested rule by rule (each rule's fixture must fire and its counterpart must
//! not; ruff's pattern), and on whole registers: the clean reference, the demo organisation and
//! a register written with only the core keys.

mod conditions;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use domain::Register;
use rules::{Finding, Kind, Rulebook, Settings, Severity};
use serde::Deserialize;

/// The rulebook as the files in `rules_dir()` are now: read at run time, so a rule file can be
/// tried without building again (`the_compiled_in_rulebook_is_the_one_on_disk` keeps the two the
/// same).
fn rulebook() -> &'static Rulebook {
    static BOOK: std::sync::OnceLock<Rulebook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let dir = rules_dir();
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && !p.ends_with("facts.toml"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        files.sort();
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let facts = std::fs::read_to_string(dir.join("facts.toml")).unwrap();
        Rulebook::from_sources(&files, &facts).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The repository's `rules/`, or the folder `INZAGE_RULES_DIR` names.
fn rules_dir() -> PathBuf {
    match std::env::var_os("INZAGE_RULES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules"),
    }
}

#[test]
fn the_compiled_in_rulebook_is_the_one_on_disk() {
    if std::env::var_os("INZAGE_RULES_DIR").is_some() {
        return; // trying another folder's rules: the compiled-in ones are this checkout's
    }
    let builtin = Rulebook::builtin().unwrap_or_else(|e| panic!("{e}"));
    let ids = |b: &Rulebook| b.rules().iter().map(|r| r.def.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&builtin), ids(rulebook()));
}

/// A date after every rule's effective date and the Annex III date, with the Dutch act on
/// platform work in force: all rules at full force.
fn later() -> Settings {
    Settings { pwd_from: Some(jiff::civil::date(2027, 7, 1)), ..Settings::at(jiff::civil::date(2028, 6, 1)) }
}

/// The first jurisdiction where every instrument a rule cites is law: where its fixtures are
/// set (the reference register is Dutch).
fn home_of(rule: &rules::Rule) -> domain::Jurisdiction {
    *domain::Jurisdiction::ALL.iter().find(|j| rule.applies_in(**j)).unwrap_or_else(|| {
        panic!("{}: its instruments are law together nowhere", rule.def.id);
    })
}

fn base_table() -> toml::Table {
    let text = std::fs::read_to_string(rules_dir().join("fixtures/base.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

/// Merges `patch` onto `base`: tables recursively; `system` patches the one system.
fn merge(base: &mut toml::Table, patch: &toml::Table) {
    for (key, value) in patch {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Array(systems)), toml::Value::Table(p)) if key == "system" => {
                let Some(toml::Value::Table(first)) = systems.first_mut() else { panic!("base has no system") };
                merge(first, p);
            }
            (Some(toml::Value::Table(b)), toml::Value::Table(p)) => merge(b, p),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

fn register_from(table: toml::Table, what: &str) -> Register {
    let register = Register::deserialize(toml::Value::Table(table)).unwrap_or_else(|e| panic!("{what}: {e}"));
    register.validate().unwrap_or_else(|e| panic!("{what}: {e}"));
    register
}

fn check(register: &Register, settings: &Settings) -> Vec<Finding> {
    rulebook().check(register, settings).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_rulebook_is_large_and_covers_every_instrument() {
    let rules = rulebook().rules();
    assert!(rules.len() >= 45, "only {} rules", rules.len());
    let instruments: BTreeSet<&str> =
        rules.iter().flat_map(|r| r.def.citations.iter().map(|c| c.instrument.as_str())).collect();
    for wanted in ["GDPR", "UAVG", "WOR", "Arbowet", "Arbeidstijdenwet", "AI Act", "PWD"] {
        assert!(instruments.contains(wanted), "no rule cites {wanted}");
    }
}

#[test]
fn every_rule_has_citations_texts_in_both_languages_and_both_fixtures() {
    for rule in rulebook().rules() {
        let d = &rule.def;
        assert!(!d.citations.is_empty(), "{}: no citation", d.id);
        let texts = [("en", Some(&d.text.en)), ("nl", d.text.nl.as_ref()), ("de", d.text.de.as_ref())];
        for (lang, t) in texts {
            let Some(t) = t else { continue };
            for (field, value) in
                [("title", &t.title), ("message", &t.message), ("explanation", &t.explanation), ("action", &t.action)]
            {
                assert!(!value.trim().is_empty(), "{}: no {lang} {field}", d.id);
            }
            if lang != "en" {
                assert_ne!(d.text.en.message, t.message, "{}: the {lang} message is the English one", d.id);
            }
        }
        // The language of the law: Dutch for Dutch and EU law, German for German law.
        match home_of(rule) {
            domain::Jurisdiction::Nl => assert!(d.text.nl.is_some(), "{}: no Dutch text", d.id),
            domain::Jurisdiction::De => assert!(d.text.de.is_some(), "{}: no German text", d.id),
            _ => {}
        }
        assert!(d.fixtures.fire.is_some(), "{}: no fixture that must fire", d.id);
        assert!(d.fixtures.pass.is_some(), "{}: no fixture that must not fire", d.id);
    }
}

#[test]
fn the_clean_reference_register_gives_nothing_in_any_jurisdiction() {
    for jurisdiction in domain::Jurisdiction::ALL {
        let mut base = register_from(base_table(), "base.toml");
        base.organisation.jurisdiction = Some(*jurisdiction);
        let found = check(&base, &later());
        assert!(
            found.is_empty(),
            "the clean register in {jurisdiction} gave: {:#?}",
            found.iter().map(|f| (&f.rule, f.kind, &f.unknown)).collect::<Vec<_>>()
        );
    }
}

/// ruff's pattern: one test walks every rule with its two fixtures and reports all failures.
#[test]
fn every_rule_fires_on_its_fixture_and_not_on_its_counterpart() {
    let mut failures = Vec::new();
    for rule in rulebook().rules() {
        let id = &rule.def.id;
        for (name, patch, must_fire) in
            [("fire", &rule.def.fixtures.fire, true), ("pass", &rule.def.fixtures.pass, false)]
        {
            let Some(patch) = patch else { continue };
            // `audit` is not a register key: the system's audit report, for rules that read one.
            let mut patch = patch.clone();
            let audits = audits_of(patch.remove("audit"), "fixture");
            let mut table = base_table();
            let home = home_of(rule);
            if home != domain::Jurisdiction::Nl {
                let org = table.get_mut("organisation").and_then(toml::Value::as_table_mut).unwrap();
                org.insert("jurisdiction".into(), toml::Value::String(home.to_string()));
            }
            merge(&mut table, &patch);
            let register = register_from(table, &format!("{id} fixture {name}"));
            let found = match rulebook().check_audited(&register, &later(), &audits) {
                Ok(f) => f,
                Err(e) => {
                    failures.push(format!("{id} ({name}): {e}"));
                    continue;
                }
            };
            let mine: Vec<&Finding> = found.iter().filter(|f| &f.rule == id).collect();
            let fired = mine.iter().any(|f| f.kind == Kind::Finding && f.severity == rule.def.severity);
            if must_fire && !fired {
                failures.push(format!(
                    "{id}: the `fire` fixture gives {:?}",
                    mine.iter().map(|f| (f.kind, f.severity, &f.unknown)).collect::<Vec<_>>()
                ));
            }
            if !must_fire && !mine.is_empty() {
                failures.push(format!(
                    "{id}: the `pass` fixture gives {:?}",
                    mine.iter().map(|f| (f.kind, f.severity, &f.unknown)).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// An audit report given as TOML, for one system, as the rules read it (JSON).
fn audits_of(audit: Option<toml::Value>, system: &str) -> std::collections::BTreeMap<String, serde_json::Value> {
    audit.map(|a| (system.to_owned(), serde_json::to_value(a).expect("TOML converts to JSON"))).into_iter().collect()
}

fn demo() -> Register {
    formats::register_from_str(synth::REGISTER_TOML, false, Path::new("register.toml")).unwrap()
}

fn has(found: &[Finding], system: &str, rule: &str, severity: Severity, instrument: &str, article: &str) -> bool {
    found.iter().any(|f| {
        f.system == system
            && f.rule == rule
            && f.kind == Kind::Finding
            && f.severity == severity
            && f.citations.iter().any(|c| c.instrument == instrument && c.article == article)
    })
}

#[test]
fn the_demo_registers_planted_problems_are_found_with_their_articles() {
    let found = check(&demo(), &later());
    let show = |s: &str| {
        found
            .iter()
            .filter(|f| f.system == s)
            .map(|f| format!("{} {:?} {:?}", f.rule, f.kind, f.severity))
            .collect::<Vec<_>>()
    };
    assert!(
        has(&found, "scan-pace", "wor.27l.monitoring-consent", Severity::Violation, "WOR", "27(1)(l)"),
        "{:#?}",
        show("scan-pace")
    );
    assert!(
        has(&found, "office-activity", "gdpr.basis.consent-employee", Severity::Risk, "GDPR", "6(1)(a)"),
        "{:#?}",
        show("office-activity")
    );
    assert!(
        has(&found, "office-activity", "gdpr.minimisation.intrusive-capture", Severity::Risk, "GDPR", "5(1)(c)"),
        "{:#?}",
        show("office-activity")
    );
    assert!(
        has(&found, "office-activity", "gdpr.storage.no-retention", Severity::Violation, "GDPR", "5(1)(e)"),
        "{:#?}",
        show("office-activity")
    );
    assert!(
        has(&found, "office-activity", "wor.27l.monitoring-consent", Severity::Violation, "WOR", "27(1)(l)"),
        "{:#?}",
        show("office-activity")
    );
    assert!(
        found.iter().any(|f| f.system == "camera"
            && f.kind == Kind::Finding
            && f.citations.iter().any(|c| c.instrument == "AI Act" && c.article.starts_with("5(1)(f)"))),
        "{:#?}",
        show("camera")
    );
    assert!(
        has(&found, "shift-planner", "atw.5-4.breaks-schedule", Severity::Violation, "Arbeidstijdenwet", "5:4"),
        "{:#?}",
        show("shift-planner")
    );
    let clean: Vec<_> =
        found.iter().filter(|f| f.system == "badge-access" && f.severity == Severity::Violation).collect();
    assert!(clean.is_empty(), "the clean system has violations: {clean:#?}");
}

#[test]
fn a_register_with_only_core_keys_gets_questions_not_violations() {
    let text = r#"
format = "inzage.register/1"
[organisation]
name = "Elders B.V."
[[system]]
id = "tracker"
name = "Some tracker"
status = "live"
"#;
    let register = formats::register_from_str(text, false, Path::new("core.toml")).unwrap();
    let found = check(&register, &later());
    assert!(!found.is_empty(), "unknown facts must raise questions");
    assert!(found.iter().all(|f| f.severity == Severity::Advice), "{found:#?}");
    assert!(found.iter().any(|f| f.kind == Kind::Question && !f.unknown.is_empty()));
    for f in found.iter().filter(|f| f.kind == Kind::Question) {
        assert!(
            f.message.nl.starts_with("Niet geregistreerd: ") && f.message.en.starts_with("Not registered: "),
            "{f:?}"
        );
    }
}

#[test]
fn a_register_that_states_a_breach_in_core_keys_gets_that_violation() {
    let text = r#"
format = "inzage.register/1"
[organisation]
name = "Elders B.V."
[[system]]
id = "tracker"
name = "Some tracker"
status = "live"
legal_basis = "none"
"#;
    let register = formats::register_from_str(text, false, Path::new("core.toml")).unwrap();
    let found = check(&register, &later());
    let violations: Vec<_> =
        found.iter().filter(|f| f.severity == Severity::Violation).map(|f| f.rule.as_str()).collect();
    assert_eq!(violations, ["gdpr.basis.missing"], "{found:#?}");
}

#[test]
fn the_law_is_read_as_it_stood_on_the_date() {
    // Emotion recognition at work is prohibited from 2 February 2025: advice before, violation after.
    let rule = rulebook()
        .rules()
        .iter()
        .find(|r| {
            r.def.citations.iter().any(|c| c.instrument == "AI Act" && c.article == "5(1)(f)")
                && r.def.severity == Severity::Violation
        })
        .expect("an art 5(1)(f) rule");
    let before = Settings::at(jiff::civil::date(2025, 2, 1));
    let after = Settings::at(jiff::civil::date(2025, 2, 2));
    assert_eq!(rule.severity_at(&before).0, Severity::Advice);
    assert_eq!(rule.severity_at(&after).0, Severity::Violation);
    // High-risk duties follow the Annex III date, which is a setting.
    let gated = rulebook()
        .rules()
        .iter()
        .find(|r| r.def.gate.as_deref() == Some("annex_iii") && r.def.severity == Severity::Violation)
        .expect("a gated rule");
    let mut s = Settings::at(jiff::civil::date(2027, 1, 1));
    assert_eq!(gated.severity_at(&s).0, Severity::Advice);
    s.annex_iii_from = jiff::civil::date(2026, 8, 2);
    assert_eq!(gated.severity_at(&s).0, gated.def.severity);
}

/// The gates (issue 14): what a rule reports on a date and from when more applies.
#[test]
fn a_gated_rule_names_the_date_from_which_more_applies() {
    let d = jiff::civil::date;
    let rule = |id: &str| rulebook().rule(id).unwrap_or_else(|| panic!("no {id}"));
    let on = |day| Settings::at(day);
    // An Annex III duty: nothing counts before the Annex III date, which is what it names.
    let oversight = rule("aia.26-2.oversight");
    assert_eq!(oversight.severity_at(&on(d(2026, 6, 1))), (Severity::Advice, Some(d(2027, 12, 2))));
    assert_eq!(oversight.severity_at(&on(d(2027, 1, 1))), (Severity::Advice, Some(d(2027, 12, 2))));
    assert_eq!(oversight.severity_at(&on(d(2028, 1, 1))), (Severity::Violation, None));
    // Art 86: a risk from its own date, a violation from the Annex III date.
    let explanation = rule("aia.86.explanation");
    assert_eq!(explanation.severity_at(&on(d(2026, 6, 1))), (Severity::Advice, Some(d(2026, 8, 2))));
    assert_eq!(explanation.severity_at(&on(d(2026, 9, 1))), (Severity::Risk, Some(d(2027, 12, 2))));
    assert_eq!(explanation.severity_at(&on(d(2028, 1, 1))), (Severity::Violation, None));
    // The Platform Work Directive: advice with no date while there is no national act; with one,
    // advice until it applies and the rule's severity after.
    let information = rule("pwd.9.information");
    assert_eq!(information.severity_at(&on(d(2027, 6, 1))), (Severity::Advice, None));
    let act = Settings { pwd_from: Some(d(2027, 7, 1)), ..on(d(2027, 6, 1)) };
    assert_eq!(information.severity_at(&act), (Severity::Advice, Some(d(2027, 7, 1))));
    let later = Settings { pwd_from: Some(d(2027, 7, 1)), ..on(d(2027, 8, 1)) };
    assert_eq!(information.severity_at(&later), (Severity::Violation, None));
    // Its finding says what it waits for while there is no date.
    let mut table = base_table();
    merge(&mut table, information.def.fixtures.fire.as_ref().unwrap());
    let register = register_from(table, "pwd.9.information fire");
    let waiting = check(&register, &on(d(2027, 6, 1)));
    let f = waiting.iter().find(|f| f.rule == "pwd.9.information").expect("the finding");
    assert_eq!((f.severity, f.waits_for.as_deref()), (Severity::Advice, Some("pwd_national_act")));
    let applied = check(&register, &later);
    let f = applied.iter().find(|f| f.rule == "pwd.9.information").expect("the finding");
    assert_eq!((f.severity, f.waits_for.as_deref()), (Severity::Violation, None));
}

/// A value is put into a rule's texts when it fires; in lists of rules, and where a fact it reads
/// is missing, the text shows a gap, never `{name}`.
#[test]
fn values_fill_the_texts_and_never_show_as_braces() {
    let with_values: Vec<&rules::Rule> = rulebook().rules().iter().filter(|r| !r.def.values.is_empty()).collect();
    assert!(!with_values.is_empty());
    for rule in &with_values {
        for lang in ["nl", "en"] {
            let w = rule.words_in(lang);
            for text in [&w.title, &w.message, &w.explanation, &w.action] {
                for name in rule.def.values.keys() {
                    assert!(!text.contains(&format!("{{{name}}}")), "{} ({lang}): {text}", rule.def.id);
                }
            }
        }
    }
    // A value is written for its text's language: a decimal comma in Dutch.
    let rest = rulebook().rule("atw.5-3.daily-rest").unwrap();
    let mut table = base_table();
    merge(&mut table, rest.def.fixtures.fire.as_ref().unwrap());
    let mut register = register_from(table, "daily rest");
    register.systems[0].roster.as_mut().unwrap().min_daily_rest_hours = Some(9.5);
    let found = check(&register, &later());
    let f = found.iter().find(|f| f.rule == "atw.5-3.daily-rest" && f.kind == Kind::Finding).expect("it fires");
    assert!(f.message.en.contains("9.5 hours") && f.message.nl.contains("9,5 uur"), "{f:?}");
    assert!(!f.message.nl.contains("9.5") && !f.explanation.nl.contains("9.5"), "{f:?}");
    // Every finding and question on the demo register and on every fixture has its braces filled.
    let found = check(&demo(), &later());
    for f in &found {
        for text in [&f.title.nl, &f.message.nl, &f.explanation.en, &f.action.en] {
            let rule = rulebook().rule(&f.rule).unwrap();
            for name in rule.def.values.keys() {
                assert!(!text.contains(&format!("{{{name}}}")), "{}: {text}", f.rule);
            }
        }
    }
}

#[test]
fn every_fact_a_rule_needs_has_words_in_both_languages() {
    for rule in rulebook().rules() {
        for path in rule.def.needs.iter().chain(&rule.def.scope_needs) {
            let text = rulebook().fact(path).unwrap_or_else(|| panic!("{}: no words for {path}", rule.def.id));
            assert!(!text.en.is_empty() && !text.nl.is_empty(), "{path}");
        }
    }
}

#[test]
fn every_phrase_of_the_text_report_exists_in_dutch_and_english() {
    let ids = |lang: &str| -> BTreeSet<String> {
        let path = Path::new(locale::LOCALES_DIR).join(lang).join("check.ftl");
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, e)| panic!("{path:?}: {e:?}"));
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    };
    let (nl, en) = (ids("nl"), ids("en"));
    assert!(nl.len() > 5);
    assert_eq!(nl, en);
}

#[test]
fn the_text_report_groups_by_system_worst_first_in_the_chosen_language() {
    let register = demo();
    let found = check(&register, &later());
    let nl = rules::report::text(&register, &found, jiff::civil::date(2028, 6, 1), locale::Lang::Nl);
    let en = rules::report::text(&register, &found, jiff::civil::date(2028, 6, 1), locale::Lang::En);
    assert!(nl.contains("OVERTREDING") && nl.contains("Pakhuis Noord B.V."), "{nl}");
    assert!(en.contains("VIOLATION") && !en.contains("OVERTREDING"));
    // The clean system has the fewest findings, so it comes last.
    let badge = nl.find("(badge-access)").unwrap();
    for other in ["(scan-pace)", "(office-activity)", "(shift-planner)"] {
        assert!(nl.find(other).unwrap() < badge, "{other} after the clean system");
    }
}

/// Security review L7: a system named `Camera\u{1b}[8m` hid every finding after it in the
/// terminal (the "conceal" sequence), and a newline in the organisation's name forged a line.
#[test]
fn a_register_name_with_an_escape_sequence_cannot_hide_the_findings_after_it() {
    let mut register = demo();
    register.organisation.name = "Pakhuis\n== Nep (fake)".into();
    register.systems[0].name = "Camera\u{1b}[8m".into();
    let found = check(&register, &later());
    let text = rules::report::text(&register, &found, jiff::civil::date(2028, 6, 1), locale::Lang::En);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert!(text.contains("Camera\\u{1b}[8m"), "the escape is shown, not run: {text}");
    assert!(!text.lines().any(|l| l.starts_with("== Nep")), "no forged line: {text}");
    assert!(text.contains("VIOLATION"), "the findings are still there");
}

fn with_consent(consent: &str, cao_clause: Option<&str>) -> Register {
    let mut table = base_table();
    let mut council = toml::Table::new();
    council.insert("consent".into(), consent.into());
    if let Some(clause) = cao_clause {
        council.insert("cao_clause".into(), clause.into());
    }
    let mut system = toml::Table::new();
    system.insert("works_council".into(), toml::Value::Table(council));
    let mut patch = toml::Table::new();
    patch.insert("system".into(), toml::Value::Table(system));
    merge(&mut table, &patch);
    register_from(table, consent)
}

/// The register page counted `cao_regulated` as consent on its own; the rules need the clause.
/// Both now read `WorksCouncil::consent_counts`, exposed to CEL as
/// `system.works_council.consent_counts`.
#[test]
fn cao_regulated_without_a_clause_is_a_wor_27_violation() {
    for (consent, clause, counts) in
        [("cao_regulated", None, false), ("cao_regulated", Some("cao artikel 12.3"), true), ("granted", None, true)]
    {
        let register = with_consent(consent, clause);
        assert_eq!(register.systems[0].works_council.as_ref().unwrap().consent_counts(), counts);
        let found = check(&register, &later());
        let fired = found.iter().any(|f| {
            f.rule == "wor.27l.monitoring-consent" && f.kind == Kind::Finding && f.severity == Severity::Violation
        });
        assert_eq!(fired, !counts, "{consent} {clause:?}: {found:#?}");
        assert_eq!(register.systems[0].consent_missing(&register.organisation), !counts);
    }
}

/// Unknown is not false: without a recorded works council the derived fact is absent, and the
/// rules that read it ask for the consent instead of reporting a violation.
#[test]
fn unregistered_consent_is_a_question_not_a_violation() {
    let mut table = base_table();
    let Some(toml::Value::Array(systems)) = table.get_mut("system") else { panic!("base has no system") };
    let Some(toml::Value::Table(system)) = systems.first_mut() else { panic!("base has no system") };
    system.remove("works_council");
    let register = register_from(table, "no works_council");
    let found = check(&register, &later());
    let wor: Vec<&Finding> = found.iter().filter(|f| f.rule.starts_with("wor.27")).collect();
    assert!(!wor.is_empty(), "{found:#?}");
    for f in wor {
        assert_eq!(f.kind, Kind::Question, "{f:?}");
        assert!(f.unknown.contains(&"system.works_council.consent".to_owned()), "{f:?}");
    }
}

/// Jurisdictions (issue 14): the demo organisation's register, moved to Germany, keeps its EU-law
/// findings, loses every Dutch one and gains the German pack's; moved to California it gets the
/// Californian pack only; stated as the Netherlands it is unchanged.
#[test]
fn only_the_law_of_the_organisations_jurisdiction_is_checked() {
    let dutch_only = ["UAVG", "WOR", "Arbowet", "Arbobesluit", "Arboregeling", "Arbeidstijdenwet"];
    let german = ["BetrVG", "BDSG", "ArbZG", "ArbSchG"];
    let eu = ["GDPR", "AI Act", "PWD"];
    let cites =
        |f: &Finding, instruments: &[&str]| f.citations.iter().any(|c| instruments.contains(&c.instrument.as_str()));
    let as_is = check(&demo(), &later());
    assert!(as_is.iter().any(|f| cites(f, &["WOR"])) && as_is.iter().any(|f| cites(f, &["GDPR"])));
    assert!(as_is.iter().all(|f| !cites(f, &german)), "no German law in the Netherlands");

    let mut nl = demo();
    nl.organisation.jurisdiction = Some(domain::Jurisdiction::Nl);
    assert_eq!(check(&nl, &later()), as_is, "NL is what an absent jurisdiction means");

    let mut de = demo();
    de.organisation.jurisdiction = Some(domain::Jurisdiction::De);
    let in_germany = check(&de, &later());
    assert!(in_germany.iter().all(|f| !cites(f, &dutch_only)), "no Dutch law in Germany");
    assert!(in_germany.iter().any(|f| cites(f, &["GDPR"])) && in_germany.iter().any(|f| cites(f, &["AI Act"])));
    assert!(in_germany.iter().any(|f| cites(f, &["BetrVG"])), "the German pack is checked");
    // The Dutch register's findings that cite only EU law, and besides them only German law's.
    let eu_only: Vec<&Finding> = as_is.iter().filter(|f| !cites(f, &dutch_only)).collect();
    let in_germany_eu: Vec<&Finding> = in_germany.iter().filter(|f| !cites(f, &german)).collect();
    assert_eq!(in_germany_eu, eu_only);

    let mut ca = demo();
    ca.organisation.jurisdiction = Some(domain::Jurisdiction::UsCa);
    let in_california = check(&ca, &later());
    assert!(
        in_california.iter().all(|f| f.citations.iter().all(|c| c.instrument == "Cal. Labor Code")),
        "only California's law in California: {in_california:#?}"
    );
    assert!(in_california.iter().all(|f| !cites(f, &eu) && !cites(f, &dutch_only) && !cites(f, &german)));
}

#[test]
fn a_jurisdiction_is_read_from_the_register_and_a_wrong_one_is_named() {
    let mut table = base_table();
    table["organisation"].as_table_mut().unwrap().insert("jurisdiction".into(), "DE".into());
    let register = register_from(table.clone(), "DE");
    assert_eq!(register.organisation.jurisdiction(), domain::Jurisdiction::De);
    table["organisation"].as_table_mut().unwrap().insert("jurisdiction".into(), "FR".into());
    let text = toml::to_string(&table).unwrap();
    let err = formats::register_from_str(&text, false, Path::new("r.toml")).unwrap_err().to_string();
    // The file, line and column of the value, what it was and what it may be.
    assert!(err.starts_with("r.toml:") && err.contains("`FR`") && err.contains("US-CA"), "{err}");
}

/// A whole-register case (`rules/cases/*.toml`): a register, the date, and what must and must not
/// be found. An entry is a rule id, a citation (`WOR 27(1)(l)`) or an instrument (`WOR`),
/// optionally with the severity first (`violation: WOR 27(1)(l)`); `absent` entries match
/// questions too, and an `expect` entry `question: …` expects a question.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case shows, in a sentence.
    about: String,
    as_of: toml::value::Datetime,
    #[serde(default)]
    pwd_from: Option<toml::value::Datetime>,
    /// Merged onto `fixtures/base.toml`.
    #[serde(default)]
    patch: Option<toml::Table>,
    /// A register of its own instead.
    #[serde(default)]
    register: Option<toml::Table>,
    /// The audit report of the system `fixture` (or of the register's first system).
    #[serde(default)]
    audit: Option<toml::Value>,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

fn civil(d: &toml::value::Datetime) -> jiff::civil::Date {
    d.to_string().parse().unwrap_or_else(|e| panic!("{d}: {e}"))
}

fn matches(entry: &str, f: &Finding) -> bool {
    let (severity, what) = match entry.split_once(": ") {
        Some((s, w)) if ["violation", "risk", "advice"].contains(&s) => (Some(s), w),
        _ => (None, entry),
    };
    // A bare instrument (`WOR`) matches any citation of it.
    severity.is_none_or(|s| f.severity.as_str() == s)
        && (f.rule == what
            || f.citations.iter().any(|c| c.instrument == what || format!("{} {}", c.instrument, c.article) == what))
}

#[test]
fn every_whole_register_case_finds_what_it_must_and_nothing_it_must_not() {
    let dir = rules_dir().join("cases");
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")).map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 3, "only {} cases in {dir:?}", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let case: Case =
            toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!case.about.trim().is_empty(), "{name}: no `about`");
        assert!(!case.expect.is_empty() || !case.absent.is_empty(), "{name}: neither `expect` nor `absent`");
        let table = match (case.register, case.patch) {
            (Some(register), None) => register,
            (None, Some(patch)) => {
                let mut table = base_table();
                merge(&mut table, &patch);
                table
            }
            _ => panic!("{name}: give either `register` or `patch`"),
        };
        let register = register_from(table, &name);
        let settings = Settings { pwd_from: case.pwd_from.as_ref().map(civil), ..Settings::at(civil(&case.as_of)) };
        let first = register.systems.first().map(|s| s.id.clone()).unwrap_or_default();
        let found = rulebook()
            .check_audited(&register, &settings, &audits_of(case.audit, &first))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let findings: Vec<&Finding> = found.iter().filter(|f| f.kind == Kind::Finding).collect();
        for entry in &case.expect {
            // `question: RULE-OR-CITATION` expects a question (a fact asked for), not a finding.
            let met = match entry.strip_prefix("question: ") {
                Some(what) => found.iter().any(|f| f.kind == Kind::Question && matches(what, f)),
                None => findings.iter().any(|f| matches(entry, f)),
            };
            if !met {
                failures.push(format!("{name}: expected {entry}"));
            }
        }
        for entry in &case.absent {
            for f in found.iter().filter(|f| matches(entry, f)) {
                failures.push(format!("{name}: must not have {entry}, got {} ({:?} {:?})", f.rule, f.kind, f.severity));
            }
        }
        if !failures.is_empty() && failures.iter().any(|f| f.starts_with(&name)) {
            failures.push(format!(
                "{name} gave: {:?}",
                found.iter().map(|f| (&f.rule, f.kind, f.severity)).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
