//! The consent dossier's use cases on a generated organisation: who may do what, the evidence,
//! conditions re-checked at every import with their figures, and the advice report's numbers
//! recomputed from the audit report and the store.

use domain::Role;
use domain::dossier::{Checkpoint, Outcome, Verdict};
use locale::{Lang, Tr};
use portal::advice::Format;
use portal::{Error, Files, Reader};
use rules::conditions::{Condition, catalogue};

use super::world;

fn reader(role: Role, name: &str) -> Reader {
    Reader { name: name.into(), role, worker: None }
}

fn picked(id: &str, check: Option<&str>) -> Condition {
    let base = catalogue().iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no `{id}` in the catalogue"));
    Condition::new(base.id.clone(), base.text.clone(), check.unwrap_or(&base.check)).unwrap()
}

#[tokio::test]
async fn only_the_admin_and_the_council_open_dossiers_and_only_the_council_decides() {
    let w = world().await;
    let p = &w.portal;
    let today = p.today().await.unwrap();
    for role in [Role::Worker, Role::Inspector, Role::Expert] {
        assert!(
            matches!(p.open_dossier(&reader(role, "x"), "scan-pace", today).await, Err(Error::NotFound)),
            "{role:?}"
        );
    }
    let id = p.open_dossier(&reader(Role::Admin, "privacy"), "scan-pace", today).await.unwrap();
    assert!(matches!(
        p.open_dossier(&reader(Role::Admin, "privacy"), "no-such-system", today).await,
        Err(Error::Invalid("dossier-unknown-system"))
    ));
    let tomorrow = today.tomorrow().unwrap();
    assert!(matches!(
        p.open_dossier(&reader(Role::Council, "or"), "scan-pace", tomorrow).await,
        Err(Error::Invalid("dossier-future-date"))
    ));
    let reasons = "because";
    let conditions = [picked("min-group-10", None)];
    for role in [Role::Admin, Role::Expert, Role::Worker, Role::Inspector] {
        let r = p.decide(&reader(role, "x"), id, Outcome::GrantedWithConditions, reasons, &conditions).await;
        assert!(matches!(r, Err(Error::NotFound)), "{role:?} decided");
    }
    // The expert judges and asks; the admin answers; the council decides.
    p.set_checkpoint(&reader(Role::Expert, "expert"), id, Checkpoint::Privacy, Verdict::Insufficient, "logs too much")
        .await
        .unwrap();
    assert!(matches!(
        p.set_checkpoint(&reader(Role::Admin, "privacy"), id, Checkpoint::Privacy, Verdict::Sufficient, "").await,
        Err(Error::NotFound)
    ));
    let asked = p.ask(&reader(Role::Expert, "expert"), id, "The DPIA, please.", None, None).await.unwrap();
    assert!(matches!(p.answer_request(&reader(Role::Council, "or"), id, asked, "no").await, Err(Error::NotFound)));
    // Another dossier's number with this request's: not found, nothing answered.
    assert!(matches!(
        p.answer_request(&reader(Role::Admin, "privacy"), id + 1, asked, "Attached.").await,
        Err(Error::NotFound)
    ));
    p.answer_request(&reader(Role::Admin, "privacy"), id, asked, "Attached.").await.unwrap();
    assert!(matches!(
        p.answer_request(&reader(Role::Admin, "privacy"), id, asked, "Again.").await,
        Err(Error::Conflict("dossier-answered"))
    ));
    let council = reader(Role::Council, "or");
    assert!(matches!(
        p.decide(&council, id, Outcome::GrantedWithConditions, reasons, &[]).await,
        Err(Error::Invalid("dossier-conditions-missing"))
    ));
    assert!(matches!(
        p.decide(&council, id, Outcome::Refused, reasons, &conditions).await,
        Err(Error::Invalid("dossier-conditions-unwanted"))
    ));
    assert!(matches!(
        p.decide(&council, id, Outcome::Granted, "  ", &[]).await,
        Err(Error::Invalid("dossier-reasons-empty"))
    ));
    p.decide(&council, id, Outcome::GrantedWithConditions, reasons, &conditions).await.unwrap();
    assert!(matches!(
        p.decide(&council, id, Outcome::Refused, reasons, &[]).await,
        Err(Error::Conflict("dossier-decided"))
    ));
    assert!(matches!(
        p.set_checkpoint(&council, id, Checkpoint::Necessity, Verdict::Sufficient, "").await,
        Err(Error::Conflict("dossier-decided"))
    ));
}

