//! Conditions of a works council's consent: the catalogue condition by condition (data where it
//! holds, where it is broken and where a figure is missing), evidence, parse errors and the
//! round trip through the file format.

use std::collections::BTreeSet;

use rules::Text;
use rules::conditions::{self, Condition, Evidence, Inputs, Outcome, State};
use serde_json::{Value, json};

use super::{base_table, merge, register_from};

/// The day the checks are read at: the reference register's DPIA (2024-01-15) and RI&E
/// (2024-02-15) are then less than 12 months old.
const AS_OF: jiff::civil::Date = jiff::civil::date(2024, 6, 1);

/// What a condition is checked against: the reference register (`rules/fixtures/base.toml`),
/// an audit report with the keys of `audit.md` and an access log, all clean.
struct Data {
    register: toml::Table,
    audit: Option<Value>,
    access: Value,
}

impl Data {
    fn clean() -> Data {
        let audit = json!({
            "parameters": { "shift_gap_s": 14400, "pause_min_s": 900, "min_group": 10, "flag_share": 0.1,
                            "resamples": 1000, "seed": 7, "targets": [{ "kind": "scan", "per_hour": 500.0 }],
                            "time_zone": "Europe/Amsterdam" },
            "events": 120000, "workers": 40, "shifts": 800,
            "norms": [ { "kind": "scan", "per_hour": 500.0, "seconds_per_unit": 7.2, "shifts_rated": 790,
                         "share_meeting_target": 0.8, "median_rate": 560.0 } ],
            "breaks": { "shifts_needing_break": 700, "shifts_missing_legal_break": 12,
                        "break_penalty": { "kind": "scan", "difference_pp": -2.0, "ci95_pp": [-6.1, 2.2] } },
            "cnil": { "kind": "scan", "rapid_event_share": 0.01, "long_idle_gaps": 30, "short_pauses": 900 },
            "groups": [],
            "reliability": { "kind": "scan", "workers": 38, "split_half_r": 0.8, "spearman_brown": 0.89 },
            "flags": { "flag_share": 0.1, "flagged": 4, "resamples": 1000, "unstable_share": 0.0 },
            "review": { "decisions": 20, "automated": 10, "reviewed_share": 1.0, "median_review_seconds": 95.0,
                        "overturned_share": 0.2, "rubber_stamp": false }
        });
        let roles = |admin: u64| json!({ "admin": admin, "council": 0, "expert": 0, "inspector": 0, "worker": 12 });
        let access = json!({ "since": "2024-05-02", "days": 30, "reads": roles(3), "reads_without_contest": roles(0) });
        Data { register: base_table(), audit: Some(audit), access }
    }

    /// Merges TOML onto the register's one system: `"monitoring = 'continuous'"`.
    fn system(&mut self, patch: &str) {
        let patch: toml::Table = toml::from_str(patch).unwrap_or_else(|e| panic!("{patch}: {e}"));
        let mut wrapped = toml::Table::new();
        wrapped.insert("system".into(), toml::Value::Table(patch));
        merge(&mut self.register, &wrapped);
    }

    /// Removes a key, dotted, from the register's one system: `"health_safety.rie_date"`.
    fn unset(&mut self, path: &str) {
        let Some(toml::Value::Array(systems)) = self.register.get_mut("system") else { panic!("no system") };
        let Some(toml::Value::Table(first)) = systems.first_mut() else { panic!("no system") };
        let mut table = first;
        let (parents, last) = path.rsplit_once('.').map_or((None, path), |(p, l)| (Some(p), l));
        for part in parents.into_iter().flat_map(|p| p.split('.')) {
            let Some(toml::Value::Table(t)) = table.get_mut(part) else { panic!("{path}: no {part}") };
            table = t;
        }
        assert!(table.remove(last).is_some(), "{path} was not in the register");
    }

    /// Sets a value of the audit report by JSON pointer: `"/flags/unstable_share"`.
    fn audit(&mut self, pointer: &str, value: Value) {
        let audit = self.audit.as_mut().expect("an audit");
        *audit.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer} in the audit")) = value;
    }
}