#[tokio::test]
async fn the_checkpoints_carry_the_audits_figures_and_the_rulebooks_findings() {
    let w = world().await;
    let p = &w.portal;
    let id = p.open_dossier(&reader(Role::Council, "or"), "scan-pace", p.today().await.unwrap()).await.unwrap();
    let t = Tr::new(Lang::En);
    let d = p.dossier(&t, id).await.unwrap();
    assert_eq!(
        d.checkpoints.iter().map(|c| c.checkpoint).collect::<Vec<_>>(),
        ["necessity", "privacy", "production_norms", "working_conditions"]
    );
    let norms = &d.checkpoints[2];
    let sources: Vec<&str> = norms.evidence.iter().map(|e| e.source.as_str()).collect();
    assert!(sources.contains(&"audit: norms[0]"), "{sources:?}");
    assert!(sources.contains(&"audit: breaks.break_penalty"), "{sources:?}");
    // The norm's line carries the share meeting the target as the audit computed it.
    let version = p.store.latest_register().await.unwrap().unwrap();
    let system = version.register.system("scan-pace").unwrap().clone();
    let events = p.store.overview().await.unwrap().events.unwrap().0;
    let audited = p.audit(version.id, &system, events).await.unwrap();
    let share = audited.report.norms[0].share_meeting_target.unwrap();
    let line = &norms.evidence.iter().find(|e| e.source == "audit: norms[0]").unwrap().value;
    assert!(line.contains(&t.pct(Some(share))), "{line} lacks {}", t.pct(Some(share)));
    // A rule's finding lands under its checkpoint with its article.
    assert!(
        d.checkpoints
            .iter()
            .flat_map(|c| &c.evidence)
            .any(|e| e.source.starts_with("gdpr.") && e.source.contains("GDPR")),
        "no GDPR finding as evidence"
    );
    // The demo's scan-pace monitors employees: WOR 27(1)(l) applies.
    assert!(d.letters.contains(&"WOR 27(1)(l)".to_owned()), "{:?}", d.letters);
    assert!(d.changes.is_empty(), "nothing changed yet: {:?}", d.changes);
}