/// The one helper that touches the API: checks conditions against the data.
fn check(conditions: &[Condition], data: &Data) -> Vec<Outcome> {
    let register = register_from(data.register.clone(), "conditions fixture");
    let inputs = Inputs {
        audit: data.audit.as_ref(),
        system: &register.systems[0],
        register: &register,
        access: &data.access,
        as_of: AS_OF,
    };
    conditions::check(conditions, &inputs)
}

fn catalogued(id: &str) -> &'static Condition {
    conditions::catalogue().iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no condition `{id}`"))
}

fn outcome(id: &str, data: &Data) -> Outcome {
    check_with(catalogued(id), data)
}

/// One condition checked against `data`.
fn check_with(condition: &Condition, data: &Data) -> Outcome {
    check(std::slice::from_ref(condition), data).remove(0)
}

/// A case: the condition, the state it must give, what the case is, and the change to the clean data.
type Case = (&'static str, State, &'static str, fn(&mut Data));

/// Every catalogue condition with data on which it holds, is broken and, where a figure can be
/// missing, is unknown. Each case changes the clean data.
const CASES: &[Case] = &[
    ("max-target", State::Holds, "no target", |_| {}),
    ("max-target", State::Holds, "500 an hour", |d| d.system("target = [{ kind = 'scan', per_hour = 500.0 }]")),
    ("max-target", State::Broken, "854 an hour", |d| {
        d.system("target = [{ kind = 'pick', per_hour = 120.0 }, { kind = 'scan', per_hour = 854.0 }]")
    }),
    // The register always states a target's per_hour: max-target cannot miss a figure.
    ("no-ranking", State::Holds, "clean", |_| {}),
    ("no-ranking", State::Broken, "ranking decision", |d| d.system("decision = [{ kind = 'ranking' }]")),
    ("no-ranking", State::Broken, "live ranking", |d| d.system("health_safety.realtime_ranking = true")),
    ("no-ranking", State::Unknown, "live ranking not registered", |d| d.unset("health_safety.realtime_ranking")),
    ("raw-events-31-days", State::Holds, "31 days", |d| {
        d.system("data = ['scan_events', 'badge']\nretention_days = { scan_events = 31 }")
    }),
    ("raw-events-31-days", State::Holds, "no raw events", |_| {}),
    ("raw-events-31-days", State::Broken, "60 days", |d| {
        d.system("data = ['scan_events', 'badge']\nretention_days = { scan_events = 60 }")
    }),
    ("raw-events-31-days", State::Broken, "refined category", |d| {
        d.system("data = ['location.precise']\nretention_days = { 'location.precise' = 90 }")
    }),
    ("raw-events-31-days", State::Unknown, "no retention set", |d| d.system("data = ['scan_events', 'badge']")),
    ("no-continuous-capture", State::Holds, "incident", |_| {}),
    ("no-continuous-capture", State::Broken, "continuous", |d| d.system("monitoring = 'continuous'")),
    ("no-continuous-capture", State::Unknown, "not registered", |d| d.unset("monitoring")),
    ("breaks-not-penalised", State::Holds, "-2 pp", |_| {}),
    ("breaks-not-penalised", State::Holds, "-5 pp", |d| d.audit("/breaks/break_penalty/difference_pp", json!(-5.0))),
    ("breaks-not-penalised", State::Broken, "-12 pp", |d| d.audit("/breaks/break_penalty/difference_pp", json!(-12.0))),
    ("breaks-not-penalised", State::Unknown, "no penalty measured", |d| d.audit("/breaks/break_penalty", Value::Null)),
    ("breaks-not-penalised", State::Unknown, "no audit", |d| d.audit = None),
    ("automated-warnings-reviewed", State::Holds, "all reviewed", |_| {}),
    ("automated-warnings-reviewed", State::Holds, "nothing automated", |d| {
        d.audit(
            "/review",
            json!({ "decisions": 5, "automated": 0, "reviewed_share": null,
                                   "median_review_seconds": null, "overturned_share": null, "rubber_stamp": false }),
        )
    }),
    ("automated-warnings-reviewed", State::Broken, "90% reviewed", |d| d.audit("/review/reviewed_share", json!(0.9))),
    ("automated-warnings-reviewed", State::Broken, "rubber stamp", |d| d.audit("/review/rubber_stamp", json!(true))),
    ("automated-warnings-reviewed", State::Unknown, "no decisions file", |d| d.audit("/review", Value::Null)),
    ("automated-warnings-reviewed", State::Unknown, "no audit", |d| d.audit = None),
    ("sanctions-with-reasons", State::Holds, "no decisions", |_| {}),
    ("sanctions-with-reasons", State::Holds, "warning with reasons", |d| {
        d.system("decision = [{ kind = 'warning', written_reasons = true }, { kind = 'roster' }]")
    }),
    ("sanctions-with-reasons", State::Broken, "warning without reasons", |d| {
        d.system("decision = [{ kind = 'roster' }, { kind = 'warning', written_reasons = false }]")
    }),
    ("sanctions-with-reasons", State::Unknown, "reasons not registered", |d| {
        d.system("decision = [{ kind = 'account_block' }]")
    }),
    ("no-admin-read-without-contest", State::Holds, "none", |_| {}),
    ("no-admin-read-without-contest", State::Broken, "two", |d| d.access["reads_without_contest"]["admin"] = json!(2)),
    ("no-admin-read-without-contest", State::Unknown, "no access log", |d| d.access = Value::Null),
    ("no-admin-read-without-contest", State::Unknown, "not counted", |d| {
        d.access = json!({ "since": "2024-05-02", "days": 30, "reads": { "admin": 3 } })
    }),
    ("min-group-10", State::Holds, "10", |_| {}),
    ("min-group-10", State::Broken, "5", |d| d.audit("/parameters/min_group", json!(5))),
    ("min-group-10", State::Unknown, "no audit", |d| d.audit = None),
    ("target-attainable-75", State::Holds, "80%", |_| {}),
    ("target-attainable-75", State::Broken, "60%", |d| d.audit("/norms/0/share_meeting_target", json!(0.6))),
    ("target-attainable-75", State::Broken, "a second norm at 50%", |d| {
        let second = json!({ "kind": "pick", "per_hour": 120.0, "seconds_per_unit": 30.0, "shifts_rated": 790,
                             "share_meeting_target": 0.5, "median_rate": 110.0 });
        d.audit.as_mut().unwrap()["norms"].as_array_mut().unwrap().push(second);
    }),
    ("target-attainable-75", State::Unknown, "no norms", |d| d.audit("/norms", json!([]))),
    ("target-attainable-75", State::Unknown, "no rated shift", |d| {
        d.audit("/norms/0/share_meeting_target", Value::Null)
    }),
    ("target-attainable-75", State::Unknown, "no audit", |d| d.audit = None),
    ("no-emotion-recognition", State::Holds, "none", |_| {}),
    ("no-emotion-recognition", State::Holds, "a harmless function", |d| {
        d.system("function = [{ id = 'heatmap', name = 'Heat map', status = 'enabled', emotion_inference = false }]")
    }),
    ("no-emotion-recognition", State::Broken, "infers emotions", |d| d.system("emotion_inference = true")),
    ("no-emotion-recognition", State::Broken, "emotion data", |d| d.system("data = ['badge', 'emotion.voice']")),
    ("no-emotion-recognition", State::Broken, "a disabled function", |d| {
        d.system("function = [{ id = 'mood', name = 'Mood', status = 'disabled', emotion_inference = true }]")
    }),
    ("no-emotion-recognition", State::Unknown, "not registered", |d| d.unset("emotion_inference")),
    ("dpia-recent", State::Holds, "4 months old", |_| {}),
    ("dpia-recent", State::Broken, "2 years old", |d| d.system("assessment.dpia_date = 2022-05-01")),
    ("dpia-recent", State::Broken, "in progress", |d| d.system("assessment.dpia = 'in_progress'")),
    ("dpia-recent", State::Unknown, "no date", |d| d.unset("assessment.dpia_date")),
    ("dpia-recent", State::Unknown, "no assessment", |d| d.unset("assessment")),
    ("rie-recent", State::Holds, "3 months old", |_| {}),
    ("rie-recent", State::Broken, "13 months old", |d| d.system("health_safety.rie_date = 2023-05-01")),
    ("rie-recent", State::Broken, "does not cover it", |d| d.system("health_safety.rie_covers = false")),
    ("rie-recent", State::Unknown, "no date", |d| d.unset("health_safety.rie_date")),
    ("flags-stable", State::Holds, "0%", |_| {}),
    ("flags-stable", State::Holds, "20%", |d| d.audit("/flags/unstable_share", json!(0.2))),
    ("flags-stable", State::Broken, "45%", |d| d.audit("/flags/unstable_share", json!(0.45))),
    ("flags-stable", State::Unknown, "nobody flagged", |d| d.audit("/flags/unstable_share", Value::Null)),
    ("flags-stable", State::Unknown, "no audit", |d| d.audit = None),
    ("workers-get-their-data", State::Holds, "a procedure", |_| {}),
    ("workers-get-their-data", State::Broken, "no procedure", |d| d.system("transparency.access_procedure = false")),
    ("workers-get-their-data", State::Unknown, "not registered", |d| d.unset("transparency.access_procedure")),
];

/// Conditions that read only facts the register must state, so no figure can be missing.
const NEVER_UNKNOWN: [&str; 1] = ["max-target"];

#[test]
fn the_catalogue_parses_with_unique_ids_both_texts_and_compiling_checks() {
    let catalogue = conditions::catalogue();
    assert!(catalogue.len() >= 12, "only {} conditions", catalogue.len());
    let mut ids = BTreeSet::new();
    for c in catalogue {
        assert!(ids.insert(c.id.as_str()), "`{}` twice", c.id);
        assert!(!c.text.nl.trim().is_empty() && !c.text.en.trim().is_empty(), "{}: a text is empty", c.id);
        assert_ne!(c.text.nl, c.text.en, "{}: the Dutch text is the English one", c.id);
        Condition::new(c.id.clone(), c.text.clone(), c.check.clone()).unwrap_or_else(|e| panic!("{}: {e}", c.id));
    }
    for wanted in [
        "max-target",
        "no-ranking",
        "raw-events-31-days",
        "breaks-not-penalised",
        "automated-warnings-reviewed",
        "no-admin-read-without-contest",
        "min-group-10",
        "target-attainable-75",
        "no-emotion-recognition",
        "dpia-recent",
        "flags-stable",
    ] {
        assert!(ids.contains(wanted), "the catalogue lacks `{wanted}`");
    }
    // The compiled-in catalogue is the file in the repository.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(conditions::CATALOGUE_FILE);
    let on_disk = conditions::parse(&std::fs::read_to_string(path).unwrap(), conditions::CATALOGUE_FILE).unwrap();
    assert_eq!(on_disk, catalogue);
}