#[tokio::test]
async fn an_import_rechecks_the_conditions_and_says_which_broke_with_the_figure() {
    let w = world().await;
    let p = &w.portal;
    let council = reader(Role::Council, "or");
    let id = p.open_dossier(&council, "scan-pace", p.today().await.unwrap()).await.unwrap();
    let conditions = [
        picked("max-target", Some("system.target.all(t, t.per_hour <= 900.0)")),
        picked("min-group-10", None),
        picked("breaks-not-penalised", None),
    ];
    p.decide(&council, id, Outcome::GrantedWithConditions, "with conditions", &conditions).await.unwrap();
    let states = |checks: Vec<store::ConditionCheck>| {
        checks.into_iter().map(|c| (c.condition, c.state)).collect::<std::collections::BTreeMap<_, _>>()
    };
    let first = states(p.store.latest_checks(id).await.unwrap());
    assert_eq!(first["max-target"], "holds");
    assert_eq!(first["min-group-10"], "holds");
    // The generated warehouse penalises breaks heavily: the toilet test breaks that condition.
    assert_eq!(first["breaks-not-penalised"], "broken");

    // A new register raises the norm to 950 an hour.
    let dir = tempfile::tempdir().unwrap();
    let raised = dir.path().join("register.toml");
    std::fs::write(&raised, synth::REGISTER_TOML.replacen("per_hour = 854", "per_hour = 950", 1)).unwrap();
    let files = Files {
        register: raised,
        workers: None,
        decisions: None,
        events: None,
        tz: locale::DEFAULT_TIME_ZONE.into(),
        author: "test".into(),
    };
    let loaded = p.import(&w.data, &files).await.unwrap();
    let broken: Vec<&str> = loaded.broken.iter().map(|b| b.condition.as_str()).collect();
    assert_eq!(broken, ["max-target", "breaks-not-penalised"]);
    let max = loaded.broken.iter().find(|b| b.condition == "max-target").unwrap();
    let t = Tr::new(Lang::En);
    let figure = max.evidence_text(&t);
    assert!(figure.contains("950"), "the evidence names the figure: {figure}");
    assert_eq!(states(p.store.latest_checks(id).await.unwrap())["max-target"], "broken");
    let d = p.dossier(&t, id).await.unwrap();
    assert_eq!(d.broken, 2);
    assert!(d.changes.iter().any(|c| c.contains("from 854 to 950")), "{:?}", d.changes);
    assert_eq!(p.broken_conditions().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_advice_report_in_json_carries_what_the_store_holds() {
    let w = world().await;
    let p = &w.portal;
    portal::council::seed_demo(p, "privacy", "ondernemingsraad").await.unwrap();
    let scan = p.dossier_of_system("scan-pace").await.unwrap();
    let t = Tr::new(Lang::Nl);
    let json: serde_json::Value = serde_json::from_slice(&p.advice(&t, scan, Format::Json).await.unwrap()).unwrap();
    assert_eq!(json["format"], "inzage.advice/1");
    let requests = json["dossier"]["requests"].as_array().unwrap();
    let stored = p.store.information_requests(Some(scan)).await.unwrap();
    assert_eq!(requests.len(), stored.len());
    assert_eq!(requests.len(), 2);
    // Recomputed from the stored dates: one request is past its due date unanswered.
    let today = p.today().await.unwrap();
    let overdue = stored.iter().filter(|r| r.answer.is_none() && r.due < today).count();
    assert_eq!(overdue, 1);
    assert_eq!(json["dossier"]["overdue"], overdue);
    assert_eq!(requests.iter().filter(|r| r["state"] == "overdue").count(), overdue);
    // The shift planner's decided dossier: three conditions, the 10-hour one broken by 10.5.
    let planner = p.dossier_of_system("shift-planner").await.unwrap();
    let json: serde_json::Value = serde_json::from_slice(&p.advice(&t, planner, Format::Json).await.unwrap()).unwrap();
    let conditions = json["dossier"]["conditions"].as_array().unwrap();
    let states: Vec<(&str, &str)> =
        conditions.iter().map(|c| (c["id"].as_str().unwrap(), c["state"].as_str().unwrap())).collect();
    assert_eq!(
        states,
        [("max-shift-10h", "broken"), ("no-admin-read-without-contest", "holds"), ("workers-informed", "holds")]
    );
    assert!(conditions[0]["evidence"].as_str().unwrap().contains("10.5"), "{}", conditions[0]["evidence"]);
    assert_eq!(json["dossier"]["outcome"], "granted_with_conditions");
    // The HTML is one document with the same conditions.
    let html = String::from_utf8(p.advice(&t, planner, Format::Html).await.unwrap()).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("Het rooster plant geen diensten langer dan 10 uur."));
}

#[tokio::test]
async fn an_admin_read_without_a_contest_breaks_that_condition() {
    let w = world().await;
    let p = &w.portal;
    let council = reader(Role::Council, "or");
    let id = p.open_dossier(&council, "scan-pace", p.today().await.unwrap()).await.unwrap();
    p.decide(&council, id, Outcome::GrantedWithConditions, "x", &[picked("no-admin-read-without-contest", None)])
        .await
        .unwrap();
    assert_eq!(p.store.latest_checks(id).await.unwrap()[0].state, "holds");
    p.store.log_access("privacy", Role::Admin, &p.pseudonymiser.pseudonym("W0001"), "page /people").await.unwrap();
    let broken = p.recheck_conditions().await.unwrap();
    assert_eq!(broken.len(), 1);
    let figure = broken[0].evidence_text(&Tr::new(Lang::Nl));
    assert!(figure.contains("access.reads_without_contest.admin = 1"), "{figure}");
}

#[tokio::test]
async fn the_council_invites_its_expert_with_the_cost_notice_and_starts_the_nullity_clock() {
    let w = world().await;
    let p = &w.portal;
    let council = reader(Role::Council, "or");
    let today = p.today().await.unwrap();
    let id = p.open_dossier(&council, "scan-pace", today).await.unwrap();
    assert!(matches!(
        p.invite_expert(&council, id, "deskundige", " ").await,
        Err(Error::Invalid("dossier-cost-empty"))
    ));
    assert!(matches!(
        p.invite_expert(&reader(Role::Admin, "privacy"), id, "deskundige", "€ 4.000").await,
        Err(Error::NotFound)
    ));
    let token = p.invite_expert(&council, id, "deskundige", "€ 4.000").await.unwrap();
    let account = p.invitation(&token).await.unwrap();
    assert_eq!((account.name.as_str(), account.role), ("deskundige", Role::Expert));
    // The nullity month from ten days ago: the dossier counts down from the domain's end date.
    let from = today.checked_sub(jiff::Span::new().days(10)).unwrap();
    p.set_nullity(&council, id, from, domain::dossier::Learned::Otherwise).await.unwrap();
    let t = Tr::new(Lang::En);
    let d = p.dossier(&t, id).await.unwrap();
    let ends = domain::dossier::nullity_ends(from);
    let nullity = d.nullity.unwrap();
    assert_eq!(nullity.days_left, i64::from((ends - today).get_days()));
    assert!(nullity.line.contains(&t.date(ends)), "{}", nullity.line);
    let (name, _, notice) = d.expert.unwrap();
    assert_eq!(name, "deskundige");
    assert!(notice.contains("€ 4.000") && notice.contains("22(2)"), "{notice}");
    assert!(matches!(
        p.set_nullity(&council, id, today.tomorrow().unwrap(), domain::dossier::Learned::Notice).await,
        Err(Error::Invalid("dossier-future-date"))
    ));
}

/// Regression: why a condition is unknown was English on Dutch pages; it is stored as data and
/// written in the reader's language.
#[tokio::test]
async fn why_a_condition_is_unknown_is_written_in_the_readers_language() {
    let w = world().await;
    let p = &w.portal;
    let council = reader(Role::Council, "or");
    // The roster planner has no norm, so no audit: a condition on the audit cannot be known.
    let id = p.open_dossier(&council, "shift-planner", p.today().await.unwrap()).await.unwrap();
    p.decide(&council, id, Outcome::GrantedWithConditions, "x", &[picked("min-group-10", None)]).await.unwrap();
    let nl = p.dossier(&Tr::new(Lang::Nl), id).await.unwrap();
    let en = p.dossier(&Tr::new(Lang::En), id).await.unwrap();
    assert_eq!((nl.conditions[0].state, en.conditions[0].state), ("unknown", "unknown"));
    assert!(nl.conditions[0].evidence.contains("er is geen auditrapport"), "{}", nl.conditions[0].evidence);
    assert!(
        nl.conditions[0].evidence.contains("audit.parameters.min_group: ontbreekt"),
        "{}",
        nl.conditions[0].evidence
    );
    assert!(en.conditions[0].evidence.contains("there is no audit report"), "{}", en.conditions[0].evidence);
}