#[test]
fn the_clean_data_satisfies_every_catalogue_condition() {
    let outcomes = check(conditions::catalogue(), &Data::clean());
    let not: Vec<&Outcome> = outcomes.iter().filter(|o| o.state != State::Holds).collect();
    assert!(not.is_empty(), "{not:#?}");
}

/// ruff's pattern: one test walks every case and reports every failure.
#[test]
fn every_catalogue_condition_holds_breaks_and_is_unknown_on_its_fixtures() {
    let mut failures = Vec::new();
    let mut seen: BTreeSet<(&str, State)> = BTreeSet::new();
    for (id, expected, what, change) in CASES {
        let mut data = Data::clean();
        change(&mut data);
        let got = outcome(id, &data);
        seen.insert((id, *expected));
        if got.state != *expected {
            failures.push(format!("{id} ({what}): {:?}, not {expected:?}; {got:?}", got.state));
        }
        if (got.state == State::Unknown) != got.reason.is_some() {
            failures.push(format!("{id} ({what}): reason {:?} with state {:?}", got.reason, got.state));
        }
    }
    for c in conditions::catalogue() {
        let id = c.id.as_str();
        for state in [State::Holds, State::Broken, State::Unknown] {
            let exempt = state == State::Unknown && NEVER_UNKNOWN.contains(&id);
            if !exempt && !seen.contains(&(id, state)) {
                failures.push(format!("{id}: no case where it is {state:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

fn shown(evidence: &[Evidence]) -> Vec<String> {
    evidence.iter().map(ToString::to_string).collect()
}

#[test]
fn evidence_lists_the_paths_read_with_their_values() {
    let mut data = Data::clean();
    let got = outcome("breaks-not-penalised", &data);
    assert_eq!(shown(&got.evidence), ["audit.breaks.break_penalty.difference_pp = -2.0"]);

    data.system("health_safety.realtime_ranking = true");
    let got = outcome("no-ranking", &data);
    assert_eq!(got.state, State::Broken);
    assert_eq!(shown(&got.evidence), ["system.decision = []", "system.health_safety.realtime_ranking = true"]);

    let got = outcome("dpia-recent", &data);
    assert_eq!(
        shown(&got.evidence),
        ["system.assessment.dpia = \"done\"", "system.assessment.dpia_date = \"2024-01-15\"", "as_of = \"2024-06-01\""]
    );

    let got = outcome("target-attainable-75", &data);
    assert_eq!(got.evidence[0].to_string(), "audit.norms[0].share_meeting_target = 0.8");
    assert_eq!(got.evidence[1].path, "audit.norms");
    assert_eq!(got.evidence[1].value.as_ref().unwrap()[0]["kind"], "scan");

    // Long lists are shortened: the first five and a count of the rest.
    let targets: Vec<String> = (1..=12).map(|i| format!("{{ kind = 'k{i}', per_hour = {i}.0 }}")).collect();
    data.system(&format!("target = [{}]", targets.join(", ")));
    let got = outcome("max-target", &data);
    let list = got.evidence[0].value.as_ref().unwrap().as_array().unwrap().clone();
    assert_eq!(list.len(), 6, "{list:?}");
    assert_eq!(list[0], json!({ "kind": "k1", "per_hour": 1.0 }));
    assert_eq!(list[5], json!("… 7 more"));
}

#[test]
fn a_missing_figure_is_unknown_and_the_reason_names_it() {
    let mut data = Data::clean();
    data.audit = None;
    let got = outcome("target-attainable-75", &data);
    assert_eq!(got.state, State::Unknown);
    assert_eq!(got.reason.as_deref(), Some("there is no audit report"));
    assert_eq!(shown(&got.evidence), ["audit.norms[0].share_meeting_target: absent", "audit.norms: absent"]);

    let mut data = Data::clean();
    data.audit("/norms", json!([]));
    let got = outcome("target-attainable-75", &data);
    assert_eq!(got.reason.as_deref(), Some("`audit.norms[0]` is not there (the list has 0 items)"));

    let mut data = Data::clean();
    data.audit("/breaks/break_penalty", Value::Null);
    let got = outcome("breaks-not-penalised", &data);
    assert_eq!(got.reason.as_deref(), Some("`audit.breaks.break_penalty` is null"));
    assert_eq!(shown(&got.evidence), ["audit.breaks.break_penalty.difference_pp: absent"]);

    let mut data = Data::clean();
    data.unset("health_safety");
    let got = outcome("no-ranking", &data);
    assert_eq!(got.state, State::Unknown);
    assert_eq!(got.reason.as_deref(), Some("`system.health_safety` is not there"));

    // A name read inside a comprehension: the error names it.
    let mut data = Data::clean();
    data.system("data = ['scan_events']");
    let got = outcome("raw-events-31-days", &data);
    assert_eq!(got.reason.as_deref(), Some("`scan_events` is not there"));

    let mut data = Data::clean();
    data.access = Value::Null;
    let got = outcome("no-admin-read-without-contest", &data);
    assert_eq!(got.reason.as_deref(), Some("`access` is null"));
}

/// Regression: CEL compares a null with `==` as plain false, so a figure the audit left null
/// (no review when nothing was automated) made a check broken on a guess. A null is now a
/// figure that is not there: unknown, `==` and `!=` alike.
#[test]
fn a_null_figure_compared_with_equals_is_unknown_not_broken() {
    let mut data = Data::clean();
    data.audit("/review/reviewed_share", Value::Null);
    for check in ["audit.review.reviewed_share == 1.0", "audit.review.reviewed_share != 1.0"] {
        let condition = Condition::new("review-all", Text { nl: "nl".into(), en: "en".into() }, check).unwrap();
        let got = check_with(&condition, &data);
        assert_eq!(got.state, State::Unknown, "{check}: {got:?}");
        assert_eq!(got.reason.as_deref(), Some("`audit.review.reviewed_share` is null"), "{check}");
    }
    // A known part that is false still decides: the condition is broken on what is known.
    let condition = Condition::new(
        "both",
        Text { nl: "nl".into(), en: "en".into() },
        "audit.parameters.min_group >= 20 && audit.review.reviewed_share == 1.0",
    )
    .unwrap();
    assert_eq!(check_with(&condition, &data).state, State::Broken);
}

#[test]
fn a_check_that_gives_no_boolean_is_unknown() {
    let text = Text { en: "Events".into(), nl: "Gebeurtenissen".into() };
    let c = Condition::new("events", text, "audit.events").unwrap();
    let got = check(&[c], &Data::clean()).remove(0);
    assert_eq!(got.state, State::Unknown);
    assert!(got.reason.as_deref().unwrap().contains("not true or false"), "{got:?}");
}

#[test]
fn an_outcome_serialises_with_absent_values_left_out() {
    let mut data = Data::clean();
    data.audit = None;
    let got = outcome("flags-stable", &data);
    let json = serde_json::to_value(&got).unwrap();
    assert_eq!(
        json,
        json!({ "id": "flags-stable", "state": "unknown", "evidence": [{ "path": "audit.flags.unstable_share" }],
                "reason": "there is no audit report", "why": [{ "why": "no_audit" }] })
    );
    data.audit = Data::clean().audit;
    data.audit("/flags", Value::Null);
    let json = serde_json::to_value(outcome("flags-stable", &data)).unwrap();
    assert_eq!(json["evidence"], json!([{ "path": "audit.flags.unstable_share" }]));
    assert_eq!(json["reason"], "`audit.flags` is null");
}

fn parse_error(source: &str) -> String {
    match conditions::parse(source, "mine.toml") {
        Ok(c) => panic!("parsed: {c:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_toml_syntax_error_names_its_line() {
    let source = "[[condition]]\nid = \"a\"\ntext.nl = \"n\"\ntext.en = \"e\"\ncheck = 'true\n";
    let e = parse_error(source);
    assert!(e.starts_with("mine.toml:5: "), "{e}");
}

#[test]
fn a_missing_key_names_the_key_and_the_condition() {
    let source = "[[condition]]\nid = \"a\"\ntext.nl = \"n\"\ntext.en = \"e\"\ncheck = \"true\"\n\n\
                  [[condition]]\nid = \"b\"\ntext.nl = \"n\"\ntext.en = \"e\"\n";
    assert_eq!(
        parse_error(source),
        "mine.toml:7: key `check` of condition `b`: missing; a condition needs `id`, `text.nl`, `text.en` and `check`"
    );
    let e = parse_error("[[condition]]\nid = \"a\"\ncheck = \"true\"\n[condition.text]\nnl = \"n\"\n");
    assert_eq!(e, "mine.toml:4: key `text.en` of condition `a`: missing");
    let e = parse_error("[[condition]]\ntext.nl = \"n\"\ntext.en = \"e\"\ncheck = \"true\"\n");
    assert!(e.starts_with("mine.toml:1: key `id`: missing"), "{e}");
}

#[test]
fn a_check_that_does_not_compile_names_its_line_and_condition() {
    let source = "# a comment\n[[condition]]\nid = \"a\"\ntext.nl = \"n\"\ntext.en = \"e\"\n\
                  check = \"\"\"\naudit.norms[0].per_hour <=\n\"\"\"\n";
    let e = parse_error(source);
    assert!(e.starts_with("mine.toml:6: key `check` of condition `a`: does not compile: "), "{e}");
    // A name a check cannot read is caught before any data is seen.
    let e = parse_error(
        "[[condition]]\nid = \"a\"\ntext.nl = \"n\"\ntext.en = \"e\"\ncheck = \"sytem.target.size() == 0\"\n",
    );
    assert!(e.starts_with("mine.toml:5: key `check` of condition `a`: does not compile: unknown name `sytem`"), "{e}");
    // A comprehension's own variable is not an unknown name.
    let c = Condition::new("a", Text { en: "e".into(), nl: "n".into() }, "system.target.all(t, t.per_hour < 9.0)");
    assert!(c.is_ok(), "{c:?}");
}

#[test]
fn a_duplicate_or_malformed_id_is_rejected() {
    let one = |id: &str| format!("[[condition]]\nid = \"{id}\"\ntext.nl = \"n\"\ntext.en = \"e\"\ncheck = \"true\"\n");
    let e = parse_error(&format!("{}\n{}", one("a"), one("a")));
    assert_eq!(e, "mine.toml:8: key `id` of condition `a`: used twice; first at line 2");
    let e = parse_error(&one("Max_Target"));
    assert!(e.starts_with("mine.toml:2: key `id`: `Max_Target` is not a condition id"), "{e}");
}

#[test]
fn an_unknown_key_or_a_wrong_type_is_named_with_its_line() {
    let e = parse_error("[[condition]]\nid = \"a\"\ntext.nl = \"n\"\ntext.en = \"e\"\nchek = \"true\"\n");
    assert!(e.starts_with("mine.toml:5: ") && e.contains("unknown field `chek`"), "{e}");
    let e = parse_error("[[condition]]\nid = 5\n");
    assert!(e.starts_with("mine.toml:2: key `id`: "), "{e}");
    let e = parse_error("[[condition]]\nid = \"a\"\ntext = \"x\"\n");
    assert_eq!(e, "mine.toml:3: key `text`: invalid type: string \"x\", expected a table with `nl` and `en`");
}

#[test]
fn a_condition_typed_in_a_form_is_checked_field_by_field() {
    let text = || Text { en: "e".into(), nl: "n".into() };
    assert_eq!(Condition::new("Bad id", text(), "true").unwrap_err().key, "id");
    assert_eq!(Condition::new("a", Text { en: "e".into(), nl: " ".into() }, "true").unwrap_err().key, "text.nl");
    assert_eq!(Condition::new("a", Text { en: "".into(), nl: "n".into() }, "true").unwrap_err().key, "text.en");
    let e = Condition::new("a", text(), "audit.norms[").unwrap_err();
    assert_eq!(e.key, "check");
    assert!(e.to_string().starts_with("key `check`: does not compile: "), "{e}");
    let ok = Condition::new("a", text(), "audit.norms.size() > 0 && access.reads.admin < 5").unwrap();
    assert_eq!(ok.paths(), ["audit.norms", "access.reads.admin"]);
}

#[test]
fn to_toml_round_trips() {
    let catalogue = conditions::catalogue();
    let written = conditions::to_toml(catalogue);
    assert_eq!(conditions::parse(&written, "written.toml").unwrap(), catalogue);

    let odd = Condition::new(
        "odd-1",
        Text { en: "Quotes \"\"\" and \\ back\tslash".into(), nl: "Regel één\nregel twee \"\"\"".into() },
        "org.name == \"a\\\"b\" \n|| system.id.startsWith('x')",
    )
    .unwrap();
    let written = conditions::to_toml(std::slice::from_ref(&odd));
    assert_eq!(conditions::parse(&written, "odd.toml").unwrap(), [odd]);
    assert_eq!(conditions::to_toml(&[]), "");
}

proptest::proptest! {
    /// A conditions file is outside input: whatever it holds, `parse` answers with conditions or
    /// an error that names a line, and never panics.
    #[test]
    fn any_text_parses_or_is_refused_with_a_line(text in "\\PC{0,200}") {
        if let Err(e) = conditions::parse(&text, "any.toml") {
            proptest::prop_assert!(e.to_string().starts_with("any.toml:"), "{e}");
        }
    }

    /// Files that look like conditions, with any id, texts and check.
    #[test]
    fn any_condition_entry_parses_or_is_refused_with_a_line(
        id in "[a-zA-Z0-9_ -]{0,12}",
        nl in "\\PC{0,20}",
        check in "[a-z_.()\\[\\]0-9 <=>!&|'\"]{0,40}",
    ) {
        let text = format!(
            "[[condition]]\nid = {id:?}\ncheck = {check:?}\n[condition.text]\nnl = {nl:?}\nen = \"x\"\n"
        );
        match conditions::parse(&text, "c.toml") {
            Ok(list) => {
                proptest::prop_assert_eq!(list.len(), 1);
                proptest::prop_assert_eq!(&list[0].id, &id);
            }
            Err(e) => proptest::prop_assert!(e.to_string().starts_with("c.toml:"), "{e}"),
        }
    }
}
